namespace DistrictTraining.Core.Auditing;

/// <summary>Who is acting, for the audit trail. The web layer reads it from the signed-in user.</summary>
public interface ICurrentUser
{
    string? UserId { get; }

    string? UserName { get; }
}

/// <summary>The portal itself acting (start-up, seeding, background work).</summary>
public sealed class SystemUser : ICurrentUser
{
    public static readonly SystemUser Instance = new();

    public string? UserId => null;

    public string? UserName => "system";
}
