using DistrictTraining.Core.Common;

namespace DistrictTraining.Tests.Import;

public class RowErrorTests
{
    [Fact]
    public void Missing_name_is_a_row_error()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["STT", "Họ và tên", "Ngày sinh", "Dân tộc"],
            [1, "Ngô Quyền", "01/01/1990", "Kinh"],
            [2, null, "02/02/1992", "Kinh"],
            [3, "Ngô Văn Ba", "03/03/1993", "Kinh"]);

        var rows = RosterTestSupport.ReadOk(bytes).Rows;

        Assert.Equal(3, rows.Count);
        Assert.Equal("Thiếu họ tên.", Assert.Single(rows[1].Errors));
        Assert.Equal(3, rows[1].RowNumber);
        Assert.Empty(rows[2].Errors);
    }

    [Fact]
    public void Missing_name_with_only_descriptive_columns_is_still_an_error_row()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["Họ và tên", "Dân tộc", "Tôn giáo", "Ghi chú"],
            ["Ngô Quyền", "Kinh", "Không"],
            [null, "Kinh", "Phật giáo"],
            ["Ngô Văn Ba", "Kinh", "Không"]);

        var rows = RosterTestSupport.ReadOk(bytes).Rows;

        Assert.Equal([false, true, false], rows.Select(r => r.HasErrors));
    }

    [Fact]
    public void Duplicate_cccd_flags_the_second_row_naming_the_first()
    {
        var builder = new XlsxBuilder();
        builder.Sheet("DS")
            .Row(1, "DANH SÁCH")
            .Row(7, "STT", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD")
            .Row(8, 1, "Lý Thường Kiệt", "Nam", "01/01/1990", "001090000001")
            .Row(9, 2, "Lý Công Uẩn", "Nam", "02/02/1990", "001090000002")
            .Row(10, 3, "Lý Thường Kiệt", "Nam", "03/03/1990", "001 090 000 001");

        var rows = RosterTestSupport.ReadOk(builder.Build()).Rows;

        Assert.Empty(rows[0].Errors);
        Assert.Empty(rows[1].Errors);
        Assert.Equal("Trùng với dòng 8 trong tệp (cùng số CCCD).", Assert.Single(rows[2].Errors));
    }

    [Fact]
    public void Duplicate_name_and_birth_date_flags_the_second_row()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["Họ và tên", "Ngày sinh", "Đơn vị"],
            ["Trần Hưng Đạo", "01/01/1990", "Xã A"],
            ["Trần Hưng Đạo", "02/01/1990", "Xã B"],
            ["TRẦN HƯNG ĐẠO", X.Date(new DateOnly(1990, 1, 1)), "Xã C"],
            ["Trần Hưng Dao", "01/01/1990", "Xã D"]);

        var rows = RosterTestSupport.ReadOk(bytes).Rows;

        Assert.Equal([false, false, true, false], rows.Select(r => r.HasErrors));
        Assert.Equal("Trùng với dòng 2 trong tệp (cùng họ tên và ngày sinh).", Assert.Single(rows[2].Errors));
    }

    [Fact]
    public void Namesakes_born_the_same_day_with_different_ids_are_not_duplicates()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD"],
            ["Nguyễn Văn An", "Nam", "01/01/1990", "001090000001"],
            ["Nguyễn Văn An", "Nam", "01/01/1990", "052090000002"],
            ["Nguyễn Văn An", "Nam", "01/01/1990", null]);

        var rows = RosterTestSupport.ReadOk(bytes).Rows;

        Assert.Equal([false, false, true], rows.Select(r => r.HasErrors));
        Assert.Equal("Trùng với dòng 2 trong tệp (cùng họ tên và ngày sinh).", Assert.Single(rows[2].Errors));
    }

    [Fact]
    public void Cccd_contradicting_sex_and_birth_year_is_warned()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["Họ và tên", "Giới tính", "Ngày sinh", "CCCD"],
            ["Bùi Thị Xuân", "Nữ", "01/01/1985", "052090001234"]);

        var row = Assert.Single(RosterTestSupport.ReadOk(bytes).Rows);

        Assert.Empty(row.Errors);
        Assert.Equal(
            ["CCCD cho biết giới tính Nam, nhưng giới tính đã nhập là Nữ.", "CCCD cho biết năm sinh 1990, nhưng năm sinh đã nhập là 1985."],
            row.Warnings);
    }

    [Fact]
    public void Cccd_stored_as_a_number_gets_its_leading_zeros_back()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["Họ và tên", "Giới tính", "Năm sinh", "Số CCCD"],
            ["Bùi Văn Nam", "Nam", 1990, X.Num(1090012345)],
            ["Bùi Văn Bắc", "Nam", 1990, "12345"]);

        var rows = RosterTestSupport.ReadOk(bytes).Rows;

        Assert.Equal("001090012345", rows[0].Cccd);
        Assert.Contains(rows[0].Warnings, w => w.Contains("001090012345", StringComparison.Ordinal));
        Assert.Equal("12345", rows[1].Cccd);
        Assert.Contains("Số CCCD phải gồm đúng 12 chữ số. Ô CCCD ghi: 12345.", rows[1].Errors);
        Assert.False(rows[1].CanTakeWithoutDates);
    }

    [Fact]
    public void Both_nam_and_nu_filled_is_a_row_error()
    {
        var builder = new XlsxBuilder();
        builder.Sheet("DS")
            .Row(1, "Họ và tên", "Năm sinh")
            .Row(2, null, "Nam", "Nữ")
            .Row(3, "Lưỡng Văn Hai", 1990, 1990)
            .Merge("A1:A2", "B1:C1");

        var row = Assert.Single(RosterTestSupport.ReadOk(builder.Build()).Rows);

        Assert.Null(row.Sex);
        Assert.Null(row.DateOfBirth);
        Assert.Equal("Có dữ liệu ở cả cột Nam và cột Nữ; không xác định được giới tính và ngày sinh.", Assert.Single(row.Errors));
    }

    [Fact]
    public void Given_name_missing_in_separate_columns_is_an_error()
    {
        var bytes = XlsxBuilder.FromGrid(["Họ và đệm", "Tên", "Năm sinh"], ["Phạm Văn", null, 1990]);

        var row = Assert.Single(RosterTestSupport.ReadOk(bytes).Rows);

        Assert.StartsWith("Thiếu tên", Assert.Single(row.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Result_counts_error_rows()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["Họ và tên", "Ngày sinh"],
            ["Hà Văn Một", "31/02/1990"],
            ["Hà Văn Hai", "01/02/1990"]);

        var result = RosterTestSupport.ReadOk(bytes);

        Assert.Equal(1, result.ErrorRowCount);
        Assert.Null(result.Rows[1].Sex); // no sex column: unknown, not guessed
    }
}
