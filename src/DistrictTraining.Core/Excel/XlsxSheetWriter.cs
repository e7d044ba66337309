using System.Globalization;
using System.IO.Compression;
using System.Text;
using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Excel;

/// <summary>
/// Writes one report workbook into a stream, SAX-style: the fixed parts first (they depend only on
/// the report), then the sheet row by row as UTF-8 bytes (<see cref="XlsxXmlWriter"/>), deflated
/// straight into the target.
/// </summary>
/// <remarks>
/// <para>
/// The package is a <see cref="ZipArchive"/> in Create mode: each entry is compressed as it is
/// written and must be finished before the next starts, hence the order: package plumbing, workbook,
/// styles, then the sheet last. (The SDK's SpreadsheetDocument over a read-write package keeps every
/// part uncompressed in memory until it closes: a 352 MB peak for 200,000 rows.)
/// </para>
/// <para>
/// The hot path (ADR-017) allocates nothing per cell: the cell markup is precomputed bytes per column
/// and per style, numbers and dates are formatted straight into the buffer, text is escaped only
/// where it holds &amp;, &lt; or &gt;, and text that is plainly clean and composed skips the clean-up
/// (<see cref="XlsxText.IsCleanAndComposed"/>). Data cells carry no <c>r</c> reference: every data row
/// has a cell in every column from A, so a reader places them by position (the attribute is optional,
/// ECMA-376 §18.3.1.4); unique references in every cell were a quarter of the sheet's XML and about
/// half of the compressed file. The title block, the header row and the totals row keep theirs.
/// </para>
/// </remarks>
internal sealed class XlsxSheetWriter : IDisposable
{
    private static readonly DateTime FirstExcelDate = new(1900, 3, 1);
    private static readonly int ExcelEpochDayNumber = new DateOnly(1899, 12, 30).DayNumber;

    private readonly ExcelReport _report;
    private readonly ExcelReportLayout _layout;
    private readonly IReadOnlyList<ExcelColumn> _columns;
    private readonly string[] _columnNames;
    private readonly byte[][] _cellStarts;
    private readonly byte[][] _styleAttributes;
    private readonly ColumnStyles[] _dataStyles;
    private readonly ColumnStyles[] _totalsStyles;
    private readonly double[] _charsPerLine;
    private readonly double[] _headerCharsPerLine;
    private readonly XlsxStyleSheet _styles = new();
    private readonly List<string> _merges = [];

    private readonly ZipArchive _zip;
    private readonly Stream _sheetStream;
    private readonly XlsxXmlWriter _xml;

    private readonly uint _headerStyle;
    private readonly uint _titleStyle;
    private readonly uint _italicStyle;
    private readonly uint _headingStyle;
    private readonly uint _headingBoldStyle;
    private readonly uint _totalsLabelStyle;

    private int _rowNumber;
    private bool _references = true;
    private bool _finished;

