using System.Globalization;
using System.Text;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Trainees;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DistrictTraining.Core.Import;

/// <summary>A sheet listed in the workbook.</summary>
internal sealed record SheetInfo(string Name, WorksheetPart Part, bool Visible);

/// <summary>
/// The parts of an opened workbook that cell reading needs (sheet list, shared strings, date
/// styles, date system), each read once with <see cref="OpenXmlReader"/> through a byte budget.
/// </summary>
internal sealed class WorkbookSource
{
    private readonly ReadBudget _budget;
    private readonly long _maxCharacters;
    private readonly List<string> _sharedStrings;
    private readonly bool[] _dateStyles;

    private WorkbookSource(WorkbookPart workbookPart, ReadBudget budget, long maxCharacters)
    {
        _budget = budget;
        _maxCharacters = maxCharacters;
        (Sheets, Date1904) = ReadWorkbook(workbookPart);
        _sharedStrings = workbookPart.SharedStringTablePart is { } sst ? ReadSharedStrings(sst) : [];
        _dateStyles = workbookPart.WorkbookStylesPart is { } styles ? ReadDateStyles(styles) : [];
    }

    public IReadOnlyList<SheetInfo> Sheets { get; }

    public bool Date1904 { get; }

    public static WorkbookSource Open(SpreadsheetDocument document, RosterReadLimits limits)
    {
        var workbookPart = document.WorkbookPart
            ?? throw new RosterRefusalException(RosterRefusal.NotXlsx, RosterMessages.NotXlsx);
        return new WorkbookSource(workbookPart, new ReadBudget(limits.MaxUncompressedBytes), limits.MaxUncompressedBytes);
    }

    /// <summary>The merged ranges of a sheet (they follow the cell data in the XML, so this is a pass of its own).</summary>
    public List<MergeRange> ReadMerges(WorksheetPart part, int maxMerges = 20_000)
    {
        var merges = new List<MergeRange>();
        using var reader = OpenReader(part);
        var more = reader.Read();
        while (more)
        {
            if (reader.ElementType == typeof(SheetData) && reader.IsStartElement)
            {
                reader.Skip(); // now on the next sibling, not yet looked at
                more = !reader.EOF;
                continue;
            }

            if (reader.ElementType == typeof(MergeCell) && reader.IsStartElement && merges.Count < maxMerges
                && MergeRange.Parse(Attribute(reader, "ref")) is { } range && (range.Width > 1 || range.LastRow > range.FirstRow))
            {
                merges.Add(range);
            }

            more = reader.Read();
        }

        return merges;
    }

    /// <summary>The rows of a sheet, streamed; empty rows are still yielded (with no cells).</summary>
    public IEnumerable<SheetRow> ReadRows(WorksheetPart part, int maxColumn)
    {
        using var reader = OpenReader(part);
        var rowNumber = 0;
        List<RawCell>? cells = null;
        var column = 0;
        string? type = null;
        var style = 0;
        string? value = null;
        var inline = new StringBuilder();
        var hasInline = false;
        var inCell = false;
        var inPhonetic = false;

        while (reader.Read())
        {
            var elementType = reader.ElementType;
            if (elementType == typeof(Row))
            {
                if (reader.IsStartElement)
                {
                    rowNumber = int.TryParse(Attribute(reader, "r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0
                        ? r
                        : rowNumber + 1;
                    cells = [];
                    column = 0;
                }
                else if (reader.IsEndElement && cells is not null)
                {
                    yield return new SheetRow(rowNumber, cells);
                    cells = null;
                }
            }
            else if (elementType == typeof(Cell))
            {
                if (reader.IsStartElement)
                {
                    inCell = true;
                    type = null;
                    style = 0;
                    value = null;
                    inline.Clear();
                    hasInline = false;
                    var reference = (string?)null;
                    foreach (var attribute in reader.Attributes)
                    {
                        switch (attribute.LocalName)
                        {
                            case "r": reference = attribute.Value; break;
                            case "t": type = attribute.Value; break;
                            case "s":
                                style = int.TryParse(attribute.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
                                break;
                        }
                    }

                    column = reference is not null && CellReference.TryParse(reference, out _, out var c) ? c : column + 1;
                }
                else if (reader.IsEndElement)
                {
                    inCell = false;
                    if (cells is not null && column <= maxColumn && MakeCell(column, type, style, value, hasInline ? inline.ToString() : null) is { } cell)
                    {
                        cells.Add(cell);
                    }
                }
            }
            else if (!inCell)
            {
                if (elementType == typeof(SheetData) && reader.IsEndElement)
                {
                    break;
                }
            }
            else if (elementType == typeof(CellValue) && reader.IsStartElement)
            {
                value = reader.GetText();
            }
            else if (elementType == typeof(PhoneticRun))
            {
                inPhonetic = reader.IsStartElement;
            }
            else if (elementType == typeof(Text) && reader.IsStartElement && !inPhonetic)
            {
                inline.Append(reader.GetText());
                hasInline = true;
            }
        }
    }

    private RawCell? MakeCell(int column, string? type, int style, string? value, string? inlineText)
    {
        switch (type)
        {
            case "s":
                var text = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index)
                    && index >= 0 && index < _sharedStrings.Count ? _sharedStrings[index] : string.Empty;
                return TextCell(column, text);
            case "inlineStr":
                return TextCell(column, inlineText ?? value);
            case "str":
                return TextCell(column, value ?? inlineText);
            case "b":
                return value is null ? null : new RawCell(column, RawCellKind.Boolean, value, value.Trim() == "1" ? 1 : 0, false);
            case "e":
                return value is null ? null : new RawCell(column, RawCellKind.Error, VietnameseText.Clean(value), 0, false);
            case "d":
                // An ISO 8601 date cell (t="d"): give it back as an Excel serial with a date style.
                if (value is not null && DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var iso))
                {
                    var serial = (iso - new DateTime(1899, 12, 30)).TotalDays;
                    return new RawCell(column, RawCellKind.Number, value, Date1904 ? serial - 1462 : serial, true);
                }

                return TextCell(column, value);
            default:
                if (string.IsNullOrWhiteSpace(value))
                {
                    return inlineText is null ? null : TextCell(column, inlineText);
                }

                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    var dateStyled = style >= 0 && style < _dateStyles.Length && _dateStyles[style];
                    return new RawCell(column, RawCellKind.Number, value.Trim(), number, dateStyled);
                }

                return TextCell(column, value);
        }
    }

