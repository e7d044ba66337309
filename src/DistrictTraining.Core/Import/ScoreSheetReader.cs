using System.Globalization;
using System.Xml;
using DistrictTraining.Core.Common;
using DocumentFormat.OpenXml.Packaging;

namespace DistrictTraining.Core.Import;

/// <summary>A line of a score sheet as read: the person and the scores as text (parsed by the assessment rules).</summary>
internal sealed record ScoreSheetRow(int RowNumber, string FullName, string? Birth, DateOnly? BirthDate, bool BirthYearOnly, string Score, string Resit, string? Error)
{
    public PartialDate? Born => BirthDate is { } d ? PartialDate.From(d, BirthYearOnly) : null;
}

internal sealed record ScoreSheetResult(IReadOnlyList<ScoreSheetRow> Rows, string? SheetName, string? Refusal)
{
    public static ScoreSheetResult Refused(string message) => new([], null, message);
}

/// <summary>
/// Reads a simple score sheet: a header row with "Họ và tên" (or "Họ và đệm" + "Tên"), an optional
/// "Ngày sinh", "Điểm" and an optional "Điểm thi lại", possibly under title rows; one trainee per row.
/// The package checks (size, signature, zip bombs) are the roster reader's <see cref="PackageGuard"/>,
/// the cell reading its <see cref="WorkbookSource"/>. Never throws on a bad file: it comes back refused.
/// </summary>
internal static class ScoreSheetReader
{
    private const int MaxColumn = 64;
    private const int HeaderSearchRows = 20;
    private const int BlankRowsEndingTable = 10;

    public static ScoreSheetResult Read(byte[] bytes, DateOnly today, RosterReadLimits limits)
    {
        try
        {
            PackageGuard.CheckSignature(bytes);
            using var memory = new MemoryStream(bytes, writable: false);
            PackageGuard.CheckArchive(memory, limits);
            memory.Position = 0;
            using var document = SpreadsheetDocument.Open(memory, false, new OpenSettings { MaxCharactersInPart = limits.MaxUncompressedBytes });
            var source = WorkbookSource.Open(document, limits);
            foreach (var sheet in source.Sheets.OrderBy(s => s.Visible ? 0 : 1))
            {
                if (ReadSheet(source, sheet, today, limits) is { } rows)
                {
                    return rows.Count == 0
                        ? ScoreSheetResult.Refused($"Trang \"{sheet.Name}\" có dòng tiêu đề nhưng không có học viên nào bên dưới.")
                        : new ScoreSheetResult(rows, sheet.Name, null);
                }
            }

            return ScoreSheetResult.Refused(
                $"Không tìm thấy dòng tiêu đề trong {HeaderSearchRows} dòng đầu của bảng tính. Dòng tiêu đề cần có cột \"Họ và tên\" và cột \"Điểm\" "
                + "(có thể thêm \"Ngày sinh\" và \"Điểm thi lại\"). Có thể tải tệp mẫu của lớp để điền điểm.");
        }
        catch (RosterRefusalException refusal)
        {
            return ScoreSheetResult.Refused(refusal.Message);
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or OpenXmlPackageException or IOException
            or FormatException or NotSupportedException or InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            return ScoreSheetResult.Refused(RosterMessages.Corrupt);
        }
    }

    /// <summary>The rows of a sheet under its header, or null when the sheet has no recognisable header.</summary>
    private static List<ScoreSheetRow>? ReadSheet(WorkbookSource source, SheetInfo sheet, DateOnly today, RosterReadLimits limits)
    {
        Layout? layout = null;
        var rows = new List<ScoreSheetRow>();
        var seenRows = 0;
        var blanks = 0;
        foreach (var row in source.ReadRows(sheet.Part, MaxColumn))
        {
            if (layout is null)
            {
                if (!row.IsEmpty && ++seenRows > HeaderSearchRows)
                {
                    return null;
                }

                layout = Layout.Detect(row);
                continue;
            }

            var name = layout.Name(row);
            if (name.Length == 0)
            {
                if (++blanks >= BlankRowsEndingTable)
                {
                    break;
                }

                continue;
            }

            blanks = 0;
            if (rows.Count >= limits.MaxRows)
            {
                throw new RosterRefusalException(RosterRefusal.TooManyRows, RosterMessages.TooManyRows(limits.MaxRows, sheet.Name));
            }

            string? error = null;
            string? birth = null;
            PartialDate? birthDate = null;
            if (layout.Birth is { } birthColumn && row.Get(birthColumn) is { } birthCell)
            {
                var status = RosterDates.Read(birthCell, source.Date1904, today, out var parsed, out var display);
                birth = display;
                if (status == DateReadStatus.Ok)
                {
                    birthDate = parsed;
                    birth = parsed.ToString();
                }
                else
                {
                    error = RosterDates.Message("Ngày sinh", status, display);
                }
            }

            rows.Add(new ScoreSheetRow(row.Number, name, birth, birthDate?.Date, birthDate?.YearOnly ?? false, Text(row.Get(layout.Score)), layout.Resit is { } r ? Text(row.Get(r)) : string.Empty, error));
        }

        return layout is null ? null : rows;
    }

    /// <summary>A score cell as text: a number as Excel stores it ("7.5"), text as typed ("7,5").</summary>
    private static string Text(RawCell? cell) => cell switch
    {
        null => string.Empty,
        { Kind: RawCellKind.Number } c => decimal.TryParse(c.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? decimal.Round(d, 9).ToString(CultureInfo.InvariantCulture) // 7.2999999999999998 as stored is the 7.3 typed
            : c.Text,
        { } c => c.Text,
    };

    private sealed record Layout(int? FullName, int? FamilyMiddle, int? Given, int? Birth, int Score, int? Resit)
    {
        public static Layout? Detect(SheetRow row)
        {
            int? fullName = null, familyMiddle = null, given = null, birth = null, score = null, resit = null;
            foreach (var cell in row.Cells.Where(c => c.Kind == RawCellKind.Text))
            {
                var key = VietnameseText.SearchKey(cell.Text);
                if (key.Contains("ho va ten", StringComparison.Ordinal) || key is "ho ten" or "ho, ten")
                {
                    fullName ??= cell.Column;
                }
                else if (key.StartsWith("ho va dem", StringComparison.Ordinal) || key.StartsWith("ho dem", StringComparison.Ordinal) || key.StartsWith("ho va ten dem", StringComparison.Ordinal))
                {
                    familyMiddle ??= cell.Column;
                }
                else if (key == "ten")
                {
                    given ??= cell.Column;
                }
                else if (key.Contains("ngay sinh", StringComparison.Ordinal) || key.Contains("nam sinh", StringComparison.Ordinal))
                {
                    birth ??= cell.Column;
                }
                else if (key.StartsWith("diem", StringComparison.Ordinal) && key.Contains("thi lai", StringComparison.Ordinal))
                {
                    resit ??= cell.Column;
                }
                else if (key.StartsWith("diem", StringComparison.Ordinal))
                {
                    score ??= cell.Column;
                }
            }

            var hasName = fullName is not null || (familyMiddle is not null && given is not null);
            return hasName && score is { } s ? new Layout(fullName, familyMiddle, given, birth, s, resit) : null;
        }

        public string Name(SheetRow row)
        {
            string Cell(int? column) => column is { } c && row.Get(c) is { Kind: RawCellKind.Text } cell ? cell.Text : string.Empty;
            return FullName is not null
                ? VietnameseText.Clean(Cell(FullName))
                : VietnameseText.Clean($"{Cell(FamilyMiddle)} {Cell(Given)}");
        }
    }
}
