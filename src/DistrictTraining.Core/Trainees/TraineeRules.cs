using System.Globalization;
using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Trainees;

/// <summary>
/// The one set of rules for a trainee's record, whatever typed it: the form, roster entry and every import
/// call <see cref="Check"/> (through <see cref="TraineeInput.Validate"/>). Nothing is truncated or dropped here:
/// what breaks a rule comes back as a Vietnamese message on its field.
/// </summary>
public static class TraineeRules
{
    public const int FamilyNameMax = 50;
    public const int MiddleNameMax = 100;
    public const int GivenNameMax = 50;
    public const int ShortTextMax = 50;
    public const int LongTextMax = 200;
    public const int PhoneMax = 20;
    public const int NoteMax = 1000;

    public const string FamilyNameRequired = "Vui lòng nhập họ.";
    public const string GivenNameRequired = "Vui lòng nhập tên.";

    /// <summary>The fields holding a date: a row whose only errors are on these can be taken with them left empty.</summary>
    public static readonly IReadOnlySet<string> DateFields = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(TraineeInput.Birth), nameof(TraineeInput.PartyJoinDate), nameof(TraineeInput.PartyOfficialDate),
    };

    /// <summary>Every rule of a single person's record that can be checked without the database.</summary>
    public static IReadOnlyList<FieldError> Check(TraineeInput input, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(field, message));

        if (VietnameseText.Clean(input.FamilyName).Length == 0)
        {
            Add(nameof(TraineeInput.FamilyName), FamilyNameRequired);
        }

        if (VietnameseText.Clean(input.GivenName).Length == 0)
        {
            Add(nameof(TraineeInput.GivenName), GivenNameRequired);
        }

        foreach (var (field, value, label) in new[]
        {
            (nameof(TraineeInput.FamilyName), input.FamilyName, "Họ"),
            (nameof(TraineeInput.MiddleName), input.MiddleName, "Tên đệm"),
            (nameof(TraineeInput.GivenName), input.GivenName, "Tên"),
        })
        {
            if (NameProblem(value, label) is { } problem)
            {
                Add(field, problem);
            }
        }

        foreach (var (field, value, max, label) in Lengths(input))
        {
            if (value is not null && VietnameseText.Clean(value).Length > max)
            {
                Add(field, $"{label} không được dài quá {max} ký tự.");
            }
        }

        if (!TraineeInputParser.TryParseBirth(input.Birth, today, out var birth, out var birthError))
        {
            Add(nameof(TraineeInput.Birth), birthError!);
        }

        if (!TraineeInputParser.TryParseCccd(input.Cccd, out _, out var cccdError))
        {
            Add(nameof(TraineeInput.Cccd), cccdError!);
        }

        if (input.Sex is { } sex && !Enum.IsDefined(sex))
        {
            Add(nameof(TraineeInput.Sex), "Giới tính không hợp lệ.");
        }

        if (!Enum.IsDefined(input.PartyStatus) || !Enum.IsDefined(input.TheoryLevel) || !Enum.IsDefined(input.CommitteeRole))
        {
            Add(nameof(TraineeInput.PartyStatus), "Giá trị đã chọn không hợp lệ.");
        }

        CheckParty(input, today, birth, Add);
        return errors;
    }

    /// <summary>Refuses the input with every broken rule, field by field.</summary>
    public static void EnsureValid(TraineeInput input, DateOnly today)
    {
        var errors = Check(input, today);
        if (errors.Count > 0)
        {
            throw new TraineeInputException(errors);
        }
    }

    /// <summary>
    /// Why a part of a person's name (family, middle or given, labelled <paramref name="label"/>) cannot be stored,
    /// or null. Refused: control, bidirectional and zero-width characters (checked on the text as it arrived,
    /// before any cleaning), a leading = + - @ (a spreadsheet formula), &lt; and &gt; (markup), digits, and any
    /// other character that is not a letter, a combining mark, a space, an apostrophe, a hyphen or a full stop.
    /// </summary>
    public static string? NameProblem(string? raw, string label)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        if (HasHiddenCharacters(raw))
        {
            return $"{label} có ký tự điều khiển hoặc ký tự ẩn (không nhìn thấy, ví dụ ký tự đổi chiều chữ hay khoảng trắng độ rộng 0); hãy gõ lại {Lower(label)}.";
        }

        var text = VietnameseText.Clean(raw);
        if (text.Length == 0)
        {
            return null;
        }

        if (text[0] is '=' or '+' or '-' or '@')
        {
            return $"{label} không được bắt đầu bằng dấu {text[0]} (dấu =, +, -, @ ở đầu ô bị Excel hiểu là công thức): \"{Shorten(text)}\".";
        }

        if (text.Any(c => c is '<' or '>'))
        {
            return $"{label} không được chứa dấu < hoặc > (ký hiệu mã trang web): \"{Shorten(text)}\".";
        }

        if (text.Any(char.IsDigit))
        {
            return $"{label} không được chứa chữ số: \"{Shorten(text)}\".";
        }

        var other = text.FirstOrDefault(c => !IsNameCharacter(c));
        if (other != default)
        {
            return $"{label} có ký tự không dùng trong tên người: \"{other}\" (trong \"{Shorten(text)}\").";
        }

        return null;
    }

    /// <summary>True when the text holds a control, format (bidi, zero-width) or otherwise invisible character.</summary>
    public static bool HasHiddenCharacters(string? text) => !string.IsNullOrEmpty(text) && (text.Any(IsHidden) || InputText.HasRemovable(text));

    private static bool IsHidden(char ch)
    {
        if (ch is '\t' or '\n' or '\r')
        {
            return false;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(ch);
        return category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
    }

    private static bool IsNameCharacter(char ch) =>
        char.IsLetter(ch) || char.IsWhiteSpace(ch) || ch is '\'' or '’' or '-' or '.'
        || CharUnicodeInfo.GetUnicodeCategory(ch) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static string Lower(string label) => label.ToLower(VietnameseText.Culture);

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";

    private static void CheckParty(TraineeInput input, DateOnly today, PartialDate? birth, Action<string, string> add)
    {
        switch (input.PartyStatus)
        {
            case PartyStatus.NonMember:
                if (input.PartyJoinDate is not null)
                {
                    add(nameof(TraineeInput.PartyJoinDate), "Quần chúng (chưa vào Đảng) thì không có ngày vào Đảng.");
                }

                if (input.PartyOfficialDate is not null)
                {
                    add(nameof(TraineeInput.PartyOfficialDate), "Quần chúng (chưa vào Đảng) thì không có ngày chính thức.");
                }

                break;
            case PartyStatus.Probationary when input.PartyOfficialDate is not null:
                add(nameof(TraineeInput.PartyOfficialDate), "Đảng viên dự bị chưa có ngày chính thức.");
                break;
        }

        if (input.PartyJoinDate is { } join)
        {
            if (join > today)
            {
                add(nameof(TraineeInput.PartyJoinDate), "Ngày vào Đảng không được ở tương lai.");
            }
            else if (birth is { } b && (b.YearOnly ? join.Year <= b.Year : join <= b.Date))
            {
                add(nameof(TraineeInput.PartyJoinDate), "Ngày vào Đảng phải sau ngày sinh.");
            }
        }

        if (input.PartyOfficialDate is { } official)
        {
            if (official > today)
            {
                add(nameof(TraineeInput.PartyOfficialDate), "Ngày chính thức không được ở tương lai.");
            }
            else if (input.PartyJoinDate is { } j && official < j)
            {
                add(nameof(TraineeInput.PartyOfficialDate), "Ngày chính thức phải sau hoặc trùng ngày vào Đảng.");
            }
        }

        if (input.CommitteeRole != CommitteeRole.None && input.PartyStatus != PartyStatus.FullMember)
        {
            add(nameof(TraineeInput.CommitteeRole), "Chỉ đảng viên chính thức mới giữ chức vụ trong cấp ủy.");
        }
    }

    private static IEnumerable<(string Field, string? Value, int Max, string Label)> Lengths(TraineeInput input) =>
    [
        (nameof(TraineeInput.FamilyName), input.FamilyName, FamilyNameMax, "Họ"),
        (nameof(TraineeInput.MiddleName), input.MiddleName, MiddleNameMax, "Tên đệm"),
        (nameof(TraineeInput.GivenName), input.GivenName, GivenNameMax, "Tên"),
        (nameof(TraineeInput.Ethnicity), input.Ethnicity, ShortTextMax, "Dân tộc"),
        (nameof(TraineeInput.Religion), input.Religion, ShortTextMax, "Tôn giáo"),
        (nameof(TraineeInput.Education), input.Education, ShortTextMax, "Trình độ văn hóa"),
        (nameof(TraineeInput.Qualification), input.Qualification, LongTextMax, "Trình độ chuyên môn"),
        (nameof(TraineeInput.Position), input.Position, LongTextMax, "Chức vụ"),
        (nameof(TraineeInput.Phone), input.Phone, PhoneMax, "Số điện thoại"),
        (nameof(TraineeInput.Note), input.Note, NoteMax, "Ghi chú"),
    ];
}
