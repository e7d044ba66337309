namespace DistrictTraining.Core.Import;

/// <summary>Why a workbook was refused as a whole.</summary>
public enum RosterRefusal
{
    /// <summary>Not an .xlsx workbook (text, Word document, old .xls, password-protected file…).</summary>
    NotXlsx = 1,

    /// <summary>A zip that cannot be read: truncated, damaged, or malformed parts.</summary>
    Corrupt,

    /// <summary>Larger than <see cref="RosterReadLimits.MaxFileBytes"/>.</summary>
    TooLarge,

    /// <summary>More trainee rows than <see cref="RosterReadLimits.MaxRows"/>.</summary>
    TooManyRows,

    /// <summary>Inflates to far more than it weighs: a zip bomb, or near enough to be treated as one.</summary>
    SuspiciousCompression,

    /// <summary>Reading took longer than <see cref="RosterReadLimits.MaxReadTime"/>.</summary>
    TooSlow,

    /// <summary>No sheet has a header row with a name column.</summary>
    NoHeader,

    /// <summary>The workbook holds no data at all.</summary>
    EmptySheet,

    /// <summary>A header was found but no trainee rows under it.</summary>
    NoDataRows,
}

/// <summary>A column of the list as its header names it (1-based column number).</summary>
public sealed record SourceColumn(int ColumnNumber, string Header);

/// <summary>What <see cref="RosterWorkbookReader.Read"/> made of a workbook: rows, or a refusal.</summary>
public sealed class RosterReadResult
{
    public bool IsRefused => Refusal is not null;

    public RosterRefusal? Refusal { get; init; }

    /// <summary>Vietnamese, for the person who uploaded the file.</summary>
    public string? RefusalMessage { get; init; }

    public IReadOnlyList<RosterRow> Rows { get; init; } = [];

    public string? SheetName { get; init; }

    /// <summary>The Excel row number (1-based) of the header row; 0 when refused before it was found.</summary>
    public int HeaderRowNumber { get; init; }

    /// <summary>The last header row: the sub-header row (Nam/Nữ…) of a two-row header, else <see cref="HeaderRowNumber"/>.</summary>
    public int LastHeaderRowNumber { get; init; }

    /// <summary>Every recognised column, left to right, with what it was mapped to.</summary>
    public IReadOnlyList<RosterColumn> Columns { get; init; } = [];

    /// <summary>The Vietnamese labels of <see cref="Columns"/>, left to right, for a preview header.</summary>
    public IReadOnlyList<string> RecognisedColumns { get; init; } = [];

    /// <summary>Every column of the list's header, recognised or not, left to right: the columns of its "rows to fix".</summary>
    public IReadOnlyList<SourceColumn> SourceColumns { get; init; } = [];

    /// <summary>The texts above the header ("ĐẢNG ỦY XÃ CÁT HANH", "CHI BỘ THÔN 1", the title…), top to bottom.</summary>
    public IReadOnlyList<string> TitleLines { get; init; } = [];

    /// <summary>"xlsx" or "xls".</summary>
    public string Format { get; init; } = "xlsx";

    public int ErrorRowCount => Rows.Count(r => r.HasErrors);

    internal static RosterReadResult Refused(RosterRefusal refusal, string message, string? sheetName = null, int headerRow = 0) =>
        new() { Refusal = refusal, RefusalMessage = message, SheetName = sheetName, HeaderRowNumber = headerRow, LastHeaderRowNumber = headerRow };
}
