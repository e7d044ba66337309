using System.Globalization;
using System.Text;

namespace DistrictTraining.Core.Common;

/// <summary>
/// Vietnamese text rules the whole portal shares: NFC normalisation on input, a diacritic-free
/// search key, and an ordinal sort key that orders names the Vietnamese way on any database.
/// </summary>
public static class VietnameseText
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>NFC, without control or invisible characters (<see cref="InputText"/>), trimmed, inner runs of white space (including non-breaking) folded to one space.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // Zero-width spaces separate words like spaces; the other invisible characters go before NFC, which would throw on them.
        var visible = InputText.Clean(text.Replace('\u200B', ' ').Replace('\uFEFF', ' '), normalise: false);
        var sb = new StringBuilder(visible.Length);
        var pendingSpace = false;
        foreach (var ch in visible)
        {
            if (char.IsWhiteSpace(ch))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(ch);
        }

        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Lower case, no diacritics, đ→d, single spaces: "Đặng Thị Ánh" → "dang thi anh".</summary>
    public static string SearchKey(string? text)
    {
        var clean = Clean(text);
        var decomposed = clean.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            sb.Append(ch switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(ch),
            });
        }

        return sb.ToString();
    }

    // Vietnamese alphabet order; f, j, w, z appear in foreign and ethnic-minority names.
    private const string Alphabet = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

    // Primary codes are one ASCII character each, above the terminator '0'.
    private const string PrimaryCodes = "123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>
    /// A key made of [0-9a-z] only, whose ordinal order is Vietnamese dictionary order: letters
    /// first (a ă â b … đ …), then tones (ngang, huyền, hỏi, ngã, sắc, nặng), case ignored.
    /// ASCII digits and letters compare the same under binary, "C" and most linguistic collations,
    /// so ORDER BY on this column is right on SQLite and PostgreSQL alike.
    /// </summary>
    public static string SortKey(string? text)
    {
        var clean = Clean(text).ToLower(Culture).Normalize(NormalizationForm.FormD);
        var primary = new StringBuilder(clean.Length + 1);
        var tones = new StringBuilder(clean.Length + 1);
        for (var i = 0; i < clean.Length; i++)
        {
            var ch = clean[i];
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            // Re-attach the marks that make a distinct letter (ă â ê ô ơ ư đ); keep the tone apart.
            var letter = ch;
            var tone = 0;
            var j = i + 1;
            for (; j < clean.Length && CharUnicodeInfo.GetUnicodeCategory(clean[j]) == UnicodeCategory.NonSpacingMark; j++)
            {
                switch (clean[j])
                {
                    case '\u0306': letter = letter == 'a' ? 'ă' : letter; break; // breve
                    case '\u0302': letter = letter switch { 'a' => 'â', 'e' => 'ê', 'o' => 'ô', _ => letter }; break; // circumflex
                    case '\u031B': letter = letter switch { 'o' => 'ơ', 'u' => 'ư', _ => letter }; break; // horn
                    case '\u0300': tone = 1; break; // huyền
                    case '\u0309': tone = 2; break; // hỏi
                    case '\u0303': tone = 3; break; // ngã
                    case '\u0301': tone = 4; break; // sắc
                    case '\u0323': tone = 5; break; // nặng
                }
            }

            i = j - 1;
            var index = Alphabet.IndexOf(letter, StringComparison.Ordinal);
            if (index < 0)
            {
                continue; // spaces, hyphens and digits do not order names
            }

            primary.Append(PrimaryCodes[index]);
            tones.Append((char)('1' + tone));
        }

        return primary.Append('0').Append(tones).Append('0').ToString();
    }

    /// <summary>The sort key of a person: given name, then middle name, then family name.</summary>
    public static string PersonSortKey(string familyName, string? middleName, string givenName) =>
        SortKey(givenName) + SortKey(middleName) + SortKey(familyName);

    /// <summary>
    /// The stored form of a person's name: the three parts cleaned (an empty middle name is null),
    /// the full name, its search key and its sort key. Trainees and lecturers both keep these columns.
    /// </summary>
    public static PersonNameKeys PersonName(string? familyName, string? middleName, string? givenName)
    {
        var family = Clean(familyName);
        var middle = string.IsNullOrWhiteSpace(middleName) ? null : Clean(middleName);
        var given = Clean(givenName);
        var full = FullName(family, middle, given);
        return new PersonNameKeys(family, middle, given, full, SearchKey(full), PersonSortKey(family, middle, given));
    }

    /// <summary>Joins the parts of a name in Vietnamese order: family, middle, given.</summary>
    public static string FullName(string familyName, string? middleName, string givenName) =>
        string.IsNullOrWhiteSpace(middleName) ? $"{familyName} {givenName}" : $"{familyName} {middleName} {givenName}";

    /// <summary>
    /// Compound family names (họ kép) recognised when a full name is split, longest first. Only true
    /// compound surnames: the Nguyễn Phúc royal lineage's descendants (Tôn Thất, Tôn Nữ, Công Tằng Tôn Nữ…)
    /// and the old Chinese two-syllable surnames. "Nguyễn Hữu", "Trần Đình" and the like are a family
    /// name plus a common middle name, never a compound. See docs/glossary.md ("Compound family names").
    /// </summary>
    public static readonly IReadOnlyList<string> CompoundFamilyNames =
    [
        "Công Tằng Tôn Nữ", "Công Huyền Tôn Nữ", "Công Tôn Nữ",
        "Tôn Thất", "Tôn Nữ", "Nguyễn Phúc",
        "Âu Dương", "Tư Mã", "Gia Cát", "Thượng Quan", "Hoàng Phủ",
    ];

    // "Phúc" is also a very common middle name (Nguyễn Phúc Thịnh is Nguyễn + Phúc + Thịnh), so this one
    // counts as a compound only when a middle name still remains after it: Nguyễn Phúc Vĩnh Lộc.
    private static readonly HashSet<string> CompoundsNeedingMiddleName = new(StringComparer.Ordinal) { "Nguyễn Phúc" };

    /// <summary>
    /// Splits a full name typed in one cell: the family name first (one word, or a compound of
    /// <see cref="CompoundFamilyNames"/>), the last word the given name, the rest the middle name.
    /// Only for input that arrives whole (a commune list's "Họ và tên", a CCCD card's QR code) and is
    /// shown for confirmation; stored names are never split again.
    /// </summary>
    public static (string Family, string Middle, string Given) SplitFullName(string? fullName)
    {
        var parts = Clean(fullName).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return (string.Empty, string.Empty, string.Empty);
        }

        if (parts.Length == 1)
        {
            return (string.Empty, string.Empty, parts[0]);
        }

        var familyWords = CompoundFamilyNameLength(parts);
        return (string.Join(' ', parts[..familyWords]), string.Join(' ', parts[familyWords..^1]), parts[^1]);
    }

    // How many leading words make the family name: the longest compound that still leaves a given name
    // (and a middle name, for the ambiguous ones), else one.
    private static int CompoundFamilyNameLength(string[] parts)
    {
        foreach (var compound in CompoundFamilyNames.OrderByDescending(c => c.Length))
        {
            var words = compound.Split(' ');
            var needed = words.Length + (CompoundsNeedingMiddleName.Contains(compound) ? 2 : 1);
            if (parts.Length >= needed
                && words.Select((w, i) => string.Equals(w, parts[i], StringComparison.OrdinalIgnoreCase)).All(same => same))
            {
                return words.Length;
            }
        }

        return 1;
    }

    /// <summary>Title-cases each word the Vietnamese way ("nguyễn văn AN" → "Nguyễn Văn An").</summary>
    public static string TitleCase(string? text)
    {
        var words = Clean(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var lower = words[i].ToLower(Culture);
            words[i] = char.ToUpper(lower[0], Culture) + lower[1..];
        }

        return string.Join(' ', words);
    }
}

/// <summary>A person's name as stored: the parts, the full name, and its search and sort keys.</summary>
public sealed record PersonNameKeys(string Family, string? Middle, string Given, string Full, string SearchKey, string SortKey);
