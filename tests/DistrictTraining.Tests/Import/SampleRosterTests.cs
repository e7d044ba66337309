using DistrictTraining.Core.Common;
using DistrictTraining.Core.Import;

namespace DistrictTraining.Tests.Import;

public class SampleRosterTests
{
    // What danh-sach-hoc-vien-cat-hanh.xlsx holds (read off its sheet1.xml): Excel row, name, sex, birth date.
    public static readonly TheoryData<int, string, string, string, Sex, string> Expected = new()
    {
        { 9, "Bùi", "Văn", "Hùng", Sex.Male, "13/02/2001" },
        { 10, "Vũ", "Hữu", "Tuấn", Sex.Male, "13/12/2002" },
        { 11, "Lê", "Hồng", "Mai", Sex.Female, "14/12/1991" },
        { 12, "Trần", "Ngọc", "Hà", Sex.Female, "29/11/1983" },
        { 13, "Trần", "Thị", "Phương", Sex.Female, "23/10/1994" },
        { 14, "Đỗ", "Ngọc", "Phong", Sex.Male, "11/03/2001" },
        { 15, "Vũ", "Thị", "Hà", Sex.Female, "12/07/1975" },
        { 16, "Hồ", "Mỹ", "Hạnh", Sex.Female, "03/08/1994" },
        { 17, "Phạm", "Minh", "Minh", Sex.Male, "23/07/1986" },
        { 18, "Vũ", "Hữu", "Đức", Sex.Male, "14/05/1994" },
        { 19, "Võ", "Văn", "Phong", Sex.Male, "17/02/1988" },
        { 20, "Hoàng", "Đức", "An", Sex.Male, "06/08/1992" },
        { 21, "Đỗ", "Kim", "Nga", Sex.Female, "28/08/1993" },
        { 22, "Lê", "Hồng", "Lan", Sex.Female, "06/04/1988" },
        { 23, "Phan", "Thị", "Ân", Sex.Female, "05/07/1999" },
        { 24, "Huỳnh", "Công", "Tuấn", Sex.Male, "01/06/1976" },
        { 25, "Nguyễn", "Quốc", "Phong", Sex.Male, "18/09/1989" },
        { 26, "Phan", "Xuân", "Hùng", Sex.Male, "25/04/1994" },
        { 27, "Phan", "Kim", "Hương", Sex.Female, "28/08/2002" },
        { 28, "Đặng", "Hữu", "Minh", Sex.Male, "01/09/1976" },
        { 29, "Hoàng", "Văn", "Hùng", Sex.Male, "30/03/1989" },
        { 30, "Dương", "Ngọc", "Bình", Sex.Male, "21/01/1977" },
        { 31, "Huỳnh", "Ngọc", "Ánh", Sex.Female, "07/11/1978" },
        { 32, "Phạm", "Mỹ", "Linh", Sex.Female, "16/05/1982" },
        { 33, "Dương", "Minh", "Long", Sex.Male, "25/03/1987" },
    };

    private static RosterReadResult ReadSample()
    {
        var bytes = File.ReadAllBytes(RosterTestSupport.SamplePath("danh-sach-hoc-vien-cat-hanh.xlsx"));
        return RosterTestSupport.ReadOk(bytes);
    }

    [Fact]
    public void Sample_yields_exactly_its_25_trainees_without_errors()
    {
        var result = ReadSample();

        Assert.Equal("Danh sách", result.SheetName);
        Assert.Equal(7, result.HeaderRowNumber);
        Assert.Equal(8, result.LastHeaderRowNumber);
        Assert.Equal(25, result.Rows.Count);
        Assert.Equal(Enumerable.Range(9, 25), result.Rows.Select(r => r.RowNumber));
        Assert.All(result.Rows, r => Assert.Empty(r.Errors));
        Assert.All(result.Rows, r => Assert.Empty(r.Warnings));
        Assert.Equal(14, result.Rows.Count(r => r.Sex == Sex.Male));
        Assert.Equal(11, result.Rows.Count(r => r.Sex == Sex.Female));
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Sample_row_has_split_name_sex_and_birth_date(int rowNumber, string family, string middle, string given, Sex sex, string birth)
    {
        var row = Assert.Single(ReadSample().Rows, r => r.RowNumber == rowNumber);

        Assert.Equal(family, row.FamilyName);
        Assert.Equal(middle, row.MiddleName);
        Assert.Equal(given, row.GivenName);
        Assert.Equal(sex, row.Sex);
        Assert.Equal(birth, row.DateOfBirth?.ToString());
        Assert.False(row.DateOfBirth!.Value.YearOnly);
    }

    [Fact]
    public void Sample_maps_its_two_row_header()
    {
        var result = ReadSample();

        Assert.Equal(
            ["STT", "Họ và tên", "Ngày sinh (Nam)", "Ngày sinh (Nữ)", "Dân tộc", "Tôn giáo", "Trình độ văn hóa", "Trình độ chuyên môn", "Chức vụ, đơn vị", "Ghi chú"],
            result.RecognisedColumns);
        Assert.Equal(
            [RosterField.SequenceNumber, RosterField.FullName, RosterField.MaleColumn, RosterField.FemaleColumn, RosterField.Ethnicity,
             RosterField.Religion, RosterField.Education, RosterField.Qualification, RosterField.PositionAndUnit, RosterField.Note],
            result.Columns.Select(c => c.Field));
        Assert.Equal("ABCDEFGHIJ", string.Concat(result.Columns.Select(c => c.ColumnLetter)));
        Assert.Equal("Ngày, tháng, năm sinh / Nữ", result.Columns.Single(c => c.Field == RosterField.FemaleColumn).HeaderText);
    }

    [Fact]
    public void Sample_other_columns_are_read()
    {
        var rows = ReadSample().Rows;
        var first = rows[0];

        Assert.Equal("Ba Na", first.Ethnicity);
        Assert.Equal("Không", first.Religion);
        Assert.Equal("9/12", first.Education);
        Assert.Equal("Đại học", first.Qualification);
        Assert.Equal("Dân quân thường trực", first.Position);
        Assert.Equal("xã Cát Hanh", first.UnitName);
        Assert.Null(first.Note);
        Assert.Null(first.Cccd);

        var third = rows.Single(r => r.RowNumber == 11);
        Assert.Equal("Công chức Địa chính - Xây dựng", third.Position);
        Assert.Equal("Cao Đài", third.Religion);
        Assert.All(rows, r => Assert.Equal("xã Cát Hanh", r.UnitName));
    }

    [Fact]
    public void Sample_signature_block_is_not_read_as_trainees()
    {
        var rows = ReadSample().Rows;

        Assert.DoesNotContain(rows, r => r.RowNumber > 33);
        Assert.DoesNotContain(rows, r => r.FullName.Contains("BÍ THƯ", StringComparison.OrdinalIgnoreCase)
            || (r.Qualification ?? string.Empty).Contains("ĐẢNG ỦY", StringComparison.OrdinalIgnoreCase));
    }
}
