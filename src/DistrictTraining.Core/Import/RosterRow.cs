using DistrictTraining.Core.Common;
using DistrictTraining.Core.Trainees;

namespace DistrictTraining.Core.Import;

/// <summary>
/// One trainee as a commune list gives it, cleaned (NFC, folded spaces) but not yet matched
/// against stored trainees. A row with <see cref="Errors"/> should not be imported as it is.
/// </summary>
public sealed record RosterRow
{
    /// <summary>The Excel row number (1-based), for messages such as "Dòng 12: …".</summary>
    public required int RowNumber { get; init; }

    /// <summary>The list's own number (STT) as written, when the list has that column.</summary>
    public string? Sequence { get; init; }

    /// <summary>The row's cells as the list shows them, one per <see cref="RosterReadResult.SourceColumns"/> entry (for "rows to fix").</summary>
    public IReadOnlyList<string> SourceCells { get; init; } = [];

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

    /// <summary>The part of <see cref="Errors"/> that is about a date (birth, Party admission, full membership) and goes away with it.</summary>
    public IReadOnlyList<string> DateErrors { get; init; } = [];

    /// <summary>The date fields (<see cref="TraineeRules.DateFields"/>) those errors are on.</summary>
    public IReadOnlySet<string> BadDateFields { get; init; } = new HashSet<string>();

    /// <summary>Every error is about a date: the clerk may take the row with those dates left empty.</summary>
    public bool CanTakeWithoutDates => HasErrors && Errors.Count == DateErrors.Count;

    /// <summary>Party status as the list says it, or as its Party dates imply.</summary>
    public PartyStatus PartyStatus
    {
        get
        {
            var text = VietnameseText.SearchKey(PartyStatusText);
            if (text.Contains("du bi", StringComparison.Ordinal))
            {
                return PartyStatus.Probationary;
            }

            if (text.Contains("chinh thuc", StringComparison.Ordinal) || text is "dang vien" or "dv" or "x" || PartyOfficialDate is not null)
            {
                return PartyStatus.FullMember;
            }

            return PartyJoinDate is not null ? PartyStatus.Probationary : PartyStatus.NonMember;
        }
    }

    public TheoryLevel TheoryLevel
    {
        get
        {
            var key = VietnameseText.SearchKey(PoliticalTheoryLevelText);
            return key switch
            {
                _ when key.Contains("cu nhan", StringComparison.Ordinal) => TheoryLevel.Bachelor,
                _ when key.Contains("cao cap", StringComparison.Ordinal) => TheoryLevel.Advanced,
                _ when key.Contains("trung cap", StringComparison.Ordinal) => TheoryLevel.Intermediate,
                _ when key.Contains("so cap", StringComparison.Ordinal) => TheoryLevel.Elementary,
                _ => TheoryLevel.None,
            };
        }
    }

    /// <summary>The row as the trainee rules see it (<see cref="TraineeRules"/>): the same input a form would give.</summary>
    public TraineeInput ToInput(int? unitId) => new()
    {
        FamilyName = FamilyName,
        MiddleName = MiddleName,
        GivenName = GivenName,
        Sex = Sex,
        Birth = DateOfBirth?.ToString(),
        Cccd = Common.Cccd.IsWellFormed(Cccd) ? Cccd : null,
        Ethnicity = Ethnicity,
        Religion = Religion,
        Education = Education,
        Qualification = Qualification,
        Position = Position,
        UnitId = unitId,
        PartyStatus = PartyStatus,
        PartyJoinDate = PartyJoinDate?.Date,
        PartyOfficialDate = PartyOfficialDate?.Date,
        TheoryLevel = TheoryLevel,
        Note = Note,
    };

    /// <summary>
    /// The row taken with its bad dates left empty, as the clerk chose: the errors go, and a warning says which
    /// dates were left empty and what the list had written.
    /// </summary>
    public RosterRow WithoutBadDates()
    {
        if (!CanTakeWithoutDates)
        {
            return this;
        }

        var cleared = new List<string>();
        var row = this;
        if (BadDateFields.Contains(nameof(TraineeInput.Birth)))
        {
            row = row with { DateOfBirth = null };
            cleared.Add("ngày sinh");
        }

        if (BadDateFields.Contains(nameof(TraineeInput.PartyJoinDate)))
        {
            row = row with { PartyJoinDate = null };
            cleared.Add("ngày vào Đảng");
        }

        if (BadDateFields.Contains(nameof(TraineeInput.PartyOfficialDate)))
        {
            row = row with { PartyOfficialDate = null };
            cleared.Add("ngày chính thức");
        }

        var note = $"Để trống {string.Join(", ", cleared)} theo lựa chọn khi nhập (tệp ghi sai: {string.Join(" ", DateErrors)})";
        return row with { Errors = [], DateErrors = [], BadDateFields = new HashSet<string>(), Warnings = [.. Warnings, note] };
    }
}
