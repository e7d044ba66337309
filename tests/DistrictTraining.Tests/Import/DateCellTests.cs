using DistrictTraining.Core.Common;

namespace DistrictTraining.Tests.Import;

public class DateCellTests
{
    private static Core.Import.RosterRow ReadOne(object birth, string header = "Ngày sinh")
    {
        var result = RosterTestSupport.ReadOk(XlsxBuilder.FromGrid(["Họ và tên", header], ["Nguyễn Văn Bảy", birth]));
        return Assert.Single(result.Rows);
    }

    [Theory]
    [InlineData("13/02/2001")]
    [InlineData("13/2/2001")]
    [InlineData("13-02-2001")]
    [InlineData("13.02.2001")]
    [InlineData("13 / 02 / 2001")]
    [InlineData("13/02/2001 00:00:00")]
    [InlineData("13022001")]
    [InlineData("2001-02-13")]
    public void Text_dates(string text)
    {
        var row = ReadOne(text);

        Assert.Empty(row.Errors);
        Assert.Equal(PartialDate.Full(new DateOnly(2001, 2, 13)), row.DateOfBirth);
    }

    [Fact]
    public void Short_day_and_month_text()
    {
        Assert.Equal(PartialDate.Full(new DateOnly(1999, 3, 4)), ReadOne("4/3/1999").DateOfBirth);
    }

    [Fact]
    public void Excel_serial_with_builtin_date_style()
    {
        Assert.Equal(PartialDate.Full(new DateOnly(1987, 8, 10)), ReadOne(X.Date(new DateOnly(1987, 8, 10))).DateOfBirth);
    }

    [Fact]
    public void Excel_serial_with_custom_date_format()
    {
        Assert.Equal(PartialDate.Full(new DateOnly(1960, 2, 29)), ReadOne(X.CustomDate(new DateOnly(1960, 2, 29))).DateOfBirth);
    }

    [Fact]
    public void Bare_serial_number_in_a_date_column()
    {
        var serial = X.Serial(new DateOnly(1975, 4, 30));
        Assert.Equal(PartialDate.Full(new DateOnly(1975, 4, 30)), ReadOne(X.Num(serial)).DateOfBirth);
    }

    [Theory]
    [InlineData("1985")]
    [InlineData(1985)]
    public void Bare_year_as_text_or_number(object year)
    {
        var row = ReadOne(year, "Năm sinh");

        Assert.Equal(PartialDate.OfYear(1985), row.DateOfBirth);
        Assert.True(row.DateOfBirth!.Value.YearOnly);
        Assert.Empty(row.Errors);
    }

    [Fact]
    public void Year_typed_into_a_date_formatted_cell_is_a_year_not_1905()
    {
        Assert.Equal(PartialDate.OfYear(1985), ReadOne(X.DateStyled(1985)).DateOfBirth);
    }

    [Fact]
    public void Workbook_in_the_1904_date_system()
    {
        var builder = new XlsxBuilder { Date1904 = true };
        builder.Sheet("DS").Row(1, "Họ và tên", "Ngày sinh").Row(2, "Lò Văn Pả", X.DateStyled(X.Serial(new DateOnly(1990, 1, 1)) - 1462));

        var row = Assert.Single(RosterTestSupport.ReadOk(builder.Build()).Rows);

        Assert.Equal(PartialDate.Full(new DateOnly(1990, 1, 1)), row.DateOfBirth);
    }

    [Fact]
    public void Split_nam_nu_columns_take_serials_text_and_years()
    {
        var builder = new XlsxBuilder();
        builder.Sheet("DS")
            .Row(1, "Họ và tên", "Ngày, tháng, năm sinh")
            .Row(2, null, "Nam", "Nữ")
            .Row(3, "Cầm Văn Một", X.Date(new DateOnly(1980, 12, 31)))
            .Row(4, "Cầm Thị Hai", null, "07/07/1977")
            .Row(5, "Cầm Thị Ba", null, 1966)
            .Merge("A1:A2", "B1:C1");

        var rows = RosterTestSupport.ReadOk(builder.Build()).Rows;

        Assert.Equal([Sex.Male, Sex.Female, Sex.Female], rows.Select(r => r.Sex));
        Assert.Equal(["31/12/1980", "07/07/1977", "1966"], rows.Select(r => r.DateOfBirth.ToString()));
    }

