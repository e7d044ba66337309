using System.Text;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Import;

namespace DistrictTraining.Tests.Import;

public class HeaderVariantTests
{
    [Theory]
    [InlineData("Họ và tên")]
    [InlineData("Họ tên")]
    [InlineData("Họ, tên")]
    [InlineData("HỌ VÀ TÊN")]
    [InlineData("họ và\ntên")]
    [InlineData("  Họ\u00A0và  tên ")]
    [InlineData("Ho va ten")]
    [InlineData("Họ và tên học viên")]
    public void Full_name_column_variants_are_split(string header)
    {
        var bytes = XlsxBuilder.FromGrid(
            ["STT", header, "Ngày sinh"],
            [1, "Nguyễn Văn An", "01/02/1990"],
            [2, "Tôn Nữ Thị Minh Hằng", "1985"]);

        var rows = RosterTestSupport.ReadOk(bytes).Rows;

        Assert.Equal(2, rows.Count);
        Assert.Equal(("Nguyễn", "Văn", "An"), (rows[0].FamilyName, rows[0].MiddleName, rows[0].GivenName));
        Assert.Equal(("Tôn Nữ", "Thị Minh", "Hằng"), (rows[1].FamilyName, rows[1].MiddleName, rows[1].GivenName));
    }

    [Fact]
    public void Full_name_header_in_decomposed_unicode_is_recognised()
    {
        var header = "Họ và tên".Normalize(NormalizationForm.FormD);
        var dob = "Ngày, tháng, năm sinh".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Họ và tên", header);

        var result = RosterTestSupport.ReadOk(XlsxBuilder.FromGrid([header, dob], ["Lê Thị Hoa", "02/03/1991"]));

        Assert.Equal([RosterField.FullName, RosterField.DateOfBirth], result.Columns.Select(c => c.Field));
        Assert.Equal("Hoa", Assert.Single(result.Rows).GivenName);
    }

    [Theory]
    [InlineData("Họ và đệm")]
    [InlineData("Họ đệm")]
    [InlineData("Họ và tên đệm")]
    public void Family_and_middle_then_given_name_columns(string header)
    {
        var bytes = XlsxBuilder.FromGrid(
            ["TT", header, "Tên", "Năm sinh"],
            [1, "Nguyễn Văn", "An", 1980],
            [2, "Hồ", "Lan", 1990]);

        var result = RosterTestSupport.ReadOk(bytes);

        Assert.Equal([RosterField.SequenceNumber, RosterField.FamilyAndMiddleName, RosterField.GivenName, RosterField.DateOfBirth], result.Columns.Select(c => c.Field));
        Assert.Equal(("Nguyễn", "Văn", "An"), (result.Rows[0].FamilyName, result.Rows[0].MiddleName, result.Rows[0].GivenName));
        Assert.Equal(("Hồ", "", "Lan"), (result.Rows[1].FamilyName, result.Rows[1].MiddleName, result.Rows[1].GivenName));
    }

