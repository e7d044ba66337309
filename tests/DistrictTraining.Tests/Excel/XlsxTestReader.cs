using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DistrictTraining.Tests.Excel;

public enum XlsxCellType
{
    /// <summary>A cell element with no value (it may still carry a style, e.g. borders).</summary>
    Empty,
    Number,
    InlineString,
    SharedString,
    FormulaString,
    Boolean,
    Error,
    IsoDate,
}

/// <summary>One cell as stored in the file, with its style resolved.</summary>
public sealed record XlsxCell(
    string Reference,
    XlsxCellType Type,
    string? RawValue,
    string? Text,
    bool HasFormula,
    uint StyleIndex,
    string NumberFormat,
    bool Bold,
    bool Italic,
    bool Bordered,
    bool WrapText,
    string? HorizontalAlignment,
    bool QuotePrefix)
{
    public bool IsString => Type is XlsxCellType.InlineString or XlsxCellType.SharedString or XlsxCellType.FormulaString;

    public double? Number => Type == XlsxCellType.Number && RawValue is not null
        ? double.Parse(RawValue, NumberStyles.Float, CultureInfo.InvariantCulture)
        : null;

    /// <summary>True when the number format shows a date (d, m, y, h or s outside quotes and brackets).</summary>
    public bool HasDateFormat => XlsxTestReader.IsDateFormat(NumberFormat);

    /// <summary>A numeric cell with a date format, as a DateTime (1900 date system).</summary>
    public DateTime? DateValue => Type == XlsxCellType.Number && HasDateFormat && Number is { } n ? DateTime.FromOADate(n) : null;

    /// <summary>What Excel would show in the formula bar: the text of a string cell, the number as written otherwise.</summary>
    public string? Value => IsString ? Text : RawValue;
}

public sealed record XlsxPane(double XSplit, double YSplit, string? TopLeftCell, string? State, string? ActivePane);

public sealed record XlsxPageSetup(
    uint? PaperSize,
    string? Orientation,
    uint? FitToWidth,
    uint? FitToHeight,
    bool FitToPage,
    double? MarginLeft,
    double? MarginRight,
    double? MarginTop,
    double? MarginBottom);

public sealed record XlsxDefinedName(string Name, uint? LocalSheetId, string Value);

public sealed record XlsxRow(int Number, double? Height, IReadOnlyList<string> CellReferences);

public sealed record XlsxTable(IReadOnlyList<string?> Headers, IReadOnlyList<IReadOnlyList<XlsxCell?>> Rows);

/// <summary>
/// Reads an .xlsx back for tests: one worksheet's cells by reference ("B7"), rows, merged ranges,
/// column widths, the frozen pane, the page setup and the workbook's defined names. The sheet is read
/// with OpenXmlReader (SAX), so tens of thousands of rows are fine.
/// </summary>
public sealed partial class XlsxTestReader
{
    private static readonly Dictionary<uint, string> BuiltInFormats = new()
    {
        [0] = "General", [1] = "0", [2] = "0.00", [3] = "#,##0", [4] = "#,##0.00", [9] = "0%", [10] = "0.00%",
        [11] = "0.00E+00", [12] = "# ?/?", [13] = "# ??/??", [14] = "mm-dd-yy", [15] = "d-mmm-yy", [16] = "d-mmm",
        [17] = "mmm-yy", [18] = "h:mm AM/PM", [19] = "h:mm:ss AM/PM", [20] = "h:mm", [21] = "h:mm:ss",
        [22] = "m/d/yy h:mm", [37] = "#,##0 ;(#,##0)", [38] = "#,##0 ;[Red](#,##0)", [39] = "#,##0.00;(#,##0.00)",
        [40] = "#,##0.00;[Red](#,##0.00)", [45] = "mm:ss", [46] = "[h]:mm:ss", [47] = "mmss.0", [48] = "##0.0E+0",
        [49] = "@",
    };

    private readonly Dictionary<string, XlsxCell> _cells = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<XlsxRow> _rows = [];
    private readonly List<string> _merges = [];
    private readonly Dictionary<int, double> _columnWidths = [];
    private readonly List<XlsxDefinedName> _definedNames = [];
    private readonly List<string> _sheetNames = [];

    private XlsxTestReader()
    {
    }

