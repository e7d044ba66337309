namespace DistrictTraining.Core.Excel;

/// <summary>
/// The fixed parts of an exported report: the administrative title block, the columns and the print
/// setup. The rows are streamed separately by <see cref="XlsxReportWriter"/>.
/// </summary>
/// <remarks>
/// Layout, top to bottom: the heading rows (issuing body on the left, <see cref="RightHeading"/> and
/// <see cref="PlaceAndDate"/> on the right), a blank row, the title, the period, a blank row, the
/// header row, the data rows and the optional totals row. <see cref="Layout"/> gives the row numbers.
/// </remarks>
public sealed record ExcelReport
{
    /// <summary>The heading of every Party document, for <see cref="RightHeading"/>.</summary>
    public const string PartyHeading = "ĐẢNG CỘNG SẢN VIỆT NAM";

    public const string DefaultTotalsLabel = "Tổng cộng";

    /// <summary>At most 31 characters, none of []:*?/\ (see <see cref="ExcelSheetName"/>).</summary>
    public string SheetName { get; init; } = "Báo cáo";

    /// <summary>
    /// Top left, 1–2 lines: the parent body first, the issuing body last, e.g.
    /// ["ĐẢNG BỘ XÃ CÁT HANH", "TRUNG TÂM CHÍNH TRỊ"]. As in Party documents, the last line (the
    /// issuing body) is bold and the line above it is not.
    /// </summary>
    public IReadOnlyList<string> IssuingBody { get; init; } = [];

    /// <summary>Top right, bold, e.g. [<see cref="PartyHeading"/>]; empty for none.</summary>
    public IReadOnlyList<string> RightHeading { get; init; } = [];

    /// <summary>Optional italic line under the right heading: "Cát Hanh, ngày 15 tháng 12 năm 2025".</summary>
    public string? PlaceAndDate { get; init; }

    /// <summary>Bold, centred across the whole table width.</summary>
    public required string Title { get; init; }

    /// <summary>Optional line under the title: "Năm 2025", "Từ 01/01/2025 đến 30/06/2025".</summary>
    public string? Period { get; init; }

    public required IReadOnlyList<ExcelColumn> Columns { get; init; }

    public ExcelOrientation Orientation { get; init; } = ExcelOrientation.Landscape;

    public string FontName { get; init; } = "Times New Roman";

    public double FontSize { get; init; } = 12;

    /// <summary>Written in the first cell of the totals row when the caller leaves that cell null.</summary>
    public string TotalsLabel { get; init; } = DefaultTotalsLabel;

    /// <summary>The row numbers (1-based) this report's title block and table take.</summary>
    public ExcelReportLayout Layout => ExcelReportLayout.For(this);

    /// <summary>Throws <see cref="ArgumentException"/> when the report cannot be written.</summary>
    public void Validate()
    {
        ExcelSheetName.Validate(SheetName);
        if (string.IsNullOrWhiteSpace(Title))
        {
            throw new ArgumentException("The report needs a title.", nameof(Title));
        }

        if (Columns is null || Columns.Count == 0)
        {
            throw new ArgumentException("The report needs at least one column.", nameof(Columns));
        }

        if (Columns.Count > ExcelLimits.MaxColumns)
        {
            throw new ArgumentException($"Excel allows at most {ExcelLimits.MaxColumns} columns.", nameof(Columns));
        }

        for (var i = 0; i < Columns.Count; i++)
        {
            var column = Columns[i] ?? throw new ArgumentException($"Column {i} is null.", nameof(Columns));
            if (column.Header is null)
            {
                throw new ArgumentException($"Column {i} has no header.", nameof(Columns));
            }

            if (!(column.Width > 0 && column.Width <= ExcelLimits.MaxColumnWidth))
            {
                throw new ArgumentException(
                    $"Column {i} (\"{column.Header}\") has width {column.Width}; it must be above 0 and at most {ExcelLimits.MaxColumnWidth}.",
                    nameof(Columns));
            }
        }

        if (IssuingBody.Count > 3 || RightHeading.Count + (PlaceAndDate is null ? 0 : 1) > 3)
        {
            throw new ArgumentException("The title block takes at most three lines on each side.");
        }

        if (Columns.Count < 2 && (RightHeading.Count > 0 || PlaceAndDate is not null))
        {
            throw new ArgumentException("A right-hand heading needs a table of at least two columns.");
        }

        if (string.IsNullOrWhiteSpace(FontName) || !(FontSize >= 6 && FontSize <= 72))
        {
            throw new ArgumentException("The font needs a name and a size between 6 and 72.");
        }
    }
}

/// <summary>Row numbers (1-based, as Excel shows them) of the parts of a report.</summary>
public sealed record ExcelReportLayout(int HeadingRows, int TitleRow, int? PeriodRow, int HeaderRow)
{
    public int FirstDataRow => HeaderRow + 1;

    /// <summary>The totals row after <paramref name="dataRowCount"/> data rows.</summary>
    public int TotalsRow(int dataRowCount) => FirstDataRow + dataRowCount;

    public static ExcelReportLayout For(ExcelReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var right = report.RightHeading.Count + (report.PlaceAndDate is null ? 0 : 1);
        var headingRows = Math.Max(report.IssuingBody.Count, right);
        var titleRow = headingRows == 0 ? 1 : headingRows + 2;
        int? periodRow = string.IsNullOrWhiteSpace(report.Period) ? null : titleRow + 1;
        var headerRow = (periodRow ?? titleRow) + 2;
        return new ExcelReportLayout(headingRows, titleRow, periodRow, headerRow);
    }
}

internal static class ExcelLimits
{
    public const int MaxRows = 1_048_576;
    public const int MaxColumns = 16_384;
    public const double MaxColumnWidth = 255;
}