    private static RawCell? TextCell(int column, string? text)
    {
        var clean = VietnameseText.Clean(text);
        return clean.Length == 0 ? null : new RawCell(column, RawCellKind.Text, clean, 0, false, TraineeRules.HasHiddenCharacters(text) ? text : null);
    }

    private (IReadOnlyList<SheetInfo> Sheets, bool Date1904) ReadWorkbook(WorkbookPart workbookPart)
    {
        var sheets = new List<SheetInfo>();
        var date1904 = false;
        using var reader = OpenReader(workbookPart);
        while (reader.Read())
        {
            if (!reader.IsStartElement)
            {
                continue;
            }

            if (reader.ElementType == typeof(WorkbookProperties))
            {
                var flag = Attribute(reader, "date1904");
                date1904 = flag is "1" or "true";
            }
            else if (reader.ElementType == typeof(Sheet))
            {
                var name = Attribute(reader, "name") ?? string.Empty;
                var id = Attribute(reader, "id");
                var state = Attribute(reader, "state");
                if (id is null)
                {
                    continue;
                }

                OpenXmlPart? part;
                try
                {
                    part = workbookPart.GetPartById(id);
                }
                catch (ArgumentOutOfRangeException)
                {
                    part = null;
                }

                if (part is WorksheetPart worksheetPart)
                {
                    sheets.Add(new SheetInfo(VietnameseText.Clean(name), worksheetPart, state is null or "visible"));
                }
            }
        }

        return (sheets, date1904);
    }

    private List<string> ReadSharedStrings(SharedStringTablePart part)
    {
        var strings = new List<string>();
        var text = new StringBuilder();
        var inPhonetic = false;
        using var reader = OpenReader(part);
        while (reader.Read())
        {
            var elementType = reader.ElementType;
            if (elementType == typeof(SharedStringItem))
            {
                if (reader.IsStartElement)
                {
                    text.Clear();
                }
                else if (reader.IsEndElement)
                {
                    strings.Add(text.ToString()); // cleaned where a cell uses it, so that hidden characters can still be seen there
                }
            }
            else if (elementType == typeof(PhoneticRun))
            {
                inPhonetic = reader.IsStartElement;
            }
            else if (elementType == typeof(Text) && reader.IsStartElement && !inPhonetic)
            {
                text.Append(reader.GetText());
            }
        }

        return strings;
    }

    private bool[] ReadDateStyles(WorkbookStylesPart part)
    {
        var customDateFormats = new HashSet<int>();
        var styles = new List<bool>();
        var inCellFormats = false;
        using var reader = OpenReader(part);
        while (reader.Read())
        {
            var elementType = reader.ElementType;
            if (elementType == typeof(CellFormats))
            {
                inCellFormats = reader.IsStartElement;
            }
            else if (elementType == typeof(NumberingFormat) && reader.IsStartElement)
            {
                if (int.TryParse(Attribute(reader, "numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    && DateFormats.IsDateFormatCode(Attribute(reader, "formatCode")))
                {
                    customDateFormats.Add(id);
                }
            }
            else if (elementType == typeof(CellFormat) && reader.IsStartElement && inCellFormats)
            {
                var id = int.TryParse(Attribute(reader, "numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
                styles.Add(DateFormats.IsBuiltInDate(id) || customDateFormats.Contains(id));
            }
        }

        return [.. styles];
    }

    private TypedOpenXmlPartReader OpenReader(OpenXmlPart part)
    {
        var stream = new BudgetedReadStream(part.GetStream(FileMode.Open, FileAccess.Read), _budget);
        return new TypedOpenXmlPartReader(stream, new OpenXmlPartReaderOptions
        {
            MaxCharactersInPart = _maxCharacters,
            CloseStream = true,
        });
    }

    private static string? Attribute(OpenXmlReader reader, string localName)
    {
        foreach (var attribute in reader.Attributes)
        {
            if (attribute.LocalName == localName)
            {
                return attribute.Value;
            }
        }

        return null;
    }
}
