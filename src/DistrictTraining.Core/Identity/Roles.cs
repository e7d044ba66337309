namespace DistrictTraining.Core.Identity;

/// <summary>Role names, used by [Authorize] and by the account pages. One place for them all.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string CentreStaff = "CentreStaff";
    public const string Lecturer = "Lecturer";
    public const string CommitteeOfficial = "CommitteeOfficial";
    public const string UnitLiaison = "UnitLiaison";
    public const string ProvincialOffice = "ProvincialOffice";

    /// <summary>
    /// Held beside <see cref="Administrator"/>, never alone: the administrator manages every centre's accounts, not only
    /// their own centre's, and may grant this role (ADR-010). Not an account's "role" in the list or the form.
    /// </summary>
    public const string ProvinceAdministrator = "ProvinceAdministrator";

    /// <summary>Every role the portal seeds at start-up.</summary>
    public static readonly IReadOnlyList<string> All =
        [Administrator, CentreStaff, Lecturer, CommitteeOfficial, UnitLiaison, ProvincialOffice, ProvinceAdministrator];

    /// <summary>The roles an account holds one of (its "role" in the list and the form).</summary>
    public static readonly IReadOnlyList<string> Assignable =
        [Administrator, CentreStaff, Lecturer, CommitteeOfficial, UnitLiaison, ProvincialOffice];

    /// <summary>Who may change classes, rosters, attendance, results and certificates.</summary>
    public const string Staff = Administrator + "," + CentreStaff;

    /// <summary>Who may read centre-wide data.</summary>
    public const string Readers = Administrator + "," + CentreStaff + "," + CommitteeOfficial + "," + ProvincialOffice;

    public static string DisplayName(string role) => role switch
    {
        Administrator => "Quản trị viên",
        CentreStaff => "Cán bộ Trung tâm",
        Lecturer => "Giảng viên",
        CommitteeOfficial => "Lãnh đạo cấp ủy",
        UnitLiaison => "Cán bộ đơn vị",
        ProvincialOffice => "Cấp tỉnh",
        ProvinceAdministrator => "Quản trị toàn tỉnh",
        _ => role,
    };
}