    public IReadOnlyList<string> SheetNames => _sheetNames;

    public string SheetName { get; private set; } = string.Empty;

    public IReadOnlyDictionary<string, XlsxCell> Cells => _cells;

    public IReadOnlyList<XlsxRow> Rows => _rows;

    public IReadOnlyList<string> MergedRanges => _merges;

    /// <summary>Column widths by 1-based column number.</summary>
    public IReadOnlyDictionary<int, double> ColumnWidths => _columnWidths;

    public IReadOnlyList<XlsxDefinedName> DefinedNames => _definedNames;

    public XlsxPane? FrozenPane { get; private set; }

    public XlsxPageSetup PageSetup { get; private set; } = new(null, null, null, null, false, null, null, null, null);

    /// <summary>The number of the last row element in the sheet (0 when there is none).</summary>
    public int LastRow => _rows.Count == 0 ? 0 : _rows[^1].Number;

    /// <summary>The cell at <paramref name="reference"/>; throws if the file has no such cell element.</summary>
    public XlsxCell this[string reference] =>
        _cells.TryGetValue(reference, out var cell) ? cell : throw new KeyNotFoundException($"No cell {reference} in sheet '{SheetName}'.");

    public XlsxCell? Find(string reference) => _cells.GetValueOrDefault(reference);

    /// <summary>The text or number as written, or null when the cell is missing or empty.</summary>
    public string? Value(string reference) => Find(reference)?.Value;

    public XlsxDefinedName? DefinedName(string name) => _definedNames.FirstOrDefault(d => d.Name == name);

    /// <summary>The values of one row from column A, as written (missing cells are null).</summary>
    public IReadOnlyList<string?> RowValues(int row, int columns) =>
        [.. Enumerable.Range(0, columns).Select(i => Value(ColumnName(i) + row.ToString(CultureInfo.InvariantCulture)))];

    /// <summary>
    /// The table under the header row <paramref name="headerRow"/>: its header texts (as many as the
    /// header row has cells) and every later row, as cells in header order (null where a row has no
    /// cell). A totals row, when there is one, is the last row.
    /// </summary>
    public XlsxTable Table(int headerRow)
    {
        var headerCells = _rows.SingleOrDefault(r => r.Number == headerRow)
            ?? throw new KeyNotFoundException($"No row {headerRow} in sheet '{SheetName}'.");
        var headers = headerCells.CellReferences.Select(r => _cells[r].Value).ToList();
        var rows = _rows
            .Where(r => r.Number > headerRow)
            .Select(r => (IReadOnlyList<XlsxCell?>)[.. Enumerable.Range(0, headers.Count)
                .Select(i => Find(ColumnName(i) + r.Number.ToString(CultureInfo.InvariantCulture)))])
            .ToList();
        return new XlsxTable(headers, rows);
    }

