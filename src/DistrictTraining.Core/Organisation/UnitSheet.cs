using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Organisation;

/// <summary>One cell as written: its text, and its number when the sheet stored a number (dates are numbers in Excel).</summary>
internal sealed record SheetCell(string Text, double? Number);

/// <summary>
/// Reads and writes the small sheet of organisational units. Deliberately small: the first worksheet's
/// cells as text and numbers, no styles. (The roster import has its own, fuller reader.)
/// </summary>
internal static class UnitSheet
{
    private const int MaxColumn = 64;

    public static readonly string[] Headers = ["Mã", "Tên đơn vị", "Loại", "Đơn vị cấp trên", "Hiệu lực từ", "Hiệu lực đến"];

    /// <summary>
    /// The first worksheet's non-empty rows, keyed by 1-based row number, each cell by 0-based column. Read through
    /// the roster import's guards (<see cref="Import.PackageGuard"/>: size, signature, zip bombs; a streaming reader
    /// with a byte budget and no recursion into nested XML), so a hostile workbook is refused, never loaded whole.
    /// </summary>
    public static List<(int Row, Dictionary<int, SheetCell> Cells)> ReadFirstSheet(byte[] bytes, Import.RosterReadLimits limits)
    {
        Import.PackageGuard.CheckSignature(bytes);
        using var memory = new MemoryStream(bytes, writable: false);
        Import.PackageGuard.CheckArchive(memory, limits);
        memory.Position = 0;
        using var document = SpreadsheetDocument.Open(memory, false, new OpenSettings { MaxCharactersInPart = limits.MaxUncompressedBytes });
        var source = Import.WorkbookSource.Open(document, limits);
        var sheet = source.Sheets.FirstOrDefault() ?? throw new InvalidDataException("No sheet.");
        var rows = new List<(int, Dictionary<int, SheetCell>)>();
        foreach (var row in source.ReadRows(sheet.Part, MaxColumn))
        {
            if (row.IsEmpty)
            {
                continue;
            }

            if (rows.Count >= limits.MaxRows)
            {
                throw new Import.RosterRefusalException(Import.RosterRefusal.TooManyRows, Import.RosterMessages.TooManyRows(limits.MaxRows, sheet.Name));
            }

            rows.Add((row.Number, row.Cells.ToDictionary(
                c => c.Column - 1,
                c => c.IsNumber ? new SheetCell(c.DisplayText(source.Date1904), c.Number) : new SheetCell(c.Text, null))));
        }

        return rows;
    }

    /// <summary>The import template: the header row on the first sheet, a few lines of guidance on a second.</summary>
    public static byte[] Template()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            AddSheet(workbook, "Đơn vị", [Headers], widths: [12, 40, 14, 36, 14, 14]);
            AddSheet(workbook, "Hướng dẫn",
            [
                ["Cột", "Cách ghi"],
                ["Mã", "Mã đơn vị (không bắt buộc), ví dụ mã đơn vị hành chính: 21610."],
                ["Tên đơn vị", "Bắt buộc, ghi đầy đủ: Xã Cát Hanh, Đảng bộ xã Cát Hanh, Chi bộ thôn Hòa Hội."],
                ["Loại", "Tỉnh, Huyện, Quận, Thị xã, Xã, Phường, Thị trấn, Cơ quan, Đảng bộ, Chi bộ. Để trống thì lấy theo chữ đầu của tên."],
                ["Đơn vị cấp trên", "Tên hoặc mã của đơn vị cấp trên: đơn vị đã có trên hệ thống hoặc một dòng khác trong tệp."],
                ["Hiệu lực từ", "Ngày bắt đầu có hiệu lực, dạng dd/mm/yyyy (để trống nếu không rõ)."],
                ["Hiệu lực đến", "Ngày cuối cùng có hiệu lực, dạng dd/mm/yyyy (để trống nếu đơn vị còn hoạt động)."],
                [],
                ["Ví dụ"],
                ["21610", "Xã Cát Hanh", "Xã", "Huyện Phù Cát", "", "30/06/2025"],
                ["", "Chi bộ thôn Hòa Hội", "Chi bộ", "Đảng bộ xã Hòa Hội", "01/07/2025", ""],
            ], widths: [16, 90]);
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// A one-table import template: <paramref name="headers"/> on a first sheet named <paramref name="sheetName"/>, the
    /// guidance rows on a second ("Hướng dẫn"). Used by the other small imports read with <see cref="ReadFirstSheet"/>.
    /// </summary>
    public static byte[] Workbook(string sheetName, string[] headers, string[][] guidance)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            AddSheet(workbook, sheetName, [headers], widths: [.. headers.Select(h => Math.Max(14.0, h.Length + 4.0))]);
            AddSheet(workbook, "Hướng dẫn", guidance, widths: [28, 90]);
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static void AddSheet(WorkbookPart workbook, string name, string[][] rows, double[] widths)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var columns = new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true }));
        var data = new SheetData(rows.Select((cells, r) => new Row(cells
            .Select((text, c) => (text, c))
            .Where(x => x.text.Length > 0)
            .Select(x => new Cell
            {
                CellReference = $"{(char)('A' + x.c)}{r + 1}",
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new Text(x.text)),
            })) { RowIndex = (uint)(r + 1) }));
        part.Worksheet = new Worksheet(columns, data);
        var sheets = workbook.Workbook.Sheets!;
        sheets.Append(new Sheet
        {
            Id = workbook.GetIdOfPart(part),
            SheetId = (uint)(sheets.Count() + 1),
            Name = name,
        });
    }
}
