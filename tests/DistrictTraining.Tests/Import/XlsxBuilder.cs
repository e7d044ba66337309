using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DistrictTraining.Tests.Import;

/// <summary>A cell value for <see cref="XlsxBuilder"/>; plain strings become shared strings, numbers numbers.</summary>
internal abstract record X
{
    public static X Inline(string text) => new InlineText(text);

    public static X Shared(string text) => new SharedText(text);

    public static X Rich(params string[] runs) => new RichText(runs, null);

    /// <summary>A shared string with runs and a phonetic run (rPh) that must not be read.</summary>
    public static X RichWithPhonetic(string phonetic, params string[] runs) => new RichText(runs, phonetic);

    public static X Num(double value) => new Number(value, 0);

    /// <summary>A number in a cell with built-in date format 14 (d/m/yyyy).</summary>
    public static X Date(DateOnly date) => new Number(Serial(date), 1);

    /// <summary>A number in a cell with the custom format "dd/mm/yyyy" (numFmtId 164).</summary>
    public static X CustomDate(DateOnly date) => new Number(Serial(date), 2);

    public static X DateStyled(double serial) => new Number(serial, 1);

    public static X Bool(bool value) => new Boolean(value);

    /// <summary>A formula cell; <paramref name="cached"/> null writes no cached value.</summary>
    public static X Formula(string formula, string? cached, bool stringResult = false) => new FormulaCell(formula, cached, stringResult);

    public static double Serial(DateOnly date) => date.DayNumber - new DateOnly(1899, 12, 30).DayNumber;

    internal sealed record InlineText(string Text) : X;

    internal sealed record SharedText(string Text) : X;

    internal sealed record RichText(string[] Runs, string? Phonetic) : X;

    internal sealed record Number(double Value, uint Style) : X;

    internal sealed record Boolean(bool Value) : X;

    internal sealed record FormulaCell(string Expression, string? Cached, bool StringResult) : X;
}

/// <summary>One sheet of a workbook under construction: rows of cells by Excel row number, and merges.</summary>
internal sealed class SheetSpec(string name)
{
    public string Name { get; } = name;

    public bool Hidden { get; set; }

    /// <summary>Write cells without their 'r' attribute (they must then be contiguous from column A).</summary>
    public bool OmitCellReferences { get; set; }

    /// <summary>Write rows without their 'r' attribute.</summary>
    public bool OmitRowNumbers { get; set; }

    public SortedDictionary<int, SortedDictionary<int, object>> Rows { get; } = [];

    public List<string> Merges { get; } = [];

    /// <summary>Cells from column A; null leaves a cell out. Strings become shared strings.</summary>
    public SheetSpec Row(int rowNumber, params object?[] cells) => RowAt(rowNumber, 1, cells);

    public SheetSpec RowAt(int rowNumber, int firstColumn, params object?[] cells)
    {
        if (!Rows.TryGetValue(rowNumber, out var row))
        {
            Rows[rowNumber] = row = [];
        }

        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i] is { } value)
            {
                row[firstColumn + i] = value;
            }
        }

        return this;
    }

    public SheetSpec Merge(params string[] ranges)
    {
        Merges.AddRange(ranges);
        return this;
    }
}

/// <summary>Writes small .xlsx workbooks with the Open XML SDK, for the roster reader's tests.</summary>
internal sealed class XlsxBuilder
{
    private readonly List<SheetSpec> _sheets = [];

    public bool Date1904 { get; set; }

    public SheetSpec Sheet(string name = "Sheet1")
    {
        var sheet = new SheetSpec(name);
        _sheets.Add(sheet);
        return sheet;
    }

    /// <summary>A one-sheet workbook from a grid whose first row is row 1.</summary>
    public static byte[] FromGrid(params object?[][] rows)
    {
        var builder = new XlsxBuilder();
        var sheet = builder.Sheet("Danh sách");
        for (var i = 0; i < rows.Length; i++)
        {
            sheet.Row(i + 1, rows[i]);
        }

        return builder.Build();
    }

    public byte[] Build()
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var workbook = new Workbook();
            if (Date1904)
            {
                workbook.AppendChild(new WorkbookProperties { Date1904 = true });
            }

