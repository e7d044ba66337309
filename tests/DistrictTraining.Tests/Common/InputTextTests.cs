using System.Text;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;

namespace DistrictTraining.Tests.Common;

public class InputTextTests
{
    [Theory]
    [InlineData("Nguy\uFFFEễn", "Nguyễn")]
    [InlineData("An\uFFFF", "An")]
    [InlineData("\uFDD0Bình\uFDEF", "Bình")]
    [InlineData("a\u0000b\u0007c\u001Fd\u007Fe\u0085f\u009Fg", "abcdefg")]
    [InlineData("dòng một\r\ndòng\thai\n", "dòng một\r\ndòng\thai\n")]
    [InlineData("\u202EnaV\u202C \u2066Lê\u2069 \u202A\u202B\u202D", "naV Lê ")]
    [InlineData("Hà\u200BNội\u200C\u200D\uFEFF", "HàNội")]
    [InlineData("x\uD83F\uDFFEy\uDBFF\uDFFFz", "xyz")] // U+1FFFE and U+10FFFF are noncharacters too
    [InlineData("Ảnh 😀", "Ảnh 😀")] // a real supplementary character stays
    public void Removes_controls_noncharacters_bidi_and_zero_width_characters(string input, string expected) =>
        Assert.Equal(expected, InputText.Clean(input));

    [Fact]
    public void Removes_lone_surrogates() => // not as InlineData: xunit cannot carry invalid UTF-16 through discovery
        Assert.Equal("lẻloi", InputText.Clean("lẻ\uD800loi\uDC00"));

    [Fact]
    public void Puts_text_in_NFC_unless_asked_not_to()
    {
        var decomposed = "Nguyễn".Normalize(NormalizationForm.FormD);
        Assert.Equal("Nguyễn", InputText.Clean(decomposed));
        Assert.True(InputText.Clean(decomposed).IsNormalized(NormalizationForm.FormC));
        Assert.Equal(decomposed + "1", InputText.Clean(decomposed + "\uFFFE1", normalise: false));
    }

    [Fact]
    public void Clean_text_comes_back_as_the_same_instance()
    {
        const string text = "Trần Thị Mai, tổ 3";
        Assert.Same(text, InputText.Clean(text));
        Assert.False(InputText.HasRemovable(text));
        Assert.True(InputText.HasRemovable("a\uFFFE"));
    }

    [Fact]
    public void Vietnamese_cleaning_and_user_name_lookup_no_longer_throw_on_noncharacters()
    {
        Assert.Throws<ArgumentException>(() => "gia\uFFFEovu".Normalize());
        Assert.Equal("Nguyễn Văn An", VietnameseText.Clean(" Nguyễn \uFFFE Văn\u200BAn\u202E "));
        Assert.Equal("nguyen van an", VietnameseText.SearchKey("Nguyễn\uFFFF Văn An"));
        Assert.Equal("GIAOVU", new SafeLookupNormalizer().NormalizeName("gia\uFFFEovu"));
        Assert.Equal("ĐẶNG", new SafeLookupNormalizer().NormalizeName("Đặng".Normalize(NormalizationForm.FormD)));
    }
}
