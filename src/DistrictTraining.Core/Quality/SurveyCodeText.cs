using System.Security.Cryptography;

namespace DistrictTraining.Core.Quality;

/// <summary>
/// The characters of answering codes and survey keys: capitals and digits without the look-alikes I, L, O, 0 and 1,
/// so a code copied by hand from a slip is typed right. Eight of them: 31⁸ ≈ 8.5·10¹¹ possibilities.
/// </summary>
public static class SurveyCodeText
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public const int Length = 8;

    public static string NewCode() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>"ABCD-EFGH", as printed on a slip.</summary>
    public static string Display(string code) => code.Length == Length ? $"{code[..4]}-{code[4..]}" : code;

    /// <summary>What a person typed, made into a stored code: upper case, separators and spaces dropped; "" when it cannot be one.</summary>
    public static string Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40)
        {
            return "";
        }

        var chars = typed.ToUpperInvariant().Where(c => c is not (' ' or '-' or '.' or '_')).ToArray();
        return chars.Length == Length && chars.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? new string(chars) : "";
    }
}
