using System.Globalization;
using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Trainees;

/// <summary>
/// What the QR code of a chip CCCD card says. The name is split for the clerk to confirm
/// (<see cref="VietnameseText.SplitFullName"/>); the date of birth is null when the code did not hold a
/// readable one; <see cref="Warnings"/> says, in Vietnamese, what could not be read.
/// </summary>
public sealed record CccdCard(
    string Cccd,
    string? OldId,
    string FullName,
    string FamilyName,
    string MiddleName,
    string GivenName,
    DateOnly? DateOfBirth,
    Sex? Sex,
    string? Address,
    DateOnly? IssueDate,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The date of birth as the forms take it, "dd/MM/yyyy", or null.</summary>
    public string? BirthText => DateOfBirth?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}

/// <summary>
/// Reads the text of a CCCD card's QR code, as a USB 2D scanner types it or a camera decodes it:
/// <c>CCCD|CMND|Họ và tên|DDMMYYYY|Nam/Nữ|Địa chỉ|DDMMYYYY</c>. Cards and scanner settings differ
/// (6 to 8 fields seen, an empty or missing old CMND number, an extra trailing field, upper-case names,
/// a carriage return at the end), so the fields are recognised by their shape after the CCCD rather than
/// by position alone. Anything that does not start with a 12-digit CCCD followed by '|' is not a card.
/// </summary>
public static class CccdCardText
{
    /// <summary>Longer than any card's text; what is longer is not read at all.</summary>
    public const int MaxLength = 1000;

    /// <summary>True when <paramref name="text"/> looks like a card's QR text (a 12-digit CCCD, then '|'); cheap, for routing.</summary>
    public static bool LooksLikeCard(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return false;
        }

        var bar = text.IndexOf('|', StringComparison.Ordinal);
        return bar > 0 && Common.Cccd.IsWellFormed(text[..bar].Trim());
    }

    /// <summary>
    /// Parses a card's text. Returns null when it is not one (no 12-digit CCCD first, no name).
    /// A date of birth that is not a real date, lies after <paramref name="today"/> or before 1900 is
    /// left empty with a warning; so is a sex other than Nam/Nữ.
    /// </summary>
    public static CccdCard? Parse(string? text, DateOnly today)
    {
        if (!LooksLikeCard(text))
        {
            return null;
        }

        var fields = text!.Split('|').Select(f => VietnameseText.Clean(f)).ToList();
        var cccd = fields[0];
        var warnings = new List<string>();
        var i = 1;

        // The old 9-digit CMND (or an older 12-digit number), possibly empty; some cards leave the field out.
        string? oldId = null;
        if (i < fields.Count && (fields[i].Length == 0 || fields[i].All(char.IsAsciiDigit)))
        {
            oldId = fields[i].Length == 0 ? null : fields[i];
            i++;
        }

        // The name: the next field holding a letter.
        while (i < fields.Count && !fields[i].Any(char.IsLetter))
        {
            i++;
        }

        if (i >= fields.Count)
        {
            return null;
        }

        var fullName = fields[i++];
        if (fullName.Any(char.IsDigit) || fullName.Length > 150)
        {
            return null;
        }

        if (fullName == fullName.ToUpper(VietnameseText.Culture))
        {
            fullName = VietnameseText.TitleCase(fullName);
        }

        // The date of birth: the next field of eight digits.
        DateOnly? birth = null;
        var birthIndex = fields.FindIndex(i, f => f.Length == 8 && f.All(char.IsAsciiDigit));
        if (birthIndex < 0 || birthIndex > i + 1)
        {
            warnings.Add("Mã QR không có ngày sinh đọc được; vui lòng nhập ngày sinh.");
        }
        else
        {
            birth = ReadDate(fields[birthIndex]);
            if (birth is null || birth > today || birth.Value.Year < 1900)
            {
                warnings.Add($"Ngày sinh trên mã QR \"{fields[birthIndex]}\" không hợp lệ; vui lòng nhập ngày sinh.");
                birth = null;
            }

            i = birthIndex + 1;
        }

        Sex? sex = null;
        if (i < fields.Count && ReadSex(fields[i]) is { } read)
        {
            sex = read;
            i++;
        }
        else
        {
            warnings.Add("Mã QR không ghi giới tính Nam/Nữ đọc được; vui lòng chọn giới tính.");
        }

        // The address: the next field that is not a date; then the issue date if there is one.
        string? address = null;
        if (i < fields.Count && fields[i].Any(char.IsLetter))
        {
            address = fields[i];
            i++;
        }

        DateOnly? issued = null;
        if (i < fields.Count && fields[i].Length == 8 && fields[i].All(char.IsAsciiDigit))
        {
            issued = ReadDate(fields[i]);
        }

        var (family, middle, given) = VietnameseText.SplitFullName(fullName);
        return new CccdCard(cccd, oldId, fullName, family, middle, given, birth, sex, address, issued, warnings);
    }

    private static DateOnly? ReadDate(string ddMMyyyy) =>
        DateOnly.TryParseExact(ddMMyyyy, "ddMMyyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static Sex? ReadSex(string text) => VietnameseText.SearchKey(text) switch
    {
        "nam" => Common.Sex.Male,
        "nu" => Common.Sex.Female,
        _ => null,
    };
}
