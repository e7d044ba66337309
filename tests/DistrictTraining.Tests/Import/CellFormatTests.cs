using DistrictTraining.Core.Common;
using DistrictTraining.Core.Import;
using static DistrictTraining.Tests.Import.RawPackage;

namespace DistrictTraining.Tests.Import;

public class CellFormatTests
{
    [Fact]
    public void Shared_inline_and_rich_text_strings()
    {
        var bytes = XlsxBuilder.FromGrid(
            [X.Inline("Họ và tên"), X.Shared("Dân tộc"), "Ghi chú", "Năm sinh"],
            [X.Rich("Nguyễn ", "Văn", " An"), X.Inline("Tày"), X.RichWithPhonetic("KHÔNG ĐỌC", "Học ", "lại"), 1990]);

        var row = Assert.Single(RosterTestSupport.ReadOk(bytes).Rows);

        Assert.Equal(("Nguyễn", "Văn", "An"), (row.FamilyName, row.MiddleName, row.GivenName));
        Assert.Equal("Tày", row.Ethnicity);
        Assert.Equal("Học lại", row.Note);
    }

    [Fact]
    public void Numbers_and_booleans_become_text_in_text_columns()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["Họ và tên", "Năm sinh", "Trình độ văn hóa", "Ghi chú", "Chức vụ"],
            ["Hoàng Văn Thụ", 1990, 12, X.Bool(true), X.Num(2.5)]);

        var row = Assert.Single(RosterTestSupport.ReadOk(bytes).Rows);

        Assert.Equal("12", row.Education);
        Assert.Equal("TRUE", row.Note);
        Assert.Equal("2.5", row.Position);
    }

    [Fact]
    public void Cells_and_rows_without_references_are_placed_in_order()
    {
        var builder = new XlsxBuilder();
        var sheet = builder.Sheet("DS");
        sheet.OmitCellReferences = true;
        sheet.OmitRowNumbers = true;
        sheet.Row(1, "STT", "Họ và tên", "Ngày sinh", "Dân tộc")
            .Row(2, 1, "Kim Đồng", "01/01/1929", "Tày")
            .Row(3, 2, "Vừ A Dính", "01/01/1934", "Hmông");

        var result = RosterTestSupport.ReadOk(builder.Build());

        Assert.Equal([2, 3], result.Rows.Select(r => r.RowNumber));
        Assert.Equal(["Tày", "Hmông"], result.Rows.Select(r => r.Ethnicity));
        Assert.Equal("01/01/1934", result.Rows[1].DateOfBirth.ToString());
    }

    [Fact]
    public void Raw_sheet_mixing_cells_with_and_without_references()
    {
        // Row 1 has no r; its cells continue from the last reference. Row 3 jumps to D3 then continues to E3.
        var sheet = SheetOpen
            + "<row><c t=\"inlineStr\"><is><t>Họ và tên</t></is></c><c t=\"inlineStr\"><is><t>Ngày sinh</t></is></c>"
            + "<c r=\"D1\" t=\"inlineStr\"><is><t>Dân tộc</t></is></c><c t=\"inlineStr\"><is><t>Tôn giáo</t></is></c></row>"
            + "<row r=\"3\"><c t=\"inlineStr\"><is><t>Lò Thị Xuân</t></is></c><c><v>1992</v></c>"
            + "<c r=\"D3\" t=\"inlineStr\"><is><t>Thái</t></is></c><c t=\"inlineStr\"><is><t>Không</t></is></c></row>"
            + SheetClose;

        var result = RosterTestSupport.ReadOk(Workbook1(sheet));

        var row = Assert.Single(result.Rows);
        Assert.Equal(3, row.RowNumber);
        Assert.Equal(PartialDate.OfYear(1992), row.DateOfBirth);
        Assert.Equal(("Thái", "Không"), (row.Ethnicity, row.Religion));
        Assert.Equal(["A", "B", "D", "E"], result.Columns.Select(c => c.ColumnLetter));
    }

    [Fact]
    public void Sparse_rows_and_columns()
    {
        var builder = new XlsxBuilder();
        builder.Sheet("DS")
            .RowAt(3, 2, "Họ và tên", null, null, "Ngày sinh", null, null, "Ghi chú")
            .RowAt(5, 2, "Đào Duy Anh", null, null, "01/01/1904")
            .RowAt(9, 8, "chỉ ghi chú")
            .RowAt(9, 2, "Đào Duy Từ")
            .RowAt(11, 5, "01/01/1990")
            .RowAt(11, 2, "Đào Văn Ba");

        var rows = RosterTestSupport.ReadOk(builder.Build()).Rows;

        Assert.Equal([5, 9, 11], rows.Select(r => r.RowNumber));
        Assert.Equal("chỉ ghi chú", rows[1].Note);
        Assert.Equal("01/01/1990", rows[2].DateOfBirth.ToString());
    }

    [Fact]
    public void Shared_strings_are_looked_up_by_index_and_phonetic_runs_skipped()
    {
        var sst = """<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">"""
            + "<si><t>Họ và tên</t></si>"
            + "<si><t xml:space=\"preserve\">Ngày sinh</t></si>"
            + "<si><r><t>Trịnh </t></r><r><rPr><b/></rPr><t>Công Sơn</t></r><rPh sb=\"0\" eb=\"1\"><t>PHIÊN ÂM</t></rPh></si>"
            + "<si><t>28/02/1939</t></si></sst>";
        var sheet = SheetOpen
            + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\" t=\"s\"><v>3</v></c></row>"
            + "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>99</v></c><c r=\"B3\" t=\"s\"><v>3</v></c></row>"
            + SheetClose;

        var rows = RosterTestSupport.ReadOk(Workbook1(sheet, sst)).Rows;

        Assert.Equal(("Trịnh", "Công", "Sơn"), (rows[0].FamilyName, rows[0].MiddleName, rows[0].GivenName));
        Assert.Equal("28/02/1939", rows[0].DateOfBirth.ToString());
        Assert.Equal("Thiếu họ tên.", Assert.Single(rows[1].Errors)); // index 99 does not exist: an empty name, not a crash
    }

    [Theory]
    [InlineData("=1+2")]
    [InlineData("+84 912 345 678")]
    [InlineData("-Đã chuyển công tác")]
    [InlineData("@SUM(A1:A3)")]
    [InlineData("=HYPERLINK(\"http://x\",\"bấm\")")]
    public void Text_that_looks_like_a_formula_is_kept_literally(string text)
    {
        var bytes = XlsxBuilder.FromGrid(["Họ và tên", "Năm sinh", "Ghi chú"], ["Lê Lợi", 1985, X.Inline(text)]);

        var row = Assert.Single(RosterTestSupport.ReadOk(bytes).Rows);

        Assert.Equal(text, row.Note);
    }

    [Fact]
    public void Formula_cells_give_their_cached_value_and_are_never_evaluated()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["Họ và tên", "Năm sinh", "Dân tộc", "Trình độ văn hóa", "Ghi chú"],
            [X.Formula("CONCATENATE(\"Lê \",\"Văn Hưu\")", "Lê Văn Hưu", stringResult: true), X.Formula("1980+5", "1985"), X.Formula("\"Kinh\"", "Kinh", true), X.Formula("6+6", null), X.Formula("NOW()", null)]);

        var row = Assert.Single(RosterTestSupport.ReadOk(bytes).Rows);

        Assert.Equal(("Lê", "Văn", "Hưu"), (row.FamilyName, row.MiddleName, row.GivenName));
        Assert.Equal(PartialDate.OfYear(1985), row.DateOfBirth);
        Assert.Equal("Kinh", row.Ethnicity);
        Assert.Null(row.Education); // no cached value: nothing, not "12"
        Assert.Null(row.Note);
    }

    [Fact]
    public void Error_cells_are_text_not_exceptions()
    {
        var sheet = SheetOpen
            + Row(1, Is("A1", "Họ và tên"), Is("B1", "Ngày sinh"))
            + Row(2, Is("A2", "Lê Văn Lương"), "<c r=\"B2\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>")
            + SheetClose;

        var row = Assert.Single(RosterTestSupport.ReadOk(Workbook1(sheet)).Rows);

        Assert.Equal("Ngày sinh không hợp lệ: #DIV/0!.", Assert.Single(row.Errors));
    }

    [Fact]
    public void Iso_date_cells_are_dates()
    {
        var sheet = SheetOpen
            + Row(1, Is("A1", "Họ và tên"), Is("B1", "Ngày sinh"))
            + Row(2, Is("A2", "Lê Văn Lương"), "<c r=\"B2\" t=\"d\"><v>1993-04-05T00:00:00</v></c>")
            + SheetClose;

        var row = Assert.Single(RosterTestSupport.ReadOk(Workbook1(sheet)).Rows);

        Assert.Equal(PartialDate.Full(new DateOnly(1993, 4, 5)), row.DateOfBirth);
    }

    private static string Row(int number, params string[] cells) => $"<row r=\"{number}\">{string.Concat(cells)}</row>";
}