    public static XlsxTestReader Open(byte[] bytes, string? sheetName = null)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return Open(stream, sheetName);
    }

    public static XlsxTestReader Open(string path, string? sheetName = null)
    {
        using var stream = File.OpenRead(path);
        return Open(stream, sheetName);
    }

    /// <summary>Reads the sheet named <paramref name="sheetName"/>, or the first sheet.</summary>
    public static XlsxTestReader Open(Stream stream, string? sheetName = null)
    {
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbookPart = document.WorkbookPart ?? throw new InvalidDataException("No workbook part.");
        var reader = new XlsxTestReader();

        var sheets = workbookPart.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
        reader._sheetNames.AddRange(sheets.Select(s => s.Name?.Value ?? string.Empty));
        var sheet = sheetName is null ? sheets.FirstOrDefault() : sheets.FirstOrDefault(s => s.Name?.Value == sheetName);
        if (sheet?.Id?.Value is not { } relationshipId)
        {
            throw new InvalidDataException($"No sheet {sheetName ?? "(first)"}.");
        }

        reader.SheetName = sheet.Name?.Value ?? string.Empty;
        foreach (var name in workbookPart.Workbook.DefinedNames?.Elements<DefinedName>() ?? [])
        {
            reader._definedNames.Add(new XlsxDefinedName(name.Name?.Value ?? string.Empty, name.LocalSheetId?.Value, name.Text));
        }

        var styles = new StyleInfo(workbookPart.WorkbookStylesPart?.Stylesheet);
        var sharedStrings = workbookPart.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>()
            .Select(item => DecodeEscapes(string.Concat(item.Descendants<Text>().Select(t => t.Text))))
            .ToList() ?? [];

        reader.ReadSheet((WorksheetPart)workbookPart.GetPartById(relationshipId), styles, sharedStrings);
        return reader;
    }

    private void ReadSheet(WorksheetPart part, StyleInfo styles, List<string> sharedStrings)
    {
        var fitToPage = false;
        PageSetup? pageSetup = null;
        PageMargins? margins = null;
        List<string>? rowCells = null;
        var rowNumber = 0;
        double? rowHeight = null;

        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.IsEndElement)
            {
                if (reader.ElementType == typeof(Row) && rowCells is not null)
                {
                    _rows.Add(new XlsxRow(rowNumber, rowHeight, rowCells));
                    rowCells = null;
                }

                continue;
            }

            var type = reader.ElementType;
            if (type == typeof(Row))
            {
                var r = reader.Attributes.FirstOrDefault(a => a.LocalName == "r").Value;
                var ht = reader.Attributes.FirstOrDefault(a => a.LocalName == "ht").Value;
                rowNumber = r is null ? rowNumber + 1 : int.Parse(r, CultureInfo.InvariantCulture);
                rowHeight = ht is null ? null : double.Parse(ht, CultureInfo.InvariantCulture);
                rowCells = [];
            }
            else if (type == typeof(Cell))
            {
                var cell = (Cell)reader.LoadCurrentElement()!;
                var column = rowCells?.Count ?? 0;
                var reference = cell.CellReference?.Value ?? ColumnName(column) + rowNumber.ToString(CultureInfo.InvariantCulture);
                var read = ReadCell(reference, cell, styles, sharedStrings);
                _cells[reference] = read;
                rowCells?.Add(reference);
            }
            else if (type == typeof(SheetProperties))
            {
                var properties = (SheetProperties)reader.LoadCurrentElement()!;
                fitToPage = properties.PageSetupProperties?.FitToPage?.Value ?? false;
            }
            else if (type == typeof(SheetView))
            {
                var view = (SheetView)reader.LoadCurrentElement()!;
                if (view.Pane is { } pane)
                {
                    FrozenPane = new XlsxPane(
                        pane.HorizontalSplit?.Value ?? 0,
                        pane.VerticalSplit?.Value ?? 0,
                        pane.TopLeftCell?.Value,
                        pane.State?.InnerText,
                        pane.ActivePane?.InnerText);
                }
            }
            else if (type == typeof(Column))
            {
                var column = (Column)reader.LoadCurrentElement()!;
                for (var i = column.Min?.Value ?? 0; i <= (column.Max?.Value ?? 0); i++)
                {
                    _columnWidths[(int)i] = column.Width?.Value ?? double.NaN;
                }
            }
            else if (type == typeof(MergeCell))
            {
                _merges.Add(((MergeCell)reader.LoadCurrentElement()!).Reference?.Value ?? string.Empty);
            }
            else if (type == typeof(PageMargins))
            {
                margins = (PageMargins)reader.LoadCurrentElement()!;
            }
            else if (type == typeof(PageSetup))
            {
                pageSetup = (PageSetup)reader.LoadCurrentElement()!;
            }
        }

        PageSetup = new XlsxPageSetup(
            pageSetup?.PaperSize?.Value,
            pageSetup?.Orientation?.InnerText,
            pageSetup?.FitToWidth?.Value,
            pageSetup?.FitToHeight?.Value,
            fitToPage,
            margins?.Left?.Value,
            margins?.Right?.Value,
            margins?.Top?.Value,
            margins?.Bottom?.Value);
    }

    private static XlsxCell ReadCell(string reference, Cell cell, StyleInfo styles, List<string> sharedStrings)
    {
        var raw = cell.CellValue?.Text;
        var hasFormula = cell.CellFormula is not null;
        var dataType = cell.DataType?.InnerText;
        XlsxCellType type;
        string? text = null;
        switch (dataType)
        {
            case "inlineStr":
                type = XlsxCellType.InlineString;
                text = cell.InlineString is null ? null : DecodeEscapes(string.Concat(cell.InlineString.Descendants<Text>().Select(t => t.Text)));
                break;
            case "s":
                type = XlsxCellType.SharedString;
                text = raw is null ? null : sharedStrings[int.Parse(raw, CultureInfo.InvariantCulture)];
                break;
            case "str":
                type = XlsxCellType.FormulaString;
                text = raw;
                break;
            case "b":
                type = XlsxCellType.Boolean;
                break;
            case "e":
                type = XlsxCellType.Error;
                break;
            case "d":
                type = XlsxCellType.IsoDate;
                break;
            default:
                type = raw is null ? XlsxCellType.Empty : XlsxCellType.Number;
                break;
        }

        var styleIndex = cell.StyleIndex?.Value ?? 0;
        var style = styles.Get(styleIndex);
        return new XlsxCell(reference, type, raw, text, hasFormula, styleIndex, style.NumberFormat, style.Bold, style.Italic,
            style.Bordered, style.Wrap, style.Horizontal, style.QuotePrefix);
    }

    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    public static bool IsDateFormat(string format)
    {
        var stripped = QuotedOrBracketed().Replace(format, string.Empty);
        return stripped.IndexOfAny(['d', 'm', 'y', 'h', 's', 'D', 'M', 'Y', 'H', 'S']) >= 0
            && !stripped.Equals("General", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Excel's escape for characters XML cannot hold: "_x0001_"; "_x005F_" is a literal underscore.</summary>
    private static string DecodeEscapes(string text) =>
        text.Contains("_x", StringComparison.Ordinal)
            ? EscapedCharacter().Replace(text, m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString())
            : text;

    [GeneratedRegex("\"[^\"]*\"|\\[[^\\]]*\\]|\\\\.")]
    private static partial Regex QuotedOrBracketed();

    [GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
    private static partial Regex EscapedCharacter();

    private sealed record ResolvedStyle(string NumberFormat, bool Bold, bool Italic, bool Bordered, bool Wrap, string? Horizontal, bool QuotePrefix);

    private sealed class StyleInfo(Stylesheet? stylesheet)
    {
        private readonly List<CellFormat> _formats = stylesheet?.CellFormats?.Elements<CellFormat>().ToList() ?? [];
        private readonly List<Font> _fonts = stylesheet?.Fonts?.Elements<Font>().ToList() ?? [];
        private readonly List<Border> _borders = stylesheet?.Borders?.Elements<Border>().ToList() ?? [];
        private readonly Dictionary<uint, string> _numberFormats = stylesheet?.NumberingFormats?.Elements<NumberingFormat>()
            .ToDictionary(f => f.NumberFormatId?.Value ?? 0, f => f.FormatCode?.Value ?? string.Empty) ?? [];
        private readonly Dictionary<uint, ResolvedStyle> _cache = [];

        public ResolvedStyle Get(uint index)
        {
            if (_cache.TryGetValue(index, out var cached))
            {
                return cached;
            }

            var format = index < _formats.Count ? _formats[(int)index] : null;
            var numberFormatId = format?.NumberFormatId?.Value ?? 0;
            var numberFormat = _numberFormats.TryGetValue(numberFormatId, out var custom)
                ? custom
                : BuiltInFormats.GetValueOrDefault(numberFormatId, "General");
            var font = format?.FontId?.Value is { } fontId && fontId < _fonts.Count ? _fonts[(int)fontId] : null;
            var border = format?.BorderId?.Value is { } borderId && borderId < _borders.Count ? _borders[(int)borderId] : null;
            var bordered = border is not null
                && new BorderPropertiesType?[] { border.LeftBorder, border.RightBorder, border.TopBorder, border.BottomBorder }
                    .All(b => b?.Style?.Value is { } s && s != BorderStyleValues.None);
            var alignment = format?.Alignment;
            var style = new ResolvedStyle(
                numberFormat,
                font?.Bold is { } b && (b.Val?.Value ?? true),
                font?.Italic is { } i && (i.Val?.Value ?? true),
                bordered,
                alignment?.WrapText?.Value ?? false,
                alignment?.Horizontal?.InnerText,
                format?.QuotePrefix?.Value ?? false);
            _cache[index] = style;
            return style;
        }
    }
}