    [Theory]
    [InlineData("31/02/1990", "Ngày sinh không hợp lệ: 31/02/1990.")]
    [InlineData("01/01/2090", "Ngày sinh không hợp lệ: 01/01/2090 (sau ngày hôm nay).")]
    [InlineData("15/05/1890", "Ngày sinh không hợp lệ: 15/05/1890 (trước năm 1900).")]
    [InlineData("1890", "Ngày sinh không hợp lệ: 1890 (trước năm 1900).")]
    [InlineData("2095", "Ngày sinh không hợp lệ: 2095 (sau ngày hôm nay).")]
    [InlineData("13/13/1990", "Ngày sinh không hợp lệ: 13/13/1990.")]
    [InlineData("không rõ", "Ngày sinh không hợp lệ: không rõ.")]
    public void Impossible_dates_are_row_errors(string text, string error)
    {
        var row = ReadOne(text);

        Assert.Null(row.DateOfBirth);
        Assert.Equal(error, Assert.Single(row.Errors));
        Assert.Equal("Bảy", row.GivenName);
    }

    [Fact]
    public void Future_excel_date_is_a_row_error()
    {
        var row = ReadOne(X.Date(new DateOnly(2091, 1, 2)));

        Assert.Equal("Ngày sinh không hợp lệ: 02/01/2091 (sau ngày hôm nay).", Assert.Single(row.Errors));
    }

    [Fact]
    public void Bad_dates_do_not_stop_the_other_rows()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["Họ và tên", "Ngày sinh"],
            ["A Văn Một", "31/02/1990"],
            ["A Văn Hai", X.Num(-5)],
            ["A Văn Ba", X.Bool(true)],
            ["A Văn Bốn", "01/01/1990"]);

        var rows = RosterTestSupport.ReadOk(bytes).Rows;

        Assert.Equal(4, rows.Count);
        Assert.Equal([true, true, true, false], rows.Select(r => r.HasErrors));
        Assert.Equal("01/01/1990", rows[3].DateOfBirth.ToString());
    }

    [Fact]
    public void Party_join_date_is_parsed_and_an_odd_one_is_a_date_error_the_clerk_may_leave_empty()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["Họ và tên", "Ngày sinh", "Ngày vào Đảng"],
            ["Tạ Văn Chín", "01/01/1980", X.Date(new DateOnly(2010, 5, 19))],
            ["Tạ Văn Mười", "01/01/1981", "chưa rõ"]);

        var rows = RosterTestSupport.ReadOk(bytes).Rows;

        Assert.Equal(PartialDate.Full(new DateOnly(2010, 5, 19)), rows[0].PartyJoinDate);
        Assert.Equal("19/05/2010", rows[0].PartyJoinDateText);
        Assert.Null(rows[1].PartyJoinDate);
        Assert.Equal("chưa rõ", rows[1].PartyJoinDateText);
        Assert.Equal(["Ngày vào Đảng không hợp lệ: chưa rõ."], rows[1].Errors);
        Assert.True(rows[1].CanTakeWithoutDates);
        var taken = rows[1].WithoutBadDates();
        Assert.Empty(taken.Errors);
        Assert.Null(taken.PartyJoinDate);
        Assert.Contains(taken.Warnings, w => w.StartsWith("Để trống ngày vào Đảng", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_birth_date_is_a_warning()
    {
        var bytes = XlsxBuilder.FromGrid(["Họ và tên", "Ngày sinh", "Dân tộc"], ["Tạ Văn Chín", null, "Kinh"]);

        var row = Assert.Single(RosterTestSupport.ReadOk(bytes).Rows);

        Assert.Null(row.DateOfBirth);
        Assert.Empty(row.Errors);
        Assert.Equal("Thiếu ngày sinh.", Assert.Single(row.Warnings));
    }
}
