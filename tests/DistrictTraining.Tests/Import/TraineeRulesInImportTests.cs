using DistrictTraining.Core.Common;
using DistrictTraining.Core.Import;
using DistrictTraining.Core.Trainees;

namespace DistrictTraining.Tests.Import;

/// <summary>The import reads a list through the same trainee rules as the form: nothing truncated, nothing dropped silently.</summary>
public class TraineeRulesInImportTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"Vân\")", "không được bắt đầu bằng dấu =")]
    [InlineData("+Vân", "không được bắt đầu bằng dấu +")]
    [InlineData("-Vân", "không được bắt đầu bằng dấu -")]
    [InlineData("@Vân", "không được bắt đầu bằng dấu @")]
    [InlineData("<script>", "không được chứa dấu < hoặc >")]
    [InlineData("Vân3", "không được chứa chữ số")]
    [InlineData("Vâ\u202En", "ký tự điều khiển hoặc ký tự ẩn")]
    [InlineData("Vâ\u200Bn", "ký tự điều khiển hoặc ký tự ẩn")]
    [InlineData("Vâ\u0007n", "ký tự điều khiển hoặc ký tự ẩn")]
    [InlineData("Vân;", "ký tự không dùng trong tên người")]
    public void A_name_part_with_a_formula_markup_digit_or_hidden_character_is_refused_with_the_reason(string given, string reason)
    {
        var errors = new TraineeInput { FamilyName = "Lê", MiddleName = "Hồng", GivenName = given }.Validate(Today);

        var error = Assert.Single(errors);
        Assert.Equal(nameof(TraineeInput.GivenName), error.Field);
        Assert.StartsWith("Tên ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("H'Hen", "Niê")]
    [InlineData("Y-Moan", "Ê Đê")]
    [InlineData("Nguyễn Phúc", "Bảo")]
    public void Ordinary_names_of_every_people_pass(string family, string given)
    {
        Assert.Empty(new TraineeInput { FamilyName = family, GivenName = given }.Validate(Today));
    }

    [Fact]
    public void A_list_with_formula_markup_digit_and_invisible_names_gives_each_row_its_reason()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["STT", "Họ và tên", "Ngày sinh"],
            [1, "Lê Hồng =HYPERLINK(\"http://x\",\"Vân\")", "01/01/1990"],
            [2, "Trần Văn <script>", "01/01/1990"],
            [3, "Nguyễn Văn 3", "01/01/1990"],
            [4, "Phạm Thị\u202E Lan", "01/01/1990"],
            [5, "Đỗ Văn\u200B Hùng", "01/01/1990"],
            [6, "Võ Thị Sáu", "01/01/1990"]);

        var rows = RosterTestSupport.ReadOk(bytes).Rows;

        Assert.Contains(rows[0].Errors, e => e.Contains("không được bắt đầu bằng dấu =", StringComparison.Ordinal));
        Assert.Contains(rows[1].Errors, e => e.Contains("dấu < hoặc >", StringComparison.Ordinal));
        Assert.Contains(rows[2].Errors, e => e.Contains("chữ số", StringComparison.Ordinal));
        Assert.Contains(rows[3].Errors, e => e.Contains("ký tự ẩn", StringComparison.Ordinal));
        Assert.Contains(rows[4].Errors, e => e.Contains("ký tự ẩn", StringComparison.Ordinal));
        Assert.Empty(rows[5].Errors);
        Assert.All(rows.Take(5), r => Assert.False(r.CanTakeWithoutDates));
    }

    [Fact]
    public void A_long_field_is_an_error_never_truncated()
    {
        var position = string.Concat(Enumerable.Repeat("Phó Chủ tịch ", 20)).Trim();
        var bytes = XlsxBuilder.FromGrid(["Họ và tên", "Năm sinh", "Chức vụ"], ["Lý Văn Dài", 1980, position]);

        var row = Assert.Single(RosterTestSupport.ReadOk(bytes).Rows);

        Assert.Equal(position, row.Position);
        Assert.Equal(["Chức vụ không được dài quá 200 ký tự."], row.Errors);
    }

    [Fact]
    public void Party_dates_go_through_the_form_rules_and_a_row_with_only_date_errors_may_be_taken_without_them()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["Họ và tên", "Ngày sinh", "Đảng viên", "Ngày vào Đảng", "Ngày chính thức"],
            ["Tạ Văn Một", "01/01/1990", "Dự bị", "01/01/1985", null],
            ["Tạ Văn Hai", "31/02/1990", null, null, null],
            ["Tạ Văn Ba", "01/01/1990", "Dự bị", "01/01/2015", "01/01/2016"],
            ["Tạ Văn 4", "31/02/1990", null, null, null]);

        var rows = RosterTestSupport.ReadOk(bytes).Rows;

        Assert.Equal(["Ngày vào Đảng phải sau ngày sinh."], rows[0].Errors);
        Assert.True(rows[0].CanTakeWithoutDates);
        Assert.Null(rows[0].WithoutBadDates().PartyJoinDate);
        Assert.Equal(PartialDate.Full(new DateOnly(1990, 1, 1)), rows[0].WithoutBadDates().DateOfBirth);

        Assert.True(rows[1].CanTakeWithoutDates);
        Assert.Null(rows[1].WithoutBadDates().DateOfBirth);
        Assert.Empty(rows[1].WithoutBadDates().Errors);

        Assert.Equal(["Đảng viên dự bị chưa có ngày chính thức."], rows[2].Errors);
        Assert.True(rows[2].CanTakeWithoutDates);

        // A bad date beside a bad name: the row must be fixed, not taken.
        Assert.Equal(2, rows[3].Errors.Count);
        Assert.False(rows[3].CanTakeWithoutDates);
        Assert.Same(rows[3], rows[3].WithoutBadDates());
    }

    [Fact]
    public void A_cccd_typed_as_a_number_gets_its_zeros_back_only_when_sex_and_birth_year_agree()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["Họ và tên", "Giới tính", "Năm sinh", "Số CCCD"],
            ["Bùi Văn Mười", "Nam", 1989, X.Num(1089012345)], // 001 0 89 012345: male, 1989
            ["Bùi Thị Một", "Nữ", 1989, X.Num(1089012346)], // 001 0 89 …: male by the ID
            ["Bùi Văn Hai", "Nam", 1975, X.Num(31089012345)], // 031 0 89 …: born 1989 by the ID
            ["Bùi Văn Ba", null, null, X.Num(52085012345)], // nothing to check against
            ["Bùi Thị Bốn", "Nữ", 2003, X.Num(1303012345)], // 001 3 03 …: female, 2003
            ["Bùi Văn Năm", "Nam", 1990, X.Num(123456)]);

        var rows = RosterTestSupport.ReadOk(bytes).Rows;

        Assert.Equal("001089012345", rows[0].Cccd);
        Assert.Empty(rows[0].Errors);
        Assert.Contains(rows[0].Warnings, w => w.Contains("đã đọc thành 001089012345", StringComparison.Ordinal));

        Assert.Contains(rows[1].Errors, e => e.Contains("giới tính theo CCCD là Nam", StringComparison.Ordinal));
        Assert.Contains(rows[2].Errors, e => e.Contains("năm sinh theo CCCD là 1989, khác 1975", StringComparison.Ordinal));
        Assert.Contains(rows[3].Errors, e => e.Contains("không có giới tính và năm sinh để đối chiếu", StringComparison.Ordinal));
        Assert.Equal("001303012345", rows[4].Cccd);
        Assert.Empty(rows[4].Errors);
        Assert.Contains(rows[5].Errors, e => e.StartsWith("Số CCCD phải gồm đúng 12 chữ số.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_list_keeps_its_own_numbers_columns_and_title_lines()
    {
        var builder = new XlsxBuilder();
        builder.Sheet("DS")
            .Row(1, "ĐẢNG ỦY XÃ CÁT HANH", null, null, "ĐẢNG CỘNG SẢN VIỆT NAM")
            .Row(2, "CHI BỘ THÔN AN QUANG")
            .Row(4, "STT", "Họ và tên", "Quê quán", "Năm sinh")
            .Row(5, 4, "Hà Văn Tư", "Cát Hanh", 1980)
            .Row(6, 9, "Hà Văn Chín", "Cát Tài", 1981);

        var result = RosterTestSupport.ReadOk(builder.Build());

        Assert.Equal(["ĐẢNG ỦY XÃ CÁT HANH", "ĐẢNG CỘNG SẢN VIỆT NAM", "CHI BỘ THÔN AN QUANG"], result.TitleLines);
        Assert.Equal(["STT", "Họ và tên", "Quê quán", "Năm sinh"], result.SourceColumns.Select(c => c.Header));
        Assert.Equal(("4", 5), (result.Rows[0].Sequence, result.Rows[0].RowNumber));
        Assert.Equal(("9", 6), (result.Rows[1].Sequence, result.Rows[1].RowNumber));
        Assert.Equal(["9", "Hà Văn Chín", "Cát Tài", "1981"], result.Rows[1].SourceCells);
    }
}
