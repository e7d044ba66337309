namespace DistrictTraining.Core.Common;

/// <summary>
/// The 12-digit citizen ID (căn cước công dân). Digit 4 encodes century and sex
/// (1900s: 0 male, 1 female; 2000s: 2 male, 3 female), digits 5–6 the last two digits of the birth year.
/// </summary>
public static class Cccd
{
    public static bool IsWellFormed(string? value) =>
        value is { Length: 12 } && value.All(char.IsAsciiDigit);

    /// <summary>Keeps the digits only, so "001 090 012 345" and "001090012345" are the same ID.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : digits;
    }

    /// <summary>What the ID says of sex and birth year, or null when it cannot say.</summary>
    public static (Sex Sex, int BirthYear)? Decode(string? value)
    {
        if (!IsWellFormed(value))
        {
            return null;
        }

        var code = value![3] - '0';
        var yy = ((value[4] - '0') * 10) + (value[5] - '0');
        return code switch
        {
            0 => (Sex.Male, 1900 + yy),
            1 => (Sex.Female, 1900 + yy),
            2 => (Sex.Male, 2000 + yy),
            3 => (Sex.Female, 2000 + yy),
            _ => null,
        };
    }

    /// <summary>Vietnamese warnings where the ID contradicts the sex or birth year typed beside it.</summary>
    public static IReadOnlyList<string> CrossCheck(string? cccd, Sex? sex, int? birthYear)
    {
        var warnings = new List<string>();
        if (cccd is null)
        {
            return warnings;
        }

        if (!IsWellFormed(cccd))
        {
            warnings.Add("Số CCCD phải gồm đúng 12 chữ số.");
            return warnings;
        }

        var decoded = Decode(cccd);
        if (decoded is null)
        {
            warnings.Add("Chữ số thứ 4 của CCCD không mã hóa giới tính và thế kỷ hợp lệ.");
            return warnings;
        }

        if (sex is not null && sex != decoded.Value.Sex)
        {
            warnings.Add(decoded.Value.Sex == Sex.Male
                ? "CCCD cho biết giới tính Nam, nhưng giới tính đã nhập là Nữ."
                : "CCCD cho biết giới tính Nữ, nhưng giới tính đã nhập là Nam.");
        }

        if (birthYear is not null && birthYear != decoded.Value.BirthYear)
        {
            warnings.Add($"CCCD cho biết năm sinh {decoded.Value.BirthYear}, nhưng năm sinh đã nhập là {birthYear}.");
        }

        return warnings;
    }
}
