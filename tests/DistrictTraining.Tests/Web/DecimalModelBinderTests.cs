using DistrictTraining.Web.Infrastructure;

namespace DistrictTraining.Tests.Web;

public class DecimalModelBinderTests
{
    [Theory]
    [InlineData("7,5", 7.5)]
    [InlineData("7.5", 7.5)]
    [InlineData(" 7 , 5 ", 7.5)]
    [InlineData("10", 10)]
    [InlineData(",5", 0.5)]
    [InlineData("-0,25", -0.25)]
    [InlineData("2.533", 2.533)]
    [InlineData("1.234,5", 1234.5)]
    [InlineData("1,234.5", 1234.5)]
    [InlineData("1.234.567", 1234567)]
    [InlineData("12\u00A0345,6", 12345.6)]
    public void Both_separators_are_read_as_people_mean_them(string text, double expected)
    {
        Assert.True(DecimalModelBinder.TryParse(text, out var value), text);
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("7,5,5")]
    [InlineData("1.23.4")]
    [InlineData("7,5.5")]
    [InlineData("5đ")]
    [InlineData(null)]
    public void Anything_else_is_not_a_number(string? text) => Assert.False(DecimalModelBinder.TryParse(text, out _));
}
