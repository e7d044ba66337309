using Microsoft.AspNetCore.Identity;

namespace DistrictTraining.Core.Identity;

/// <summary>A staff account. There is no self-registration: administrators create accounts.</summary>
public class AppUser : IdentityUser
{
    public string FullName { get; set; } = string.Empty;

    /// <summary>The centre the account works for; null only for the provincial office.</summary>
    public int? CentreId { get; set; }

    /// <summary>For a unit liaison: the only unit they may see.</summary>
    public int? UnitId { get; set; }

    public bool IsDisabled { get; set; }

    public DateTime CreatedAt { get; set; }
}
