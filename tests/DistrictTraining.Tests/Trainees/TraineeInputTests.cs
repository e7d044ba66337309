using DistrictTraining.Core.Common;
using DistrictTraining.Core.Trainees;

namespace DistrictTraining.Tests.Trainees;

/// <summary>The date-of-birth and CCCD inputs and the rules of one person's record, without a database.</summary>
public class TraineeInputTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Theory]
    [InlineData("05/09/1985", "05/09/1985", false)]
    [InlineData("5/9/1985", "05/09/1985", false)]
    [InlineData(" 05-09-1985 ", "05/09/1985", false)]
    [InlineData("1985", "1985", true)]
    [InlineData("22/11/2026", "22/11/2026", false)]
    [InlineData("2026", "2026", true)]
    [InlineData("01/01/1900", "01/01/1900", false)]
    public void A_date_of_birth_is_a_full_date_or_a_year(string typed, string shown, bool yearOnly)
    {
        Assert.True(TraineeInputParser.TryParseBirth(typed, Today, out var birth, out var error), error);
        Assert.Null(error);
        Assert.Equal(shown, birth!.Value.ToString());
        Assert.Equal(yearOnly, birth.Value.YearOnly);
    }

    [Theory]
    [InlineData("31/02/1985", TraineeInputParser.BirthFormatMessage)]
    [InlineData("1985/09/05x", TraineeInputParser.BirthFormatMessage)]
    [InlineData("năm 85", TraineeInputParser.BirthFormatMessage)]
    [InlineData("85", TraineeInputParser.BirthFormatMessage)]
    [InlineData("1899", "Năm sinh không được trước năm 1900.")]
    [InlineData("31/12/1899", "Năm sinh không được trước năm 1900.")]
    [InlineData("23/11/2026", "Ngày sinh không được ở tương lai.")]
    [InlineData("2027", "Ngày sinh không được ở tương lai.")]
    [InlineData("2150", "Ngày sinh không được ở tương lai.")]
    public void A_date_of_birth_that_cannot_be_is_refused_in_Vietnamese(string typed, string message)
    {
        Assert.False(TraineeInputParser.TryParseBirth(typed, Today, out var birth, out var error));
        Assert.Null(birth);
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_date_of_birth_means_unknown(string? typed)
    {
        Assert.True(TraineeInputParser.TryParseBirth(typed, Today, out var birth, out var error));
        Assert.Null(birth);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("052090001234", "052090001234")]
    [InlineData("052 090 001 234", "052090001234")]
    [InlineData("052.090.001.234", "052090001234")]
    [InlineData(" 052-090-001234 ", "052090001234")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_CCCD_is_twelve_digits_however_it_is_spaced(string? typed, string? stored)
    {
        Assert.True(TraineeInputParser.TryParseCccd(typed, out var cccd, out var error));
        Assert.Null(error);
        Assert.Equal(stored, cccd);
    }

    [Theory]
    [InlineData("05209000123")]
    [InlineData("0520900012345")]
    [InlineData("05209000123a")]
    [InlineData("０５２０９０００１２３４")] // full-width digits are not ASCII digits
    [InlineData("CCCD 052090001234")]
    public void Anything_else_is_not_a_CCCD(string typed)
    {
        Assert.False(TraineeInputParser.TryParseCccd(typed, out var cccd, out var error));
        Assert.Null(cccd);
        Assert.Equal("Số CCCD phải gồm đúng 12 chữ số.", error);
    }

    [Fact]
    public void The_CCCD_is_cross_checked_against_sex_and_birth_year_but_only_warns()
    {
        // Digit 4 = 1: a woman born in the 1900s; digits 5-6 = 90.
        var trainee = new Trainee { FamilyName = "Đặng", GivenName = "Ánh", Cccd = "052190001234", Sex = Sex.Female, Birth = PartialDate.OfYear(1990) };
        Assert.Empty(trainee.IdentityWarnings());

        trainee.Sex = Sex.Male;
        trainee.Birth = PartialDate.Full(new DateOnly(1991, 3, 12));
        Assert.Equal(
            ["CCCD cho biết giới tính Nữ, nhưng giới tính đã nhập là Nam.", "CCCD cho biết năm sinh 1990, nhưng năm sinh đã nhập là 1991."],
            trainee.IdentityWarnings());

        trainee.Cccd = "052290001234"; // 2 = a man born in the 2000s
        trainee.Birth = PartialDate.OfYear(1990);
        Assert.Equal(["CCCD cho biết năm sinh 2090, nhưng năm sinh đã nhập là 1990."], trainee.IdentityWarnings());
    }

    [Fact]
    public void A_valid_record_has_no_errors()
    {
        var input = Valid() with
        {
            PartyStatus = PartyStatus.FullMember, PartyJoinDate = new DateOnly(2010, 5, 19), PartyOfficialDate = new DateOnly(2011, 5, 19),
            CommitteeRole = CommitteeRole.Secretary, TheoryLevel = TheoryLevel.Intermediate,
        };
        Assert.Empty(input.Validate(Today));
    }

    [Fact]
    public void Names_are_required_and_bounded()
    {
        var errors = (Valid() with { FamilyName = "  ", GivenName = "", MiddleName = new string('a', 101) }).Validate(Today);
        Assert.Contains(new FieldError("FamilyName", "Vui lòng nhập họ."), errors);
        Assert.Contains(new FieldError("GivenName", "Vui lòng nhập tên."), errors);
        Assert.Contains(new FieldError("MiddleName", "Tên đệm không được dài quá 100 ký tự."), errors);
    }

    [Fact]
    public void Party_dates_must_agree_with_the_Party_status()
    {
        Assert.Equal(
            [new FieldError("PartyJoinDate", "Quần chúng (chưa vào Đảng) thì không có ngày vào Đảng."),
             new FieldError("PartyOfficialDate", "Quần chúng (chưa vào Đảng) thì không có ngày chính thức.")],
            (Valid() with { PartyJoinDate = new DateOnly(2010, 1, 1), PartyOfficialDate = new DateOnly(2011, 1, 1) }).Validate(Today));

        Assert.Equal(
            [new FieldError("PartyOfficialDate", "Đảng viên dự bị chưa có ngày chính thức.")],
            (Valid() with { PartyStatus = PartyStatus.Probationary, PartyJoinDate = new DateOnly(2026, 1, 1), PartyOfficialDate = new DateOnly(2026, 6, 1) }).Validate(Today));

        Assert.Equal(
            [new FieldError("PartyOfficialDate", "Ngày chính thức phải sau hoặc trùng ngày vào Đảng.")],
            (Valid() with { PartyStatus = PartyStatus.FullMember, PartyJoinDate = new DateOnly(2012, 1, 1), PartyOfficialDate = new DateOnly(2011, 1, 1) }).Validate(Today));

        Assert.Equal(
            [new FieldError("PartyJoinDate", "Ngày vào Đảng phải sau ngày sinh.")],
            (Valid() with { Birth = "1985", PartyStatus = PartyStatus.Probationary, PartyJoinDate = new DateOnly(1985, 6, 1) }).Validate(Today));

        Assert.Equal(
            [new FieldError("PartyJoinDate", "Ngày vào Đảng không được ở tương lai.")],
            (Valid() with { PartyStatus = PartyStatus.Probationary, PartyJoinDate = Today.AddDays(1) }).Validate(Today));

        Assert.Equal(
            [new FieldError("CommitteeRole", "Chỉ đảng viên chính thức mới giữ chức vụ trong cấp ủy.")],
            (Valid() with { PartyStatus = PartyStatus.Probationary, CommitteeRole = CommitteeRole.CommitteeMember }).Validate(Today));
    }

    [Fact]
    public void Birth_and_CCCD_errors_are_reported_on_their_fields()
    {
        var errors = (Valid() with { Birth = "30/02/1990", Cccd = "12345" }).Validate(Today);
        Assert.Equal(
            [new FieldError("Birth", TraineeInputParser.BirthFormatMessage), new FieldError("Cccd", TraineeInputParser.CccdFormatMessage)],
            errors);
    }

    [Fact]
    public void The_enum_labels_are_Vietnamese()
    {
        Assert.Equal("Nam", Trainee.SexName(Sex.Male));
        Assert.Equal("Nữ", Trainee.SexName(Sex.Female));
        Assert.Equal("", Trainee.SexName(null));
        Assert.Equal(["Quần chúng", "Đảng viên dự bị", "Đảng viên chính thức"], Enum.GetValues<PartyStatus>().Select(Trainee.PartyStatusName));
        Assert.Equal(["Chưa có", "Sơ cấp", "Trung cấp", "Cao cấp", "Cử nhân", "Sau đại học"], Enum.GetValues<TheoryLevel>().Select(Trainee.TheoryLevelName));
        Assert.Equal(["Không", "Cấp ủy viên", "Ủy viên Ban Thường vụ", "Phó Bí thư", "Bí thư"], Enum.GetValues<CommitteeRole>().Select(Trainee.CommitteeRoleName));
    }

    private static TraineeInput Valid() => new()
    {
        FamilyName = "Nguyễn", MiddleName = "Văn", GivenName = "An", Sex = Sex.Male, Birth = "12/03/1985", Cccd = "052085001234",
    };
}