    [Fact]
    public void Separate_family_middle_and_given_columns_keep_a_compound_family_name()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["Họ", "Tên đệm", "Tên", "Ngày sinh"],
            ["Tôn Nữ", "Thị", "Hà", "1970"]);

        var row = Assert.Single(RosterTestSupport.ReadOk(bytes).Rows);

        Assert.Equal(("Tôn Nữ", "Thị", "Hà"), (row.FamilyName, row.MiddleName, row.GivenName));
    }

    [Theory]
    [InlineData("Ngày, tháng, năm sinh")]
    [InlineData("Ngày sinh")]
    [InlineData("Năm sinh")]
    [InlineData("Ngày tháng năm sinh")]
    [InlineData("NGÀY SINH\n(dd/mm/yyyy)")]
    public void Birth_date_header_variants(string header)
    {
        var result = RosterTestSupport.ReadOk(XlsxBuilder.FromGrid(["Họ và tên", header], ["Trần Văn Bình", "05/06/1977"]));

        Assert.Equal(RosterField.DateOfBirth, result.Columns[1].Field);
        Assert.Equal(PartialDate.Full(new DateOnly(1977, 6, 5)), Assert.Single(result.Rows).DateOfBirth);
    }

    [Theory]
    [InlineData("Số CCCD")]
    [InlineData("CCCD")]
    [InlineData("Căn cước")]
    [InlineData("Số định danh")]
    [InlineData("Số CCCD/ĐDCN")]
    public void Citizen_id_header_variants(string header)
    {
        var result = RosterTestSupport.ReadOk(XlsxBuilder.FromGrid(
            ["Họ và tên", "Giới tính", "Ngày sinh", header],
            ["Trần Văn Bình", "Nam", "05/06/1977", "052 077 001 234"]));

        var row = Assert.Single(result.Rows);
        Assert.Equal(RosterField.Cccd, result.Columns[3].Field);
        Assert.Equal("052077001234", row.Cccd);
        Assert.Empty(row.Warnings);
    }

    public static readonly TheoryData<string, RosterField> OtherHeaders = new()
    {
        { "STT", RosterField.SequenceNumber },
        { "TT", RosterField.SequenceNumber },
        { "Giới tính", RosterField.Sex },
        { "Dân tộc", RosterField.Ethnicity },
        { "Tôn giáo", RosterField.Religion },
        { "Trình độ văn hóa", RosterField.Education },
        { "Văn hóa", RosterField.Education },
        { "Học vấn", RosterField.Education },
        { "Chuyên môn", RosterField.Qualification },
        { "Trình độ chuyên môn", RosterField.Qualification },
        { "Chức vụ", RosterField.Position },
        { "Đơn vị", RosterField.UnitName },
        { "Nơi công tác", RosterField.UnitName },
        { "Chi bộ", RosterField.UnitName },
        { "Đơn vị công tác", RosterField.UnitName },
        { "Nơi sinh hoạt đảng", RosterField.UnitName },
        { "Chức vụ, đơn vị công tác", RosterField.PositionAndUnit },
        { "Ngày vào Đảng", RosterField.PartyJoinDate },
        { "Trình độ LLCT", RosterField.PoliticalTheoryLevel },
        { "Lý luận chính trị", RosterField.PoliticalTheoryLevel },
        { "Đảng viên", RosterField.PartyStatus },
        { "Ghi chú", RosterField.Note },
    };

    [Theory]
    [MemberData(nameof(OtherHeaders))]
    public void Other_header_is_mapped(string header, RosterField field)
    {
        var result = RosterTestSupport.ReadOk(XlsxBuilder.FromGrid(["Họ và tên", header], ["Trần Văn Bình", "Nam"]));

        var column = Assert.Single(result.Columns, c => c.ColumnNumber == 2);
        Assert.Equal(field, column.Field);
        Assert.Equal(header, column.HeaderText);
    }

    [Fact]
    public void All_fields_are_read_into_the_row()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Dân tộc", "Tôn giáo", "Trình độ văn hóa", "Chuyên môn",
             "Chức vụ", "Đơn vị", "Đảng viên", "Ngày vào Đảng", "Trình độ LLCT", "Ghi chú"],
            [1, "Đặng Thị Ánh", "Nữ", "12/05/1990", "052190001234", "Kinh", "Phật giáo", "12/12", "Đại học Luật",
             "Phó Chủ tịch UBND xã", "Đảng bộ xã Cát Hanh", "Chính thức", "03/02/2015", "Trung cấp", "Học lại"]);

        var row = Assert.Single(RosterTestSupport.ReadOk(bytes).Rows);

        Assert.Equal(Sex.Female, row.Sex);
        Assert.Equal("12/05/1990", row.DateOfBirth.ToString());
        Assert.Equal("052190001234", row.Cccd);
        Assert.Equal("Kinh", row.Ethnicity);
        Assert.Equal("Phật giáo", row.Religion);
        Assert.Equal("12/12", row.Education);
        Assert.Equal("Đại học Luật", row.Qualification);
        Assert.Equal("Phó Chủ tịch UBND xã", row.Position);
        Assert.Equal("Đảng bộ xã Cát Hanh", row.UnitName);
        Assert.Equal("Chính thức", row.PartyStatusText);
        Assert.Equal("03/02/2015", row.PartyJoinDateText);
        Assert.Equal(PartialDate.Full(new DateOnly(2015, 2, 3)), row.PartyJoinDate);
        Assert.Equal("Trung cấp", row.PoliticalTheoryLevelText);
        Assert.Equal("Học lại", row.Note);
        Assert.Empty(row.Errors);
        Assert.Empty(row.Warnings);
    }

    [Fact]
    public void Header_is_found_below_title_rows_not_at_a_fixed_position()
    {
        var builder = new XlsxBuilder();
        builder.Sheet("DS")
            .Row(1, "ĐẢNG BỘ HUYỆN PHÙ CÁT", null, null, "ĐẢNG CỘNG SẢN VIỆT NAM")
            .Row(2, "ĐẢNG ỦY XÃ CÁT TÂN", null, null, "Cát Tân, ngày 5 tháng 4 năm 2024")
            .Row(4, "DANH SÁCH HỌC VIÊN")
            .Row(5, "Lớp bồi dưỡng đảng viên mới, họ và tên theo CCCD")
            .Row(7, "Kèm theo công văn số 12-CV/ĐU")
            .Row(12, "STT", "Họ và tên", "Giới tính", "Năm sinh")
            .Row(13, 1, "Lý Văn Sơn", "Nam", 1999)
            .Merge("A4:D4", "A5:D5");

        var result = RosterTestSupport.ReadOk(builder.Build());

        Assert.Equal(12, result.HeaderRowNumber);
        var row = Assert.Single(result.Rows);
        Assert.Equal(13, row.RowNumber);
        Assert.Equal(PartialDate.OfYear(1999), row.DateOfBirth);
    }

    [Fact]
    public void Header_beyond_the_first_twenty_rows_is_not_searched()
    {
        var sheet = new XlsxBuilder();
        var spec = sheet.Sheet("DS");
        for (var i = 1; i <= 21; i++)
        {
            spec.Row(i, $"Dòng giới thiệu {i}", "ghi chú");
        }

        spec.Row(22, "Họ và tên", "Ngày sinh").Row(23, "Lê Văn A", "01/01/1990");

        var result = RosterTestSupport.Read(sheet.Build());

        Assert.Equal(RosterRefusal.NoHeader, result.Refusal);
    }

    [Fact]
    public void Two_row_header_with_sex_markers_under_gioi_tinh_and_levels_under_trinh_do()
    {
        var builder = new XlsxBuilder();
        builder.Sheet("DS")
            .Row(1, "DANH SÁCH")
            .Row(3, "TT", "Họ và tên", "Giới tính", null, "Ngày sinh", "Trình độ", null, null, "Ghi chú")
            .Row(4, null, null, "Nam", "Nữ", null, "Văn hóa", "Chuyên môn", "LLCT")
            .Row(5, 1, "Võ Thị Sáu", null, "x", "1933", "12/12", "Cử nhân", "Sơ cấp")
            .Row(6, 2, "Lê Văn Tám", "X", null, "1940", "9/12", null, null)
            .Merge("A3:A4", "B3:B4", "C3:D3", "E3:E4", "F3:H3", "I3:I4");

        var result = RosterTestSupport.ReadOk(builder.Build());

        Assert.Equal((3, 4), (result.HeaderRowNumber, result.LastHeaderRowNumber));
        Assert.Equal(
            ["STT", "Họ và tên", "Giới tính: Nam", "Giới tính: Nữ", "Ngày sinh", "Trình độ văn hóa", "Trình độ chuyên môn", "Trình độ LLCT", "Ghi chú"],
            result.RecognisedColumns);
        Assert.Equal([Sex.Female, Sex.Male], result.Rows.Select(r => r.Sex));
        Assert.Equal(PartialDate.OfYear(1933), result.Rows[0].DateOfBirth);
        Assert.Equal(("12/12", "Cử nhân", "Sơ cấp"), (result.Rows[0].Education, result.Rows[0].Qualification, result.Rows[0].PoliticalTheoryLevelText));
        Assert.All(result.Rows, r => Assert.Empty(r.Errors));
    }

    [Fact]
    public void Two_row_header_without_merge_records_takes_the_group_from_the_left()
    {
        // Some tools drop <mergeCells>: the sub-headers still sit under the group's first column.
        var builder = new XlsxBuilder();
        builder.Sheet("DS")
            .Row(1, "STT", "Họ và tên", "Năm sinh", null, "Trình độ")
            .Row(2, null, null, "Nam", "Nữ", "Văn hóa", "Chuyên môn")
            .Row(3, 1, "Hà Văn Tuấn", 1979, null, "12/12", "Kỹ sư")
            .Row(4, 2, "Hà Thị Thu", null, 1981, "10/10", null);

        var result = RosterTestSupport.ReadOk(builder.Build());

        Assert.Equal(2, result.LastHeaderRowNumber);
        Assert.Equal([RosterField.SequenceNumber, RosterField.FullName, RosterField.MaleColumn, RosterField.FemaleColumn, RosterField.Education, RosterField.Qualification],
            result.Columns.Select(c => c.Field));
        Assert.Equal([Sex.Male, Sex.Female], result.Rows.Select(r => r.Sex));
        Assert.Equal([1979, 1981], result.Rows.Select(r => r.DateOfBirth!.Value.Year));
        Assert.True(result.Rows[0].DateOfBirth!.Value.YearOnly);
        Assert.Equal("Kỹ sư", result.Rows[0].Qualification);
    }

    [Fact]
    public void Birth_date_split_into_day_month_year_sub_columns()
    {
        var builder = new XlsxBuilder();
        builder.Sheet("DS")
            .Row(1, "Họ và tên", "Ngày, tháng, năm sinh")
            .Row(2, null, "Ngày", "Tháng", "Năm")
            .Row(3, "Mai Văn Dũng", 7, 9, 1968)
            .Row(4, "Mai Thị Đào", null, null, 1970)
            .Merge("A1:A2", "B1:D1");

        var result = RosterTestSupport.ReadOk(builder.Build());

        Assert.Equal([RosterField.FullName, RosterField.BirthDay, RosterField.BirthMonth, RosterField.BirthYear], result.Columns.Select(c => c.Field));
        Assert.Equal(PartialDate.Full(new DateOnly(1968, 9, 7)), result.Rows[0].DateOfBirth);
        Assert.Equal(PartialDate.OfYear(1970), result.Rows[1].DateOfBirth);
        Assert.Null(result.Rows[0].Sex); // "Năm" is the year here, not "Nam"
    }

    [Fact]
    public void Full_name_merged_over_two_columns_is_family_and_middle_then_given()
    {
        var builder = new XlsxBuilder();
        builder.Sheet("DS")
            .Row(1, "STT", "Họ và tên", null, "Ngày sinh")
            .Row(2, 1, "Nguyễn Thị Thanh", "Xuân", "20/10/1995")
            .Merge("B1:C1");

        var result = RosterTestSupport.ReadOk(builder.Build());

        var row = Assert.Single(result.Rows);
        Assert.Equal(("Nguyễn", "Thị Thanh", "Xuân"), (row.FamilyName, row.MiddleName, row.GivenName));
        Assert.Equal([RosterField.SequenceNumber, RosterField.FamilyAndMiddleName, RosterField.GivenName, RosterField.DateOfBirth], result.Columns.Select(c => c.Field));
    }

    [Fact]
    public void Column_numbering_row_under_the_header_is_not_a_trainee()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["STT", "Họ và tên", "Ngày sinh", "Đơn vị"],
            ["(1)", "(2)", "(3)", "(4)"],
            [1, "Phạm Văn Đồng", "01/03/1956", "Chi bộ 1"]);

        var rows = RosterTestSupport.ReadOk(bytes).Rows;

        var row = Assert.Single(rows);
        Assert.Equal(3, row.RowNumber);
    }

    [Fact]
    public void Best_scoring_row_wins_over_a_title_row_that_mentions_a_name()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["Họ và tên người lập biểu:", "Trần Văn Lập"],
            ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc"],
            [1, "Đinh Bộ Lĩnh", "01/01/1990", "Nam", "Kinh"]);

        var result = RosterTestSupport.ReadOk(bytes);

        Assert.Equal(2, result.HeaderRowNumber);
        Assert.Equal("Lĩnh", Assert.Single(result.Rows).GivenName);
    }

    [Fact]
    public void Roster_on_a_second_sheet_is_found_and_a_hidden_sheet_comes_last()
    {
        var builder = new XlsxBuilder();
        var hidden = builder.Sheet("Ẩn");
        hidden.Hidden = true;
        hidden.Row(1, "Họ và tên", "Ngày sinh").Row(2, "Sai Trang", "01/01/1990");
        builder.Sheet("Bìa").Row(1, "CÔNG VĂN GỬI TRUNG TÂM");
        builder.Sheet("Danh sách").Row(1, "Họ và tên", "Ngày sinh").Row(2, "Đúng Trang", "01/01/1991");

        var result = RosterTestSupport.ReadOk(builder.Build());

        Assert.Equal("Danh sách", result.SheetName);
        Assert.Equal("Trang", Assert.Single(result.Rows).GivenName);
        Assert.Equal("Đúng", result.Rows[0].FamilyName);
    }

    [Fact]
    public void Nam_and_nu_as_headers_of_their_own_hold_the_birth_year()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["STT", "Họ và tên", "Nam", "Nữ", "Quê quán"],
            [1, "Đinh Văn Hùng", 1972, null, "Cát Hanh"],
            [2, "Đinh Thị Hoa", null, "12/12/1975", "Cát Tân"]);

        var result = RosterTestSupport.ReadOk(bytes);

        Assert.Equal([RosterField.SequenceNumber, RosterField.FullName, RosterField.MaleColumn, RosterField.FemaleColumn], result.Columns.Select(c => c.Field));
        Assert.Equal([Sex.Male, Sex.Female], result.Rows.Select(r => r.Sex));
        Assert.Equal(["1972", "12/12/1975"], result.Rows.Select(r => r.DateOfBirth.ToString()));
    }

    [Fact]
    public void Party_dates_under_ngay_vao_dang_split_into_du_bi_and_chinh_thuc()
    {
        var builder = new XlsxBuilder();
        builder.Sheet("DS")
            .Row(1, "Họ và tên", "Ngày sinh", "Ngày vào Đảng", null)
            .Row(2, null, null, "Dự bị", "Chính thức")
            .Row(3, "Trương Văn Kết", "01/01/1990", "19/05/2022", "19/05/2023")
            .Merge("A1:A2", "B1:B2", "C1:D1");

        var result = RosterTestSupport.ReadOk(builder.Build());

        var row = Assert.Single(result.Rows);
        Assert.Equal(PartialDate.Full(new DateOnly(2022, 5, 19)), row.PartyJoinDate);
        Assert.Equal(PartialDate.Full(new DateOnly(2023, 5, 19)), row.PartyOfficialDate);
        Assert.Equal("19/05/2023", row.PartyOfficialDateText);
        Assert.Equal(["Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức"], result.RecognisedColumns);
    }
}
