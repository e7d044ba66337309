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
    public static readonly string[] Headers = ["Mã", "Tên đơn vị", "Loại", "Đơn vị cấp trên", "Hiệu lực từ", "Hiệu lực đến"];

    /// <summary>The first worksheet's non-empty rows, keyed by 1-based row number, each cell by 0-based column.</summary>
    public static List<(int Row, Dictionary<int, SheetCell> Cells)> ReadFirstSheet(Stream stream)
    {
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("No workbook part.");
        var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("No sheet.");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(ItemText).ToList() ?? [];

        var rows = new List<(int, Dictionary<int, SheetCell>)>();
        var rowNumber = 0;
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            rowNumber = row.RowIndex?.Value is { } index ? (int)index : rowNumber + 1;
            var cells = new Dictionary<int, SheetCell>();
            var column = -1;
            foreach (var cell in row.Elements<Cell>())
            {
                column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : column + 1;
                var value = CellValue(cell, shared);
                if (value is not null && value.Text.Length > 0)
                {
                    cells[column] = value;
                }
            }

            if (cells.Count > 0)
            {
                rows.Add((rowNumber, cells));
            }
        }

        return rows;
    }

    private static SheetCell? CellValue(Cell cell, List<string> shared)
    {
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Count
                ? new SheetCell(VietnameseText.Clean(shared[i]), null)
                : null;
        }

        if (type == CellValues.InlineString)
        {
            return new SheetCell(VietnameseText.Clean(cell.InlineString is { } inline ? ItemText(inline) : raw), null);
        }

        if (type == CellValues.String || type == CellValues.Boolean || type == CellValues.Error)
        {
            return new SheetCell(VietnameseText.Clean(raw), null);
        }

        if (type == CellValues.Date)
        {
            // ISO 8601 text; turned into the serial number that numeric date cells carry.
            return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? new SheetCell(raw!, d.ToOADate())
                : new SheetCell(VietnameseText.Clean(raw), null);
        }

        if (raw is null)
        {
            return null;
        }

        return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? new SheetCell(raw.Trim(), number)
            : new SheetCell(VietnameseText.Clean(raw), null);
    }

    // Rich text keeps its runs; phonetic guides (rPh) are not part of the text.
    private static string ItemText(OpenXmlElement item) =>
        item.GetFirstChild<Text>()?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference)
        {
            if (!char.IsAsciiLetter(ch))
            {
                break;
            }

            index = (index * 26) + (char.ToUpperInvariant(ch) - 'A' + 1);
        }

        return index - 1;
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
