using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Organisation;

namespace DistrictTraining.Core.Trainees;

public enum PartyStatus
{
    NonMember = 0,
    Probationary = 1,
    FullMember = 2,
}

public enum TheoryLevel
{
    None = 0,
    Elementary = 1,
    Intermediate = 2,
    Advanced = 3,
    Bachelor = 4,
    Postgraduate = 5,
}

/// <summary>Position in a commune Party committee, for the cadre-qualification report.</summary>
public enum CommitteeRole
{
    None = 0,
    CommitteeMember = 1,
    StandingMember = 2,
    DeputySecretary = 3,
    Secretary = 4,
}

/// <summary>
/// A person, once, across every class they attend. The registry is shared by all centres of a
/// deployment because people move. Family, middle and given names are kept apart and never re-split.
/// </summary>
public class Trainee : IAudited, IVersioned, IHasPersonName
{
    public int Id { get; set; }

    public string FamilyName { get; set; } = string.Empty;

    public string? MiddleName { get; set; }

    public string GivenName { get; set; } = string.Empty;

    public string FullName { get; private set; } = string.Empty;

    /// <summary>Lower case, no diacritics, đ→d: what searches compare against.</summary>
    public string SearchKey { get; private set; } = string.Empty;

    /// <summary>Ordinal key ordering by given, middle, then family name, the Vietnamese way.</summary>
    public string SortKey { get; private set; } = string.Empty;

    public Sex? Sex { get; set; }

    /// <summary>Date of birth; 1 January when only the year is known (see <see cref="BirthYearOnly"/>).</summary>
    public DateOnly? DateOfBirth { get; set; }

    public bool BirthYearOnly { get; set; }

    /// <summary>The 12-digit citizen ID, digits only; unique when present.</summary>
    public string? Cccd { get; set; }

    public string? Ethnicity { get; set; }

    public string? Religion { get; set; }

    /// <summary>General education, e.g. "12/12".</summary>
    public string? Education { get; set; }

    public string? Qualification { get; set; }

    public string? Position { get; set; }

    public int? UnitId { get; set; }

    public OrganisationUnit? Unit { get; set; }

    public PartyStatus PartyStatus { get; set; }

    public DateOnly? PartyJoinDate { get; set; }

    public DateOnly? PartyOfficialDate { get; set; }

    public TheoryLevel TheoryLevel { get; set; }

    public CommitteeRole CommitteeRole { get; set; }

    public string? Phone { get; set; }

    public string? Note { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public Guid Version { get; set; }

    public ICollection<Enrolment> Enrolments { get; } = new List<Enrolment>();

    public PartialDate? Birth
    {
        get => DateOfBirth is { } d ? PartialDate.From(d, BirthYearOnly) : null;
        set
        {
            DateOfBirth = value?.Date;
            BirthYearOnly = value?.YearOnly ?? false;
        }
    }

    public void RefreshNameKeys()
    {
        var name = VietnameseText.PersonName(FamilyName, MiddleName, GivenName);
        (FamilyName, MiddleName, GivenName, FullName, SearchKey, SortKey) = (name.Family, name.Middle, name.Given, name.Full, name.SearchKey, name.SortKey);
        Cccd = Common.Cccd.Normalize(Cccd);
    }

    /// <summary>Warnings where the CCCD contradicts the sex or birth year typed beside it.</summary>
    public IReadOnlyList<string> IdentityWarnings() =>
        Common.Cccd.CrossCheck(Cccd, Sex, DateOfBirth?.Year);

    // The Vietnamese words for the trainee's enums: forms, the person page, reports and exports all use these.

    public static string SexName(Sex? sex) => sex switch
    {
        Common.Sex.Male => "Nam",
        Common.Sex.Female => "Nữ",
        _ => string.Empty,
    };

    public static string PartyStatusName(PartyStatus status) => status switch
    {
        PartyStatus.NonMember => "Quần chúng",
        PartyStatus.Probationary => "Đảng viên dự bị",
        PartyStatus.FullMember => "Đảng viên chính thức",
        _ => status.ToString(),
    };

    public static string TheoryLevelName(TheoryLevel level) => level switch
    {
        TheoryLevel.None => "Chưa có",
        TheoryLevel.Elementary => "Sơ cấp",
        TheoryLevel.Intermediate => "Trung cấp",
        TheoryLevel.Advanced => "Cao cấp",
        TheoryLevel.Bachelor => "Cử nhân",
        TheoryLevel.Postgraduate => "Sau đại học",
        _ => level.ToString(),
    };

    public static string CommitteeRoleName(CommitteeRole role) => role switch
    {
        CommitteeRole.None => "Không",
        CommitteeRole.CommitteeMember => "Cấp ủy viên",
        CommitteeRole.StandingMember => "Ủy viên Ban Thường vụ",
        CommitteeRole.DeputySecretary => "Phó Bí thư",
        CommitteeRole.Secretary => "Bí thư",
        _ => role.ToString(),
    };
}
