namespace DistrictTraining.Tests.Import;

public class TableEndTests
{
    private static XlsxBuilder Roster(out SheetSpec sheet)
    {
        var builder = new XlsxBuilder();
        sheet = builder.Sheet("DS")
            .Row(1, "STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Ghi chú")
            .Row(2, 1, "Nguyễn Văn Một", "01/01/1990", "Bí thư chi bộ")
            .Row(3, 2, "Nguyễn Văn Hai", "02/01/1990", "Chủ tịch Hội Nông dân");
        return builder;
    }

    [Fact]
    public void Blank_lines_inside_the_table_are_skipped()
    {
        var builder = Roster(out var sheet);
        sheet.Row(4, X.Inline(" "), X.Inline("\u00A0"))
            .Row(7, 3, "Nguyễn Văn Ba", "03/01/1990")
            .Row(8, 4) // pre-numbered row left empty
            .Row(9, 5, "Nguyễn Văn Năm", "05/01/1990");

        var rows = RosterTestSupport.ReadOk(builder.Build()).Rows;

        Assert.Equal([2, 3, 7, 9], rows.Select(r => r.RowNumber));
        Assert.All(rows, r => Assert.Empty(r.Errors));
    }

    [Theory]
    [InlineData(2, "Người lập biểu")]
    [InlineData(4, "TM. ĐẢNG ỦY")]
    [InlineData(3, "T/M ĐẢNG ỦY")]
    [InlineData(2, "Tổng số: 25")]
    [InlineData(1, "Tổng số: 25 học viên")]
    [InlineData(2, "Cộng: 2 người")]
    [InlineData(5, "Ghi chú: danh sách gửi kèm công văn")]
    [InlineData(4, "KT. BÍ THƯ")]
    [InlineData(4, "BÍ THƯ")]
    [InlineData(3, "Cát Hanh, ngày 10 tháng 3 năm 2024")]
    [InlineData(2, "Danh sách này có 2 đồng chí")]
    public void Table_ends_at_a_signature_block_or_totals_line(int column, string text)
    {
        var builder = Roster(out var sheet);
        sheet.RowAt(5, column, text)
            .RowAt(6, 2, "Người lập biểu", null, "TM. ĐẢNG ỦY")
            .RowAt(9, 2, "Trần Thị Ký", null, "Nguyễn Văn Duyệt");

        var rows = RosterTestSupport.ReadOk(builder.Build()).Rows;

        Assert.Equal([2, 3], rows.Select(r => r.RowNumber));
        Assert.All(rows, r => Assert.Empty(r.Errors));
    }

    [Fact]
    public void A_row_with_only_text_in_a_non_name_column_ends_the_table()
    {
        var builder = Roster(out var sheet);
        sheet.RowAt(4, 4, "Danh sách trên được Đảng ủy thống nhất")
            .RowAt(6, 2, "Lê Văn Ký"); // the signer's name, in the name column

        var rows = RosterTestSupport.ReadOk(builder.Build()).Rows;

        Assert.Equal([2, 3], rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void A_long_run_of_blank_rows_ends_the_table()
    {
        var builder = Roster(out var sheet);
        sheet.Row(15, 9, "Người Ở Dưới Xa", "01/01/1980");

        var rows = RosterTestSupport.ReadOk(builder.Build()).Rows;

        Assert.Equal([2, 3], rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void A_few_blank_rows_do_not_end_the_table()
    {
        var builder = Roster(out var sheet);
        sheet.Row(10, 9, "Người Ở Gần", "01/01/1980");

        var rows = RosterTestSupport.ReadOk(builder.Build()).Rows;

        Assert.Equal([2, 3, 10], rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void Section_title_rows_inside_the_table_are_skipped()
    {
        var builder = new XlsxBuilder();
        builder.Sheet("DS")
            .Row(1, "STT", "Họ và tên", "Ngày sinh", "Đơn vị")
            .Row(2, "I. ĐẢNG BỘ XÃ CÁT HANH")
            .Row(3, 1, "Phan Văn Một", "01/01/1990", "Chi bộ thôn 1")
            .Row(4, null, "Chi bộ thôn Hòa Hội 2")
            .Row(5, 2, "Phan Văn Hai", "01/01/1991", "Chi bộ thôn 2")
            .Merge("A2:D2");

        var rows = RosterTestSupport.ReadOk(builder.Build()).Rows;

        Assert.Equal([3, 5], rows.Select(r => r.RowNumber));
        Assert.All(rows, r => Assert.Empty(r.Errors));
    }

    [Fact]
    public void A_unit_merged_down_over_its_members_is_given_to_each()
    {
        var builder = new XlsxBuilder();
        builder.Sheet("DS")
            .Row(1, "Họ và tên", "Ngày sinh", "Chi bộ")
            .Row(2, "Lê Văn Một", "01/01/1990", "Chi bộ thôn 1")
            .Row(3, "Lê Văn Hai", "01/01/1991")
            .Row(4, "Lê Văn Ba", "01/01/1992")
            .Row(5, "Lê Văn Bốn", "01/01/1993", "Chi bộ thôn 2")
            .Merge("C2:C4");

        var rows = RosterTestSupport.ReadOk(builder.Build()).Rows;

        Assert.Equal(["Chi bộ thôn 1", "Chi bộ thôn 1", "Chi bộ thôn 1", "Chi bộ thôn 2"], rows.Select(r => r.UnitName));
    }

    [Fact]
    public void A_person_named_like_a_weak_end_word_is_still_a_trainee()
    {
        var builder = Roster(out var sheet);
        sheet.Row(4, 3, "Tống Sở Nam", "01/01/1970")
            .Row(5, 4, "Chu Ý Nhi", "01/01/1971");

        var rows = RosterTestSupport.ReadOk(builder.Build()).Rows;

        Assert.Equal([2, 3, 4, 5], rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void Section_rows_numbered_with_roman_numerals_or_letters_are_skipped()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["STT", "Họ và tên", "Năm sinh", "Đơn vị"],
            ["I", "Đảng bộ xã Cát Hanh"],
            [1, "Phan Văn Một", 1990, "Chi bộ thôn 1"],
            ["II.", "Đảng bộ xã Cát Tân"],
            [2, "Phan Văn Hai", 1991, "Chi bộ thôn 2"]);

        var rows = RosterTestSupport.ReadOk(bytes).Rows;

        Assert.Equal([3, 5], rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void A_wide_merge_beside_the_name_is_not_a_section_row()
    {
        var builder = new XlsxBuilder();
        builder.Sheet("DS")
            .Row(1, "Họ và tên", "Dân tộc", "Ghi chú")
            .Row(2, "Lê Văn Một", "Kinh", "Ghi chú dài trải qua ba cột")
            .Row(3, "Lê Văn Hai", "Tày")
            .Merge("C1:E1", "C2:E2", "C3:E3");

        var rows = RosterTestSupport.ReadOk(builder.Build()).Rows;

        Assert.Equal([2, 3], rows.Select(r => r.RowNumber));
        Assert.Equal("Ghi chú dài trải qua ba cột", rows[0].Note);
    }
}
