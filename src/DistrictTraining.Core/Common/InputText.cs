using System.Text;

namespace DistrictTraining.Core.Common;

/// <summary>
/// The one rule for text that arrives from outside (forms, query strings, spreadsheet cells): characters no
/// one types on purpose are removed, and the rest is put in Unicode NFC. Removed: C0 and C1 controls except
/// tab, line feed and carriage return; Unicode noncharacters (U+FDD0–U+FDEF and U+xFFFE/U+xFFFF in every plane);
/// lone surrogates; the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make
/// a name read differently from what is stored; the zero-width U+200B–U+200D and U+FEFF.
/// <para>.NET's <see cref="string.Normalize()"/> throws on noncharacters and lone surrogates, so anything
/// that normalises untrusted text must clean it first; <see cref="Clean"/> never throws.</para>
/// </summary>
public static class InputText
{
    /// <summary>Removes the characters above; normalises to NFC unless <paramref name="normalise"/> is false (passwords).</summary>
    public static string Clean(string text, bool normalise = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var firstBad = FirstRemovable(text);
        var kept = firstBad < 0 ? text : Strip(text, firstBad);
        return normalise && !kept.IsNormalized(NormalizationForm.FormC) ? kept.Normalize(NormalizationForm.FormC) : kept;
    }

    /// <summary>True when <paramref name="text"/> holds a character that <see cref="Clean"/> removes.</summary>
    public static bool HasRemovable(string text) => FirstRemovable(text) >= 0;

    private static int FirstRemovable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (RemovableAt(text, i, out var width))
            {
                return i;
            }

            i += width - 1;
        }

        return -1;
    }

    private static string Strip(string text, int from)
    {
        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, from);
        for (var i = from; i < text.Length; i++)
        {
            var removable = RemovableAt(text, i, out var width);
            if (!removable)
            {
                sb.Append(text, i, width);
            }

            i += width - 1;
        }

        return sb.ToString();
    }

    /// <summary>Whether the code point starting at <paramref name="i"/> is removed; <paramref name="width"/> is its length in chars.</summary>
    private static bool RemovableAt(string text, int i, out int width)
    {
        var ch = text[i];
        width = 1;
        if (char.IsHighSurrogate(ch))
        {
            if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                width = 2;
                var codePoint = char.ConvertToUtf32(ch, text[i + 1]);
                return (codePoint & 0xFFFE) == 0xFFFE; // U+1FFFE, U+1FFFF … U+10FFFF
            }

            return true;
        }

        return ch switch
        {
            '\t' or '\n' or '\r' => false,
            < '\u0020' => true, // C0 controls
            >= '\u007F' and <= '\u009F' => true, // DEL and C1 controls
            >= '\u200B' and <= '\u200D' => true, // zero-width space, non-joiner, joiner
            >= '\u202A' and <= '\u202E' => true, // bidi embeddings and overrides
            >= '\u2066' and <= '\u2069' => true, // bidi isolates
            '\uFEFF' => true, // zero-width no-break space (byte-order mark)
            >= '\uFDD0' and <= '\uFDEF' => true, // noncharacters
            '\uFFFE' or '\uFFFF' => true, // noncharacters
            _ => char.IsLowSurrogate(ch), // a low surrogate without its high half
        };
    }
}
