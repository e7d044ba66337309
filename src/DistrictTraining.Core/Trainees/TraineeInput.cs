using System.Globalization;
using System.Text;
using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Trainees;

/// <summary>A refusal tied to one input field (the name of a <see cref="TraineeInput"/> property), in Vietnamese.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The input refused: one message per field that breaks a rule.</summary>
public sealed class TraineeInputException(IReadOnlyList<FieldError> errors)
    : DomainException(string.Join(" ", errors.Select(e => e.Message)))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}

/// <summary>
/// One person's details as typed in a form: the date of birth and the CCCD still as text, since old
/// lists give "1962" or "001 090 012 345". <see cref="Validate"/> says what is wrong, field by field.
/// </summary>
public sealed record TraineeInput
{
    public string FamilyName { get; init; } = string.Empty;

    public string? MiddleName { get; init; }

    public string GivenName { get; init; } = string.Empty;

    public Sex? Sex { get; init; }

    /// <summary>"dd/MM/yyyy" or a bare year.</summary>
    public string? Birth { get; init; }

    /// <summary>12 digits; spaces, dots and dashes between them are allowed.</summary>
    public string? Cccd { get; init; }

    public string? Ethnicity { get; init; }

    public string? Religion { get; init; }

    public string? Education { get; init; }

    public string? Qualification { get; init; }

    public string? Position { get; init; }

    public int? UnitId { get; init; }

    public PartyStatus PartyStatus { get; init; }

    public DateOnly? PartyJoinDate { get; init; }

    public DateOnly? PartyOfficialDate { get; init; }

    public TheoryLevel TheoryLevel { get; init; }

    public CommitteeRole CommitteeRole { get; init; }

    public string? Phone { get; init; }

    public string? Note { get; init; }

    /// <summary>Every rule of a single person's record that can be checked without the database (<see cref="TraineeRules"/>).</summary>
    public IReadOnlyList<FieldError> Validate(DateOnly today) => TraineeRules.Check(this, today);

    /// <summary>Copies the (validated) input onto <paramref name="trainee"/>, NFC-cleaned; empty text becomes null.</summary>
    internal void ApplyTo(Trainee trainee, DateOnly today)
    {
        TraineeInputParser.TryParseBirth(Birth, today, out var birth, out _);
        TraineeInputParser.TryParseCccd(Cccd, out var cccd, out _);
        trainee.FamilyName = VietnameseText.Clean(FamilyName);
        trainee.MiddleName = OrNull(MiddleName);
        trainee.GivenName = VietnameseText.Clean(GivenName);
        trainee.Sex = Sex;
        trainee.Birth = birth;
        trainee.Cccd = cccd;
        trainee.Ethnicity = OrNull(Ethnicity);
        trainee.Religion = OrNull(Religion);
        trainee.Education = OrNull(Education);
        trainee.Qualification = OrNull(Qualification);
        trainee.Position = OrNull(Position);
        trainee.UnitId = UnitId;
        trainee.PartyStatus = PartyStatus;
        trainee.PartyJoinDate = PartyStatus == PartyStatus.NonMember ? null : PartyJoinDate;
        trainee.PartyOfficialDate = PartyStatus == PartyStatus.FullMember ? PartyOfficialDate : null;
        trainee.TheoryLevel = TheoryLevel;
        trainee.CommitteeRole = CommitteeRole;
        trainee.Phone = OrNull(Phone);
        trainee.Note = CleanLines(Note);
    }

    /// <summary>The input a form starts from when it edits <paramref name="trainee"/>.</summary>
    public static TraineeInput From(Trainee trainee) => new()
    {
        FamilyName = trainee.FamilyName,
        MiddleName = trainee.MiddleName,
        GivenName = trainee.GivenName,
        Sex = trainee.Sex,
        Birth = trainee.Birth?.ToString(),
        Cccd = trainee.Cccd,
        Ethnicity = trainee.Ethnicity,
        Religion = trainee.Religion,
        Education = trainee.Education,
        Qualification = trainee.Qualification,
        Position = trainee.Position,
        UnitId = trainee.UnitId,
        PartyStatus = trainee.PartyStatus,
        PartyJoinDate = trainee.PartyJoinDate,
        PartyOfficialDate = trainee.PartyOfficialDate,
        TheoryLevel = trainee.TheoryLevel,
        CommitteeRole = trainee.CommitteeRole,
        Phone = trainee.Phone,
        Note = trainee.Note,
    };

    private static string? OrNull(string? text) => VietnameseText.Clean(text) is { Length: > 0 } clean ? clean : null;

    // A note keeps its line breaks; each line is cleaned like any other text.
    private static string? CleanLines(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var lines = text.Normalize(NormalizationForm.FormC).ReplaceLineEndings("\n").Split('\n').Select(VietnameseText.Clean);
        return string.Join("\n", lines).Trim('\n');
    }
}

/// <summary>Reads a date of birth and a CCCD as people type them, with Vietnamese messages when it cannot.</summary>
public static class TraineeInputParser
{
    public const string BirthFormatMessage =
        "Ngày sinh phải có dạng ngày/tháng/năm (ví dụ 05/09/1985) hoặc chỉ năm sinh (ví dụ 1985).";

    public const string CccdFormatMessage = "Số CCCD phải gồm đúng 12 chữ số.";

    /// <summary>
    /// "05/09/1985", "5/9/1985" or "1985"; empty is allowed (unknown). Refuses other shapes, dates in
    /// the future and years before 1900.
    /// </summary>
    public static bool TryParseBirth(string? text, DateOnly today, out PartialDate? birth, out string? error)
    {
        birth = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var s = VietnameseText.Clean(text);
        if (!PartialDate.TryParse(s, out var value))
        {
            error = YearOf(s) is < 1900 ? "Năm sinh không được trước năm 1900."
                : YearOf(s) is > 2100 ? "Ngày sinh không được ở tương lai."
                : BirthFormatMessage;
            return false;
        }

        if (value.YearOnly ? value.Year > today.Year : value.Date > today)
        {
            error = "Ngày sinh không được ở tương lai.";
            return false;
        }

        birth = value;
        return true;
    }

    /// <summary>12 digits, spaces, dots or dashes between them allowed; empty is allowed (no CCCD).</summary>
    public static bool TryParseCccd(string? text, out string? cccd, out string? error)
    {
        cccd = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var kept = text.Where(c => !char.IsWhiteSpace(c) && c is not ('.' or '-')).ToArray();
        if (kept.Length != 12 || !kept.All(char.IsAsciiDigit))
        {
            error = CccdFormatMessage;
            return false;
        }

        cccd = new string(kept);
        return true;
    }

    /// <summary>True when <paramref name="text"/> is a CCCD typed in a search box: 12 digits, perhaps spaced.</summary>
    public static bool LooksLikeCccd(string? text, out string cccd)
    {
        var ok = TryParseCccd(text, out var value, out _) && value is not null;
        cccd = value ?? string.Empty;
        return ok;
    }

    // The year a text would carry if it were a date, so "1850" or "03/04/1899" gets a sharper message.
    private static int? YearOf(string s)
    {
        if (s.Length == 4 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return year;
        }

        string[] formats = ["d/M/yyyy", "d-M-yyyy", "d.M.yyyy"];
        return DateTime.TryParseExact(s, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date.Year : null;
    }
}
