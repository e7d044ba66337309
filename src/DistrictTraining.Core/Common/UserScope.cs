namespace DistrictTraining.Core.Common;

/// <summary>
/// What the signed-in user may see and change, resolved once per request by the web layer.
/// Classes, plans, registers and accounts belong to a centre; the trainee registry is shared.
/// </summary>
public interface IUserScope
{
    string? UserId { get; }

    /// <summary>The user's centre; null for the provincial office, which reads every centre.</summary>
    int? CentreId { get; }

    /// <summary>For a unit liaison: the only unit whose trainees they may see.</summary>
    int? UnitId { get; }

    /// <summary>Administrators and centre staff change data; everyone else reads.</summary>
    bool CanEdit { get; }

    bool IsAdministrator { get; }

    /// <summary>The provincial office reads across all centres.</summary>
    bool AllCentres { get; }

    /// <summary>
    /// A lecturer reads only the classes they teach (a session or the class-head role on their lecturer record),
    /// and of those classes' trainees only what marking needs: never the registry, CCCD, ethnicity, religion or Party data.
    /// </summary>
    bool IsLecturer { get; }

    /// <summary>The user's centre, or a refusal for a user who has none (who cannot create centre data).</summary>
    int RequireCentre() => CentreId ?? throw new DomainException("Tài khoản này không thuộc trung tâm nào nên không thể thực hiện thao tác này.");
}

/// <summary>A fixed scope, for tests, start-up work and background jobs.</summary>
public sealed record FixedUserScope(
    int? CentreId, int? UnitId = null, bool CanEdit = true, bool IsAdministrator = false, bool AllCentres = false, string? UserId = null, bool IsLecturer = false) : IUserScope;
