using System.Globalization;
using System.Text;
using DistrictTraining.Core.Common;

namespace DistrictTraining.Tests.Common;

public class VietnameseTextTests
{
    [Fact]
    public void Sort_key_orders_letters_the_Vietnamese_way()
    {
        string[] expected = ["An", "Ánh", "Ân", "Bình", "Dũng", "Đức", "Hà", "Hạnh", "Ơn", "Ưng", "Yến"];
        var shuffled = expected.Reverse().ToArray();
        var sorted = shuffled.OrderBy(VietnameseText.SortKey, StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, sorted);
    }

    [Fact]
    public void Sort_key_agrees_with_the_vi_VN_culture_on_given_names()
    {
        string[] names = ["Ánh", "An", "Ân", "Bình", "Dũng", "Đức", "Anh", "Ấn", "Ăn", "Hoa", "Hòa", "Hóa", "Hỏa", "Hạ", "Hà", "Ha", "Thắng", "Thanh", "Thạnh", "Tú", "Tư", "Tuấn", "Uyên", "Ưng"];
        var byCulture = names.OrderBy(n => n, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true)).ToArray();
        var byKey = names.OrderBy(VietnameseText.SortKey, StringComparer.Ordinal).ToArray();
        // Letters (a ă â … đ …) decide first in both; tones may be ranked differently by ICU, so compare the base-letter order.
        Assert.Equal(byCulture.Select(Base), byKey.Select(Base));
    }

    [Fact]
    public void Sort_key_uses_only_ascii_digits_and_letters_so_every_collation_agrees()
    {
        var key = VietnameseText.PersonSortKey("Nguyễn", "Thị Ánh", "Đặng");
        Assert.Matches("^[0-9a-z]+$", key);
    }

    [Fact]
    public void People_sort_by_given_then_middle_then_family_name()
    {
        var people = new[]
        {
            ("Trần", "Văn", "Bình"),
            ("Nguyễn", "Văn", "An"),
            ("Lê", "Thị", "An"),
            ("Đỗ", "Thị", "An"),
            ("Bùi", "Đức", "Ánh"),
        };
        var sorted = people.OrderBy(p => VietnameseText.PersonSortKey(p.Item1, p.Item2, p.Item3), StringComparer.Ordinal)
            .Select(p => VietnameseText.FullName(p.Item1, p.Item2, p.Item3)).ToArray();
        Assert.Equal(["Đỗ Thị An", "Lê Thị An", "Nguyễn Văn An", "Bùi Đức Ánh", "Trần Văn Bình"], sorted);
    }

    [Theory]
    [InlineData("Nguyễn Văn An", "nguyen van an")]
    [InlineData("ĐẶNG THỊ ÁNH", "dang thi anh")]
    [InlineData("  Trương   Ngọc\u00A0Ưng ", "truong ngoc ung")]
    public void Search_key_drops_diacritics_and_case(string input, string expected) =>
        Assert.Equal(expected, VietnameseText.SearchKey(input));

    [Fact]
    public void Clean_turns_decomposed_text_into_composed_text()
    {
        var decomposed = "Nguyễn Thị Ánh".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Nguyễn Thị Ánh", decomposed);
        Assert.Equal("Nguyễn Thị Ánh", VietnameseText.Clean(decomposed));
        Assert.Equal(VietnameseText.SortKey("Ánh"), VietnameseText.SortKey("Ánh".Normalize(NormalizationForm.FormD)));
    }

    [Theory]
    [InlineData("Nguyễn Văn An", "Nguyễn", "Văn", "An")]
    [InlineData("Tôn Nữ Thị Hồng Vân", "Tôn Nữ", "Thị Hồng", "Vân")]
    [InlineData("Tôn Nữ Bích Ngọc", "Tôn Nữ", "Bích", "Ngọc")]
    [InlineData("TÔN NỮ Ngọc", "TÔN NỮ", "", "Ngọc")]
    [InlineData("Tôn Thất Thuyết", "Tôn Thất", "", "Thuyết")]
    [InlineData("Công Tằng Tôn Nữ Thị Phương", "Công Tằng Tôn Nữ", "Thị", "Phương")]
    [InlineData("Công Huyền Tôn Nữ Hoa", "Công Huyền Tôn Nữ", "", "Hoa")]
    [InlineData("Âu Dương Phong", "Âu Dương", "", "Phong")]
    [InlineData("Nguyễn Phúc Vĩnh Lộc", "Nguyễn Phúc", "Vĩnh", "Lộc")]
    [InlineData("Nguyễn Phúc Thịnh", "Nguyễn", "Phúc", "Thịnh")]
    [InlineData("Nguyễn Hữu Thọ", "Nguyễn", "Hữu", "Thọ")]
    [InlineData("Tôn Nữ", "Tôn", "", "Nữ")]
    [InlineData("Âu Dương", "Âu", "", "Dương")]
    [InlineData("  Tôn\u00A0 Nữ   Bích  Ngọc ", "Tôn Nữ", "Bích", "Ngọc")]
    [InlineData("Lê An", "Lê", "", "An")]
    [InlineData("An", "", "", "An")]
    public void Split_full_name(string full, string family, string middle, string given) =>
        Assert.Equal((family, middle, given), VietnameseText.SplitFullName(full));

    [Fact]
    public void Title_case_is_Vietnamese_aware() =>
        Assert.Equal("Nguyễn Văn Đức", VietnameseText.TitleCase("NGUYỄN VĂN ĐỨC"));

    private static string Base(string s) =>
        new(s.ToLowerInvariant().Normalize(NormalizationForm.FormD)
            .Where(c => c is not ('\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323')).ToArray());
}

public class PartialDateAndCccdTests
{
    [Theory]
    [InlineData("05/03/1985", 1985, 3, 5, false)]
    [InlineData("5/3/1985", 1985, 3, 5, false)]
    [InlineData("1985", 1985, 1, 1, true)]
    public void Parses_dates_and_bare_years(string text, int y, int m, int d, bool yearOnly)
    {
        Assert.True(PartialDate.TryParse(text, out var value));
        Assert.Equal(new DateOnly(y, m, d), value.Date);
        Assert.Equal(yearOnly, value.YearOnly);
    }

    [Theory]
    [InlineData("31/02/1990")]
    [InlineData("1800")]
    [InlineData("ngày 5")]
    [InlineData("")]
    public void Refuses_impossible_dates(string text) => Assert.False(PartialDate.TryParse(text, out _));

    [Fact]
    public void Year_only_dates_print_as_the_year() => Assert.Equal("1985", PartialDate.OfYear(1985).ToString());

    [Fact]
    public void Cccd_decodes_sex_and_birth_year()
    {
        Assert.Equal((Sex.Female, 1990), Cccd.Decode("052190001234"));
        Assert.Equal((Sex.Male, 2003), Cccd.Decode("052203001234"));
        Assert.Null(Cccd.Decode("05219000123"));
    }

    [Fact]
    public void Cccd_cross_check_warns_in_Vietnamese()
    {
        Assert.Empty(Cccd.CrossCheck("052190001234", Sex.Female, 1990));
        var warnings = Cccd.CrossCheck("052190001234", Sex.Male, 1991);
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("giới tính Nữ"));
        Assert.Contains(warnings, w => w.Contains("năm sinh 1990"));
        Assert.Equal("052190001234", Cccd.Normalize("052 190 001 234"));
    }
}
