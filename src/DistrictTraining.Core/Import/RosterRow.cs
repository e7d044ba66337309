using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Import;

/// <summary>
/// One trainee as a commune list gives it, cleaned (NFC, folded spaces) but not yet matched
/// against stored trainees. A row with <see cref="Errors"/> should not be imported as it is.
/// </summary>
public sealed record RosterRow
{
    /// <summary>The Excel row number (1-based), for messages such as "Dòng 12: …".</summary>
    public required int RowNumber { get; init; }

    public string FamilyName { get; init; } = string.Empty;

    public string MiddleName { get; init; } = string.Empty;

    public string GivenName { get; init; } = string.Empty;

    public string FullName => VietnameseText.Clean(VietnameseText.FullName(FamilyName, MiddleName, GivenName));

    public Sex? Sex { get; init; }

    public PartialDate? DateOfBirth { get; init; }

    /// <summary>Digits only (see <see cref="Cccd.Normalize"/>); may be malformed, which <see cref="Warnings"/> says.</summary>
    public string? Cccd { get; init; }

    public string? Ethnicity { get; init; }

    public string? Religion { get; init; }

    /// <summary>General education (văn hóa), e.g. "12/12".</summary>
    public string? Education { get; init; }

    /// <summary>Professional qualification (chuyên môn).</summary>
    public string? Qualification { get; init; }

    /// <summary>Position (chức vụ).</summary>
    public string? Position { get; init; }

    /// <summary>Unit: đơn vị, nơi công tác, chi bộ, đảng bộ.</summary>
    public string? UnitName { get; init; }

    public string? PartyStatusText { get; init; }

    /// <summary>The date of admission to the Party as written in the file.</summary>
    public string? PartyJoinDateText { get; init; }

    /// <summary><see cref="PartyJoinDateText"/> parsed, when it is a date or a year.</summary>
    public PartialDate? PartyJoinDate { get; init; }

    /// <summary>The date of full membership (chính thức) as written in the file.</summary>
    public string? PartyOfficialDateText { get; init; }

    public PartialDate? PartyOfficialDate { get; init; }

    public string? PoliticalTheoryLevelText { get; init; }

    public string? Note { get; init; }

    /// <summary>Vietnamese reasons this row cannot be imported as it is.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Vietnamese remarks worth a look that do not stop the import.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public bool HasErrors => Errors.Count > 0;
}
