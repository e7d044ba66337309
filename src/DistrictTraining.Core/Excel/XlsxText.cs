using System.Text;
using System.Text.RegularExpressions;

namespace DistrictTraining.Core.Excel;

/// <summary>Makes user text safe for a SpreadsheetML string cell.</summary>
internal static partial class XlsxText
{
    /// <summary>
    /// Drops characters XML 1.0 cannot carry (control characters other than tab and line feed, lone
    /// surrogates, U+FFFE/U+FFFF), turns CR LF and CR into LF, normalises to NFC (some keyboards send
    /// NFD) and escapes a literal "_xHHHH_" so Excel does not decode it as an escaped character.
    /// </summary>
    public static string Clean(string text)
    {
        if (text.Length == 0 || IsCleanAndComposed(text))
        {
            return text;
        }

        var result = NeedsStripping(text) ? Strip(text) : text;
        result = result.Normalize(NormalizationForm.FormC);
        if (result.Contains("_x", StringComparison.Ordinal))
        {
            result = EscapedCharacterPattern().Replace(result, "_x005F_");
        }

        return result;
    }

    /// <summary>
    /// The fast path of <see cref="Clean"/>, no allocation: true when every character is printable
    /// and either below U+0300 (ASCII, Latin-1, Latin Extended-A/B: đ, ă, ơ, ư…) or in Latin Extended
    /// Additional (U+1E00–U+1EFF: ạ, ễ, ữ…), and there is no "_x". Such text needs no stripping, and
    /// it is already NFC: none of these characters has an NFC quick-check value other than Yes and all
    /// have combining class 0 (the Unicode tables, UAX #15). Vietnamese text written with
    /// precomposed letters, which nearly all is, takes this path; anything else (combining marks, other
    /// scripts, control characters) goes through the full clean-up.
    /// </summary>
    internal static bool IsCleanAndComposed(string text)
    {
        var span = text.AsSpan();
        var start = span.IndexOfAnyExceptInRange(' ', '\u02FF');
        if (start >= 0)
        {
            foreach (var c in span[start..])
            {
                if (c is < ' ' or (> '\u02FF' and < '\u1E00') or > '\u1EFF')
                {
                    return false;
                }
            }
        }

        return !span.Contains("_x", StringComparison.Ordinal);
    }

    /// <summary>
    /// True when Excel would turn the text into something else if a user edited the cell and pressed
    /// Enter: a formula (=, +, -, @), or a number, date or fraction ("001075012345", "12/12",
    /// "01/02/2025", "55,8%"). Such cells get quotePrefix so they stay text.
    /// </summary>
    public static bool NeedsQuotePrefix(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        if (text[0] is '=' or '+' or '-' or '@' or '\t' or '\n' or '\r')
        {
            return true;
        }

        var digits = false;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits = true;
            }
            else if (c is not ('.' or ',' or '/' or '-' or ':' or '%' or ' '))
            {
                return false;
            }
        }

        return digits;
    }

    public static bool HasOuterWhiteSpace(string text) =>
        text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]));

    private static bool NeedsStripping(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x20)
            {
                if (c != '\t' && c != '\n')
                {
                    return true;
                }
            }
            else if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return true;
            }
            else if (c is '\uFFFE' or '\uFFFF')
            {
                return true;
            }
        }

        return false;
    }

    private static string Strip(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                sb.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (c < 0x20)
            {
                if (c is '\t' or '\n')
                {
                    sb.Append(c);
                }
            }
            else if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    sb.Append(c).Append(text[i + 1]);
                    i++;
                }
            }
            else if (c is not ('\uFFFE' or '\uFFFF'))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    [GeneratedRegex("_(?=x[0-9A-Fa-f]{4}_)", RegexOptions.CultureInvariant)]
    private static partial Regex EscapedCharacterPattern();
}
