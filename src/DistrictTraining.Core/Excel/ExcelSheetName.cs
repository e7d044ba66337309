namespace DistrictTraining.Core.Excel;

/// <summary>Excel's rules for a worksheet name.</summary>
public static class ExcelSheetName
{
    public const int MaxLength = 31;

    private static readonly char[] Forbidden = ['[', ']', ':', '*', '?', '/', '\\'];

    public static bool IsValid(string? name) =>
        !string.IsNullOrWhiteSpace(name)
        && name.Length <= MaxLength
        && name.IndexOfAny(Forbidden) < 0
        && name[0] != '\''
        && name[^1] != '\''
        && !name.Any(char.IsControl)
        && !string.Equals(name, "History", StringComparison.OrdinalIgnoreCase);

    public static void Validate(string? name)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException(
                $"\"{name}\" is not a valid sheet name: 1–{MaxLength} characters, none of []:*?/\\, not starting or ending with an apostrophe, not \"History\".",
                nameof(name));
        }
    }

    /// <summary>Makes a valid name from any text (a class name, a unit name): forbidden characters become '-', cut to 31.</summary>
    public static string Sanitize(string? text, string fallback = "Báo cáo")
    {
        var chars = (text ?? string.Empty)
            .Select(c => Array.IndexOf(Forbidden, c) >= 0 ? '-' : char.IsControl(c) ? ' ' : c)
            .ToArray();
        var name = new string(chars).Trim().Trim('\'').Trim();
        if (name.Length > MaxLength)
        {
            name = name[..MaxLength].TrimEnd();
            if (char.IsHighSurrogate(name[^1]))
            {
                name = name[..^1];
            }
        }

        return IsValid(name) ? name : fallback;
    }
}
