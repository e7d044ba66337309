using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Lecturers;

public enum LecturerKind
{
    FullTime = 1,
    PartTime = 2,
}

/// <summary>A lecturer of a centre: full-time (chuyên trách) or part-time (kiêm chức).</summary>
public class Lecturer : IAudited, IHasPersonName
{
    public int Id { get; set; }

    public int CentreId { get; set; }

    public string FamilyName { get; set; } = string.Empty;

    public string? MiddleName { get; set; }

    public string GivenName { get; set; } = string.Empty;

    public string FullName { get; private set; } = string.Empty;

    public string SearchKey { get; private set; } = string.Empty;

    public string SortKey { get; private set; } = string.Empty;

    public LecturerKind Kind { get; set; }

    /// <summary>Job title or position, e.g. "Phó Bí thư Đảng ủy xã".</summary>
    public string? Position { get; set; }

    public string? Workplace { get; set; }

    public string? Phone { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>The account a lecturer signs in with, if any.</summary>
    public string? UserId { get; set; }

    /// <summary>Recomputes the derived name columns; the DbContext calls it before every save.</summary>
    public void RefreshNameKeys()
    {
        var name = VietnameseText.PersonName(FamilyName, MiddleName, GivenName);
        (FamilyName, MiddleName, GivenName, FullName, SearchKey, SortKey) = (name.Family, name.Middle, name.Given, name.Full, name.SearchKey, name.SortKey);
    }
}