    public XlsxSheetWriter(Stream target, ExcelReport report)
    {
        _report = report;
        _layout = report.Layout;
        _columns = report.Columns;
        _columnNames = [.. Enumerable.Range(0, _columns.Count).Select(ColumnName)];
        _cellStarts = [.. _columnNames.Select(name => Encoding.ASCII.GetBytes("<c r=\"" + name))];

        _headerStyle = _styles.Get(new(XlsxStyleSheet.GeneralFormat, XlsxFont.Bold, true, ExcelAlignment.Center, true, false));
        _titleStyle = _styles.Get(new(XlsxStyleSheet.GeneralFormat, XlsxFont.Title, false, ExcelAlignment.Center, true, false));
        _italicStyle = _styles.Get(new(XlsxStyleSheet.GeneralFormat, XlsxFont.Italic, false, ExcelAlignment.Center, false, false));
        _headingStyle = _styles.Get(new(XlsxStyleSheet.GeneralFormat, XlsxFont.Regular, false, ExcelAlignment.Center, false, false));
        _headingBoldStyle = _styles.Get(new(XlsxStyleSheet.GeneralFormat, XlsxFont.Bold, false, ExcelAlignment.Center, false, false));
        _totalsLabelStyle = _styles.Get(new(XlsxStyleSheet.GeneralFormat, XlsxFont.Bold, true, ExcelAlignment.Center, true, false));
        _dataStyles = [.. _columns.Select(c => ColumnStyles.For(c, XlsxFont.Regular, _styles))];
        _totalsStyles = [.. _columns.Select(c => ColumnStyles.For(c, XlsxFont.Bold, _styles))];
        _charsPerLine = [.. _columns.Select(c => XlsxRowHeight.CharactersPerLine(c.Width, bold: false))];
        _headerCharsPerLine = [.. _columns.Select(c => XlsxRowHeight.CharactersPerLine(c.Width, bold: true))];
        _styleAttributes = [.. Enumerable.Range(0, _styles.Count)
            .Select(id => Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $" s=\"{id}\"")))];

        var level = Compression;
        _zip = new ZipArchive(target, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        try
        {
            XlsxPackageParts.Write(_zip, report.Title, level);
            XlsxPackageParts.WritePart(_zip, XlsxPackageParts.WorkbookPath, level, WriteWorkbook);
            XlsxPackageParts.WritePart(_zip, XlsxPackageParts.StylesPath, level, w => _styles.Write(w, report.FontName, report.FontSize));
            _sheetStream = _zip.CreateEntry(XlsxPackageParts.SheetPath, level).Open();
            _xml = new XlsxXmlWriter(_sheetStream);
        }
        catch
        {
            _zip.Dispose();
            throw;
        }

        WriteSheetStart();
    }

    /// <summary>
    /// Deflate level of every part: Fastest, as SpreadCheetah's default (ADR-017). Measured with
    /// 100,000 rows × 10 (docs/performance.md, issue 14): Optimal costs 0.13 s more CPU per 100,000
    /// rows (a fifth of the export) for a file of 3.1 MB instead of 5.2 MB. Settable for the bench
    /// tool's comparison only.
    /// </summary>
    internal static CompressionLevel Compression { get; set; } = CompressionLevel.Fastest;

    /// <summary>Whether data cells carry their <c>r</c> reference; off except in the bench tool's comparison.</summary>
    internal static bool DataCellReferences { get; set; }

    public int DataRowCount { get; private set; }

    public void WriteRow(object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != _columns.Count)
        {
            throw new ArgumentException(
                $"Data row {DataRowCount + 1} has {values.Length} values; the report has {_columns.Count} columns.",
                nameof(values));
        }

        _references = DataCellReferences;
        StartRow(DataRowHeight(values));
        for (var i = 0; i < values.Length; i++)
        {
            WriteValue(i, values[i], _dataStyles[i]);
        }

        _xml.Raw("</row>"u8);
        DataRowCount++;
    }

    /// <summary>Writes the totals row (if any) and the parts of the sheet that follow its data.</summary>
    public void Finish(object?[]? totals)
    {
        _references = true;
        if (totals is not null)
        {
            WriteTotals(totals);
        }

        _xml.Raw("</sheetData>"u8);
        if (_merges.Count > 0)
        {
            _xml.Raw("<mergeCells count=\""u8);
            _xml.Value(_merges.Count);
            _xml.Raw("\">"u8);
            foreach (var range in _merges)
            {
                _xml.Raw("<mergeCell ref=\""u8);
                _xml.Attribute(range);
                _xml.Raw("\"/>"u8);
            }

            _xml.Raw("</mergeCells>"u8);
        }

        // A4, fitted to one page wide and as many pages down as the rows need, "Trang 1/3" at the foot.
        _xml.Raw("<printOptions horizontalCentered=\"1\"/>"u8);
        _xml.Raw("<pageMargins left=\"0.6\" right=\"0.4\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>"u8);
        _xml.Raw(_report.Orientation == ExcelOrientation.Portrait
            ? "<pageSetup paperSize=\"9\" fitToWidth=\"1\" fitToHeight=\"0\" orientation=\"portrait\"/>"u8
            : "<pageSetup paperSize=\"9\" fitToWidth=\"1\" fitToHeight=\"0\" orientation=\"landscape\"/>"u8);
        _xml.Raw("<headerFooter><oddFooter>&amp;CTrang &amp;P/&amp;N</oddFooter></headerFooter>"u8);
        _xml.Raw("</worksheet>"u8);
        _xml.Flush();
        _xml.Dispose();
        _sheetStream.Dispose();
        _zip.Dispose(); // writes the zip's central directory
        _finished = true;
    }

    public void Dispose()
    {
        if (_finished)
        {
            return;
        }

        // Abandoned half-way (an error or a cancellation): release everything; the target is discarded.
        _finished = true;
        _xml.Dispose();
        try
        {
            _sheetStream.Dispose();
            _zip.Dispose();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException or NotSupportedException or ArgumentException)
        {
            // The package cannot be completed consistently; the caller throws the original error.
        }
    }

    private void WriteWorkbook(XlsxXmlWriter w)
    {
        var quotedName = "'" + _report.SheetName.Replace("'", "''", StringComparison.Ordinal) + "'";
        w.Raw("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "u8);
        w.Raw("xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"u8);
        w.Raw("<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets><sheet name=\""u8);
        w.Attribute(_report.SheetName);
        w.Raw("\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"u8);

        // The header row is repeated at the top of every printed page.
        w.Raw("<definedNames><definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">"u8);
        w.Text(string.Create(CultureInfo.InvariantCulture, $"{quotedName}!${_layout.HeaderRow}:${_layout.HeaderRow}"));
        w.Raw("</definedName></definedNames></workbook>"u8);
    }

    private void WriteSheetStart()
    {
        _xml.Raw("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"u8);
        _xml.Raw("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"u8);

        // The rows above the data (title block and header) are frozen.
        _xml.Raw("<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\"><pane ySplit=\""u8);
        _xml.Value(_layout.HeaderRow);
        _xml.Raw("\" topLeftCell=\"A"u8);
        _xml.Value(_layout.FirstDataRow);
        _xml.Raw("\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A"u8);
        _xml.Value(_layout.FirstDataRow);
        _xml.Raw("\" sqref=\"A"u8);
        _xml.Value(_layout.FirstDataRow);
        _xml.Raw("\"/></sheetView></sheetViews>"u8);

        // Excel derives this from the workbook font; LibreOffice needs it written down.
        _xml.Raw("<sheetFormatPr defaultRowHeight=\""u8);
        _xml.Value(XlsxRowHeight.Points(1, _report.FontSize));
        _xml.Raw("\"/><cols>"u8);
        for (var i = 0; i < _columns.Count; i++)
        {
            _xml.Raw("<col min=\""u8);
            _xml.Value(i + 1);
            _xml.Raw("\" max=\""u8);
            _xml.Value(i + 1);
            _xml.Raw("\" width=\""u8);
            _xml.Value(_columns[i].Width);
            _xml.Raw("\" customWidth=\"1\"/>"u8);
        }

        _xml.Raw("</cols><sheetData>"u8);

        WriteTitleBlock();
        WriteHeaderRow();
    }

    private void WriteTitleBlock()
    {
        var count = _columns.Count;
        var hasRight = _report.RightHeading.Count > 0 || _report.PlaceAndDate is not null;
        var leftSpan = hasRight ? Math.Max(1, count / 2) : Math.Max(1, (count + 1) / 2);

        var left = _report.IssuingBody;
        var right = _report.RightHeading.Select(line => (Text: line, Style: _headingBoldStyle)).ToList();
        if (_report.PlaceAndDate is not null)
        {
            right.Add((_report.PlaceAndDate, _italicStyle));
        }

        for (var line = 0; line < _layout.HeadingRows; line++)
        {
            SkipTo(line + 1);
            StartRow();
            if (line < left.Count)
            {
                // The parent body is plain, the issuing body (the last line) bold.
                var style = line == left.Count - 1 ? _headingBoldStyle : _headingStyle;
                WriteTextCell(0, left[line], style, style);
                Merge(line + 1, 0, leftSpan - 1);
            }

            if (line < right.Count)
            {
                WriteTextCell(leftSpan, right[line].Text, right[line].Style, right[line].Style);
                Merge(line + 1, leftSpan, count - 1);
            }

            _xml.Raw("</row>"u8);
        }

        SkipTo(_layout.TitleRow);
        StartRow(TitleHeight());
        WriteTextCell(0, _report.Title, _titleStyle, _titleStyle);
        _xml.Raw("</row>"u8);
        Merge(_layout.TitleRow, 0, count - 1);

        if (_layout.PeriodRow is { } periodRow)
        {
            SkipTo(periodRow);
            StartRow();
            WriteTextCell(0, _report.Period!, _italicStyle, _italicStyle);
            _xml.Raw("</row>"u8);
            Merge(periodRow, 0, count - 1);
        }
    }

    private void WriteHeaderRow()
    {
        SkipTo(_layout.HeaderRow);
        StartRow(HeaderHeight());
        for (var i = 0; i < _columns.Count; i++)
        {
            WriteTextCell(i, _columns[i].Header, _headerStyle, _headerStyle);
        }

        _xml.Raw("</row>"u8);
    }

    private void WriteTotals(object?[] totals)
    {
        if (totals.Length != _columns.Count)
        {
            throw new ArgumentException(
                $"The totals row has {totals.Length} values; the report has {_columns.Count} columns.", nameof(totals));
        }

        var label = totals[0] ?? _report.TotalsLabel;

        // A text label followed by empty cells is merged across them, the usual "Tổng cộng" layout.
        var labelSpan = 1;
        if (label is string labelText)
        {
            while (labelSpan < totals.Length && totals[labelSpan] is null)
            {
                labelSpan++;
            }

            var width = _columns.Take(labelSpan).Sum(c => c.Width);
            var lines = XlsxRowHeight.Lines(labelText, XlsxRowHeight.CharactersPerLine(width, bold: true));
            StartRow(lines > 1 ? XlsxRowHeight.Points(lines, _report.FontSize) : null);
        }
        else
        {
            StartRow();
        }

        for (var i = 0; i < totals.Length; i++)
        {
            if (i == 0 && label is string text)
            {
                WriteTextCell(0, text, _totalsLabelStyle, _totalsLabelStyle);
            }
            else if (i > 0 && i < labelSpan)
            {
                WriteEmptyCell(i, _totalsLabelStyle);
            }
            else
            {
                WriteValue(i, i == 0 ? label : totals[i], _totalsStyles[i]);
            }
        }

        _xml.Raw("</row>"u8);
        Merge(_rowNumber, 0, labelSpan - 1);
    }

    private void WriteValue(int column, object? value, ColumnStyles styles)
    {
        switch (value)
        {
            case null:
            case DBNull:
                WriteEmptyCell(column, styles.Empty);
                break;
            case string s:
                WriteTextCell(column, s, styles.Text, styles.QuotedText);
                break;
            case char c:
                WriteTextCell(column, c.ToString(), styles.Text, styles.QuotedText);
                break;
            case DateOnly d:
                WriteDate(column, d, styles);
                break;
            case DateTime dt:
                WriteDateTime(column, dt, styles);
                break;
            case DateTimeOffset dto:
                WriteDateTime(column, dto.DateTime, styles);
                break;
            case PartialDate p when p.YearOnly:
                WriteTextCell(column, p.ToString(), styles.Text, styles.QuotedText);
                break;
            case PartialDate p:
                WriteDate(column, p.Date, styles);
                break;
            case int n:
                WriteNumberCell(column, n, styles.Number);
                break;
            case long n:
                WriteNumberCell(column, n, styles.Number);
                break;
            case decimal n:
                WriteNumberCell(column, n, styles.Number);
                break;
            case double n:
                WriteDouble(column, n, styles);
                break;
            case float n:
                // The float's shortest text, not its binary expansion: 0.1f is written 0.1.
                WriteDouble(column, double.Parse(n.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), styles);
                break;
            case short n:
                WriteNumberCell(column, n, styles.Number);
                break;
            case byte n:
                WriteNumberCell(column, n, styles.Number);
                break;
            case sbyte n:
                WriteNumberCell(column, n, styles.Number);
                break;
            case ushort n:
                WriteNumberCell(column, n, styles.Number);
                break;
            case uint n:
                WriteNumberCell(column, n, styles.Number);
                break;
            case ulong n:
                WriteNumberCell(column, n, styles.Number);
                break;
            default:
                throw new ArgumentException(
                    $"Column \"{_columns[column].Header}\" (row {_rowNumber}) got a {value.GetType().Name}; "
                    + "give text, a number or a date (map enums and flags to their Vietnamese labels first).");
        }
    }

    private void WriteDouble(int column, double value, ColumnStyles styles)
    {
        if (double.IsFinite(value))
        {
            WriteNumberCell(column, value, styles.Number);
        }
        else
        {
            WriteEmptyCell(column, styles.Empty); // NaN and infinities have no cell value
        }
    }

    private void WriteDate(int column, DateOnly date, ColumnStyles styles)
    {
        if (date.Year < 1900 || (date.Year == 1900 && date.Month < 3))
        {
            // Before 1 March 1900 Excel's serial numbers are off by one (its 1900 leap-year bug) or
            // do not exist: keep the date readable as text.
            WriteTextCell(column, date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), styles.Text, styles.QuotedText);
            return;
        }

        WriteNumberCell(column, date.DayNumber - ExcelEpochDayNumber, styles.Date);
    }

    private void WriteDateTime(int column, DateTime value, ColumnStyles styles)
    {
        if (value < FirstExcelDate)
        {
            WriteDate(column, DateOnly.FromDateTime(value), styles);
            return;
        }

        WriteNumberCell(column, value.ToOADate(), styles.Date);
    }

    private void StartRow(double? height = null)
    {
        if (_rowNumber >= ExcelLimits.MaxRows)
        {
            throw new InvalidOperationException($"Excel sheets hold at most {ExcelLimits.MaxRows:N0} rows.");
        }

        _rowNumber++;
        _xml.Raw("<row r=\""u8);
        _xml.Value(_rowNumber);
        if (height is { } h)
        {
            _xml.Raw("\" ht=\""u8);
            _xml.Value(Math.Round(h, 2)); // the shortest text of a value rounded to 2 places: "20.3", "31.5"
            _xml.Raw("\" customHeight=\"1\">"u8);
        }
        else
        {
            _xml.Raw("\">"u8);
        }
    }

    /// <summary>Leaves blank rows so that the next <see cref="StartRow"/> starts <paramref name="rowNumber"/>.</summary>
    private void SkipTo(int rowNumber) => _rowNumber = rowNumber - 1;

    /// <summary>"&lt;c" and, when references are written, " r="B12""; then the style attribute.</summary>
    private void StartCell(int column, uint style)
    {
        if (_references)
        {
            _xml.Raw(_cellStarts[column]);
            _xml.Value(_rowNumber);
            _xml.Raw("\""u8);
        }
        else
        {
            _xml.Raw("<c"u8);
        }

        _xml.Raw(_styleAttributes[style]);
    }

    private void WriteEmptyCell(int column, uint style)
    {
        StartCell(column, style);
        _xml.Raw("/>"u8);
    }

    private void WriteNumberCell<T>(int column, T value, uint style)
        where T : IUtf8SpanFormattable
    {
        StartCell(column, style);
        _xml.Raw("><v>"u8);
        _xml.Value(value);
        _xml.Raw("</v></c>"u8);
    }

    /// <summary>
    /// Always an inline string (t="inlineStr"), never a formula, whatever the text starts with; text
    /// Excel would reinterpret on editing gets the quotePrefix style.
    /// </summary>
    private void WriteTextCell(int column, string text, uint style, uint quotedStyle)
    {
        var clean = XlsxText.Clean(text);
        if (clean.Length == 0)
        {
            WriteEmptyCell(column, style);
            return;
        }

        StartCell(column, XlsxText.NeedsQuotePrefix(clean) ? quotedStyle : style);
        _xml.Raw(XlsxText.HasOuterWhiteSpace(clean)
            ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">"u8
            : " t=\"inlineStr\"><is><t>"u8);
        _xml.Text(clean);
        _xml.Raw("</t></is></c>"u8);
    }

    private void Merge(int row, int firstColumn, int lastColumn)
    {
        if (lastColumn > firstColumn)
        {
            var r = row.ToString(CultureInfo.InvariantCulture);
            _merges.Add(_columnNames[firstColumn] + r + ":" + _columnNames[lastColumn] + r);
        }
    }

    private double TitleHeight()
    {
        // A merged cell never grows to fit its text: bold capitals at the title size take about
        // 1.6 width units each.
        var perLine = Math.Max(1, (_columns.Sum(c => c.Width) - 1) / 1.6);
        var lines = XlsxRowHeight.Lines(_report.Title, perLine);
        return Math.Round(lines * (_report.FontSize + 2) * 1.45, 1);
    }

    private double HeaderHeight()
    {
        var lines = 1;
        for (var i = 0; i < _columns.Count; i++)
        {
            lines = Math.Max(lines, XlsxRowHeight.Lines(_columns[i].Header, _headerCharsPerLine[i]));
        }

        return XlsxRowHeight.Points(lines, _report.FontSize) + 6;
    }

    /// <summary>The height for a data row whose text wraps onto more than one line, else null (the default height).</summary>
    private double? DataRowHeight(object?[] values)
    {
        var lines = 1;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is string text && (text.Length > _charsPerLine[i] * lines || text.Contains('\n')))
            {
                lines = Math.Max(lines, XlsxRowHeight.Lines(text, _charsPerLine[i]));
            }
        }

        return lines > 1 ? XlsxRowHeight.Points(lines, _report.FontSize) : null;
    }

    internal static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>The cell formats one column uses, for data rows or for the (bold) totals row.</summary>
    private sealed record ColumnStyles(uint Empty, uint Text, uint QuotedText, uint Number, uint Date)
    {
        public static ColumnStyles For(ExcelColumn column, XlsxFont font, XlsxStyleSheet sheet)
        {
            var align = column.EffectiveAlignment;
            var kindFormat = XlsxStyleSheet.NumberFormatFor(column.Kind);
            var numberFormat = column.Kind is ExcelCellKind.Integer or ExcelCellKind.Decimal or ExcelCellKind.Percent
                ? kindFormat
                : XlsxStyleSheet.GeneralFormat;
            var dateFormat = column.Kind == ExcelCellKind.DateTime ? XlsxStyleSheet.DateTimeFormat : XlsxStyleSheet.DateFormat;

            var text = sheet.Get(new(XlsxStyleSheet.GeneralFormat, font, true, align, true, false));
            var quoted = sheet.Get(new(XlsxStyleSheet.GeneralFormat, font, true, align, true, true));
            var number = sheet.Get(new(numberFormat, font, true, align, false, false));
            var date = sheet.Get(new(dateFormat, font, true, align, false, false));
            var empty = column.Kind switch
            {
                ExcelCellKind.Text => text,
                ExcelCellKind.Date or ExcelCellKind.DateTime => date,
                _ => number,
            };

            return new ColumnStyles(empty, text, quoted, number, date);
        }
    }
}