            var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
            stylesPart.Stylesheet = new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy" }) { Count = 1 },
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(
                    new CellFormat { NumberFormatId = 0 },
                    new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true }) { Count = 3 });

            var sharedStrings = new List<SharedStringItem>();
            var sharedIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            int Share(SharedStringItem item, string key)
            {
                if (!sharedIndex.TryGetValue(key, out var index))
                {
                    index = sharedStrings.Count;
                    sharedStrings.Add(item);
                    sharedIndex[key] = index;
                }

                return index;
            }

            var sheets = new Sheets();
            uint sheetId = 1;
            foreach (var spec in _sheets)
            {
                var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
                var sheetData = new SheetData();
                foreach (var (rowNumber, cells) in spec.Rows)
                {
                    var row = new Row();
                    if (!spec.OmitRowNumbers)
                    {
                        row.RowIndex = (uint)rowNumber;
                    }

                    foreach (var (column, value) in cells)
                    {
                        var cell = MakeCell(value, s => Share(new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve }), "t:" + s), Share);
                        if (!spec.OmitCellReferences)
                        {
                            cell.CellReference = ColumnLetter(column) + rowNumber;
                        }

                        row.Append(cell);
                    }

                    sheetData.Append(row);
                }

                var worksheet = new Worksheet(sheetData);
                if (spec.Merges.Count > 0)
                {
                    worksheet.Append(new MergeCells(spec.Merges.Select(m => new MergeCell { Reference = m })) { Count = (uint)spec.Merges.Count });
                }

                worksheetPart.Worksheet = worksheet;
                var sheet = new Sheet { Name = spec.Name, SheetId = sheetId++, Id = workbookPart.GetIdOfPart(worksheetPart) };
                if (spec.Hidden)
                {
                    sheet.State = SheetStateValues.Hidden;
                }

                sheets.Append(sheet);
            }

            workbook.AppendChild(sheets);
            workbookPart.Workbook = workbook;
            if (sharedStrings.Count > 0)
            {
                var sstPart = workbookPart.AddNewPart<SharedStringTablePart>();
                sstPart.SharedStringTable = new SharedStringTable(sharedStrings) { Count = (uint)sharedStrings.Count, UniqueCount = (uint)sharedStrings.Count };
            }
        }

        return memory.ToArray();
    }

    private static Cell MakeCell(object value, Func<string, int> shareText, Func<SharedStringItem, string, int> share)
    {
        switch (value)
        {
            case string text:
                return new Cell { DataType = CellValues.SharedString, CellValue = new CellValue(shareText(text).ToString(System.Globalization.CultureInfo.InvariantCulture)) };
            case X.SharedText shared:
                return new Cell { DataType = CellValues.SharedString, CellValue = new CellValue(shareText(shared.Text).ToString(System.Globalization.CultureInfo.InvariantCulture)) };
            case X.InlineText inline:
                return new Cell(new InlineString(new Text(inline.Text) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString };
            case X.RichText rich:
                var item = new SharedStringItem(rich.Runs.Select((r, i) => new Run(
                    i % 2 == 1 ? new RunProperties(new Bold()) : new RunProperties(),
                    new Text(r) { Space = SpaceProcessingModeValues.Preserve })));
                if (rich.Phonetic is not null)
                {
                    item.Append(new PhoneticRun(new Text(rich.Phonetic)) { BaseTextStartIndex = 0, EndingBaseIndex = 1 });
                }

                var index = share(item, "r:" + string.Join("\u0001", rich.Runs) + "\u0002" + rich.Phonetic);
                return new Cell { DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
            case X.Number number:
                return new Cell { CellValue = new CellValue(number.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)), StyleIndex = number.Style == 0 ? null : number.Style };
            case X.Boolean boolean:
                return new Cell { DataType = CellValues.Boolean, CellValue = new CellValue(boolean.Value ? "1" : "0") };
            case X.FormulaCell formula:
                var cell = new Cell(new CellFormula(formula.Expression));
                if (formula.StringResult)
                {
                    cell.DataType = CellValues.String;
                }

                if (formula.Cached is not null)
                {
                    cell.Append(new CellValue(formula.Cached));
                }

                return cell;
            case int i:
                return new Cell { CellValue = new CellValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
            case long l:
                return new Cell { CellValue = new CellValue(l.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
            case double d:
                return new Cell { CellValue = new CellValue(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)) };
            case DateOnly date:
                return MakeCell(X.Date(date), shareText, share);
            case bool b:
                return MakeCell(X.Bool(b), shareText, share);
            default:
                throw new ArgumentException($"Unsupported cell value {value.GetType()}");
        }
    }

    public static string ColumnLetter(int column) => DistrictTraining.Core.Import.CellReference.ColumnLetter(column);
}

/// <summary>Hand-written packages for what the SDK will not write: raw sheet XML, odd zips.</summary>
internal static class RawPackage
{
    private const string ContentTypes =
        """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>""";

    private const string RootRels =
        """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""";

    private const string WorkbookRels =
        """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""";

    private const string Workbook =
        """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>""";

    private const string Styles =
        """<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>""";

    public const string SheetOpen = """<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""";

    public const string SheetClose = "</sheetData></worksheet>";

    /// <summary>A workbook whose sheet1.xml is <paramref name="sheetXml"/> verbatim.</summary>
    public static byte[] Workbook1(string sheetXml, string? sharedStringsXml = null, IEnumerable<(string Name, byte[] Data, CompressionLevel Level)>? extra = null)
    {
        sharedStringsXml ??= """<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>""";
        var entries = new List<(string, byte[], CompressionLevel)>
        {
            ("[Content_Types].xml", Encoding.UTF8.GetBytes(ContentTypes), CompressionLevel.Optimal),
            ("_rels/.rels", Encoding.UTF8.GetBytes(RootRels), CompressionLevel.Optimal),
            ("xl/workbook.xml", Encoding.UTF8.GetBytes(Workbook), CompressionLevel.Optimal),
            ("xl/_rels/workbook.xml.rels", Encoding.UTF8.GetBytes(WorkbookRels), CompressionLevel.Optimal),
            ("xl/styles.xml", Encoding.UTF8.GetBytes(Styles), CompressionLevel.Optimal),
            ("xl/sharedStrings.xml", Encoding.UTF8.GetBytes(sharedStringsXml), CompressionLevel.Optimal),
            ("xl/worksheets/sheet1.xml", Encoding.UTF8.GetBytes(sheetXml), CompressionLevel.Optimal),
        };
        if (extra is not null)
        {
            entries.AddRange(extra);
        }

        return Zip(entries);
    }

    public static byte[] Zip(IEnumerable<(string Name, byte[] Data, CompressionLevel Level)> entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data, level) in entries)
            {
                var entry = zip.CreateEntry(name, level);
                using var stream = entry.Open();
                stream.Write(data);
            }
        }

        return memory.ToArray();
    }

    /// <summary>An inline-string cell.</summary>
    public static string Is(string reference, string text) =>
        $"""<c r="{reference}" t="inlineStr"><is><t>{System.Security.SecurityElement.Escape(text)}</t></is></c>""";
}
