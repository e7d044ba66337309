using System.Text;
using DistrictTraining.Core.Common;

namespace DistrictTraining.Tests.Import;

public class TextCleaningTests
{
    [Fact]
    public void Decomposed_unicode_and_stray_spaces_come_out_nfc_and_clean()
    {
        var nfdName = "  Nguyễn\u00A0\u00A0Thị   Ánh  ".Normalize(NormalizationForm.FormD);
        var nfdEthnicity = "Ê Đê\u00A0".Normalize(NormalizationForm.FormD);
        var bytes = XlsxBuilder.FromGrid(
            ["Họ và tên".Normalize(NormalizationForm.FormD), " Dân  tộc ", "Đơn vị"],
            [nfdName, nfdEthnicity, X.Inline("\tChi bộ  thôn Hòa Hội \n")]);

        var row = Assert.Single(RosterTestSupport.ReadOk(bytes).Rows);

        Assert.Equal(("Nguyễn", "Thị", "Ánh"), (row.FamilyName, row.MiddleName, row.GivenName));
        Assert.True(row.GivenName.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("Ánh".Normalize(NormalizationForm.FormC), row.GivenName);
        Assert.Equal("Ê Đê", row.Ethnicity);
        Assert.True(row.Ethnicity!.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("Chi bộ thôn Hòa Hội", row.UnitName);
    }

    [Theory]
    [InlineData("NGUYỄN VĂN AN", "Nguyễn", "Văn", "An")]
    [InlineData("ĐẶNG THỊ ÁNH", "Đặng", "Thị", "Ánh")]
    [InlineData("Nguyễn Văn An", "Nguyễn", "Văn", "An")]
    [InlineData("nguyễn văn an", "nguyễn", "văn", "an")]
    [InlineData("Nguyễn Thị MAI", "Nguyễn", "Thị", "MAI")]
    public void Names_are_title_cased_only_when_typed_all_upper_case(string typed, string family, string middle, string given)
    {
        var bytes = XlsxBuilder.FromGrid(["Họ và tên", "Năm sinh"], [typed, 1990]);

        var row = Assert.Single(RosterTestSupport.ReadOk(bytes).Rows);

        Assert.Equal((family, middle, given), (row.FamilyName, row.MiddleName, row.GivenName));
    }

    [Fact]
    public void Upper_case_names_in_separate_columns_are_title_cased_too()
    {
        var bytes = XlsxBuilder.FromGrid(["Họ và đệm", "Tên", "Năm sinh"], ["LÊ THỊ", "HỒNG", 1990]);

        var row = Assert.Single(RosterTestSupport.ReadOk(bytes).Rows);

        Assert.Equal(("Lê", "Thị", "Hồng"), (row.FamilyName, row.MiddleName, row.GivenName));
    }

    [Fact]
    public void Single_word_name_is_an_error_as_in_the_form()
    {
        var row = Assert.Single(RosterTestSupport.ReadOk(XlsxBuilder.FromGrid(["Họ và tên", "Năm sinh"], ["Hiên", 1990])).Rows);

        Assert.Equal(("", "Hiên"), (row.FamilyName, row.GivenName));
        Assert.Equal(["Họ tên chỉ có một từ: \"Hiên\"; cần ghi đủ họ và tên."], row.Errors);
    }

    [Fact]
    public void Sex_column_values_are_read_and_unknown_ones_warned()
    {
        var bytes = XlsxBuilder.FromGrid(
            ["Họ và tên", "Giới tính", "Năm sinh"],
            ["Lê Văn Một", "Nam", 1990],
            ["Lê Thị Hai", "nữ", 1990],
            ["Lê Thị Ba", "NU", 1991],
            ["Lê Văn Bốn", "?", 1992]);

        var rows = RosterTestSupport.ReadOk(bytes).Rows;

        Assert.Equal([Sex.Male, Sex.Female, Sex.Female, null], rows.Select(r => r.Sex));
        Assert.Equal("Giới tính không rõ: ?.", Assert.Single(rows[3].Warnings));
    }
}
