using System.Text;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Trainees;

namespace DistrictTraining.Tests.Trainees;

/// <summary>The text of a CCCD card's QR code as scanners and cameras deliver it, odd cards included.</summary>
public class CccdCardTextTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Fact]
    public void The_seven_field_text_of_a_chip_card_is_read_whole()
    {
        var card = CccdCardText.Parse("052089012345|215123456|Tôn Nữ Bích Ngọc|12031989|Nữ|Thôn Cát Hanh, Xã Cát Hanh, Phù Cát, Bình Định|15082021", Today)!;

        Assert.Equal("052089012345", card.Cccd);
        Assert.Equal("215123456", card.OldId);
        Assert.Equal("Tôn Nữ Bích Ngọc", card.FullName);
        Assert.Equal(("Tôn Nữ", "Bích", "Ngọc"), (card.FamilyName, card.MiddleName, card.GivenName));
        Assert.Equal(new DateOnly(1989, 3, 12), card.DateOfBirth);
        Assert.Equal("12/03/1989", card.BirthText);
        Assert.Equal(Sex.Female, card.Sex);
        Assert.Equal("Thôn Cát Hanh, Xã Cát Hanh, Phù Cát, Bình Định", card.Address);
        Assert.Equal(new DateOnly(2021, 8, 15), card.IssueDate);
        Assert.Empty(card.Warnings);
    }

    [Theory]
    // An empty CMND field (cards issued to people who never had one).
    [InlineData("001089012345||Nguyễn Văn An|01021989|Nam|Hà Nội|10102022", null, "Hà Nội")]
    // Six fields: the CMND field left out altogether.
    [InlineData("001089012345|Nguyễn Văn An|01021989|Nam|Hà Nội|10102022", null, "Hà Nội")]
    // Six fields: no issue date.
    [InlineData("001089012345|012345678|Nguyễn Văn An|01021989|Nam|Hà Nội", "012345678", "Hà Nội")]
    // Eight fields: something more at the end; a scanner's carriage return and line feed.
    [InlineData("001089012345|012345678|Nguyễn Văn An|01021989|Nam|Hà Nội|10102022|\r\n", "012345678", "Hà Nội")]
    // Spaces around fields, upper-case name, "NAM".
    [InlineData(" 001089012345 | 012345678 |  NGUYỄN  VĂN AN |01021989| NAM |Hà Nội|10102022", "012345678", "Hà Nội")]
    public void Cards_with_six_to_eight_fields_give_the_same_person(string text, string? oldId, string? address)
    {
        var card = CccdCardText.Parse(text, Today)!;

        Assert.Equal("001089012345", card.Cccd);
        Assert.Equal(oldId, card.OldId);
        Assert.Equal("Nguyễn Văn An", card.FullName);
        Assert.Equal(("Nguyễn", "Văn", "An"), (card.FamilyName, card.MiddleName, card.GivenName));
        Assert.Equal(new DateOnly(1989, 2, 1), card.DateOfBirth);
        Assert.Equal(Sex.Male, card.Sex);
        Assert.Equal(address, card.Address);
        Assert.Empty(card.Warnings);
    }

    [Fact]
    public void Decomposed_diacritics_and_a_name_without_them_are_read()
    {
        var decomposed = "079195000123||Lê Thị Ánh|31121995|Nữ|TP Hồ Chí Minh|01012022".Normalize(NormalizationForm.FormD);
        var card = CccdCardText.Parse(decomposed, Today)!;
        Assert.Equal("Lê Thị Ánh", card.FullName);
        Assert.Equal(Sex.Female, card.Sex);

        var plain = CccdCardText.Parse("079195000123||Le Thi Anh|31121995|Nu|TP HCM|01012022", Today)!;
        Assert.Equal(Sex.Female, plain.Sex);
    }

    [Theory]
    [InlineData("31021989", "Ngày sinh trên mã QR \"31021989\" không hợp lệ")]
    [InlineData("01012030", "Ngày sinh trên mã QR \"01012030\" không hợp lệ")]
    [InlineData("01011850", "Ngày sinh trên mã QR \"01011850\" không hợp lệ")]
    public void An_impossible_date_of_birth_is_left_empty_with_a_warning(string date, string warning)
    {
        var card = CccdCardText.Parse($"001089012345||Nguyễn Văn An|{date}|Nam|Hà Nội|10102022", Today)!;
        Assert.Null(card.DateOfBirth);
        Assert.Contains(card.Warnings, w => w.StartsWith(warning, StringComparison.Ordinal));
        Assert.Equal(Sex.Male, card.Sex);
        Assert.Equal("Hà Nội", card.Address);
    }

    [Fact]
    public void A_missing_date_and_sex_leave_warnings_not_guesses()
    {
        var card = CccdCardText.Parse("001089012345||Nguyễn Văn An", Today)!;
        Assert.Null(card.DateOfBirth);
        Assert.Null(card.Sex);
        Assert.Null(card.Address);
        Assert.Equal(2, card.Warnings.Count);

        var odd = CccdCardText.Parse("001089012345||Nguyễn Văn An|01021989|Khác|Hà Nội", Today)!;
        Assert.Null(odd.Sex);
        Assert.Equal(new DateOnly(1989, 2, 1), odd.DateOfBirth);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Nguyễn Văn An")]
    [InlineData("001089012345")]
    [InlineData("00108901234|012345678|Nguyễn Văn An|01021989|Nam|Hà Nội|10102022")]
    [InlineData("0010890123456|012345678|Nguyễn Văn An|01021989|Nam|Hà Nội|10102022")]
    [InlineData("ABCDEFGHIJKL|012345678|Nguyễn Văn An|01021989|Nam|Hà Nội|10102022")]
    [InlineData("001089012345|012345678")]
    [InlineData("001089012345||||||")]
    [InlineData("001089012345|012345678|=HYPERLINK(1)|01021989|Nam")]
    [InlineData("https://example.com/?a=1|b")]
    public void Text_that_is_not_a_card_is_not_read_as_one(string text) =>
        Assert.Null(CccdCardText.Parse(text, Today));

    [Fact]
    public void Very_long_text_is_not_read()
    {
        var text = "001089012345||Nguyễn Văn An|01021989|Nam|" + new string('x', CccdCardText.MaxLength);
        Assert.False(CccdCardText.LooksLikeCard(text));
        Assert.Null(CccdCardText.Parse(text, Today));
    }

    [Fact]
    public void Control_characters_a_scanner_sends_are_dropped()
    {
        var card = CccdCardText.Parse("001089012345|\u0000|Nguyễn\u200B Văn An\t|01021989|Nam|Hà\u0007 Nội|10102022\r", Today)!;
        Assert.Null(card.OldId);
        Assert.Equal("Nguyễn Văn An", card.FullName);
        Assert.Equal("Hà Nội", card.Address);
        Assert.Equal(new DateOnly(2022, 10, 10), card.IssueDate);
    }
}
