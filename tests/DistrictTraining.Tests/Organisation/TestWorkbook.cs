using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DistrictTraining.Tests.Organisation;

/// <summary>Builds small .xlsx files for import tests: strings as shared strings (as Excel writes them), numbers and dates as numbers.</summary>
internal static class TestWorkbook
{
    /// <summary>Each row's cells: a string, a <see cref="DateOnly"/> (written as an Excel serial number), a number, or null.</summary>
    public static byte[] Build(params object?[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var index = new Dictionary<string, int>();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    switch (rows[r][c])
                    {
                        case null:
                            break;
                        case string text:
                            if (!index.TryGetValue(text, out var i))
                            {
                                i = index.Count;
                                index[text] = i;
                                strings.SharedStringTable.AppendChild(new SharedStringItem(new Text(text)));
                            }

                            row.AppendChild(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
                            break;
                        case DateOnly date:
                            var serial = date.ToDateTime(TimeOnly.MinValue).ToOADate();
                            row.AppendChild(new Cell { CellReference = reference, CellValue = new CellValue(serial.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
                            break;
                        case var number:
                            row.AppendChild(new Cell { CellReference = reference, CellValue = new CellValue(Convert.ToString(number, System.Globalization.CultureInfo.InvariantCulture)!) });
                            break;
                    }
                }

                data.AppendChild(row);
            }

            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Đơn vị" }));
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }
}
