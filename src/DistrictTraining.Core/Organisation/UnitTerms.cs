using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Organisation;

/// <summary>The Vietnamese words for unit kinds: shown on pages, and read back from import sheets.</summary>
public static class UnitTerms
{
    public static string Display(UnitKind kind) => kind switch
    {
        UnitKind.Province => "Tỉnh, thành phố",
        UnitKind.District => "Huyện, quận, thị xã",
        UnitKind.Commune => "Xã, thị trấn",
        UnitKind.Ward => "Phường",
        UnitKind.Agency => "Cơ quan",
        UnitKind.PartyOrganisation => "Đảng bộ",
        UnitKind.PartyCell => "Chi bộ",
        _ => kind.ToString(),
    };

    // Search keys (no diacritics, lower case) of the words a sheet may use, longest first for prefixes.
    private static readonly (string Key, UnitKind Kind)[] Words =
    [
        ("thanh pho truc thuoc trung uong", UnitKind.Province),
        ("tinh", UnitKind.Province),
        ("huyen", UnitKind.District),
        ("quan", UnitKind.District),
        ("thi xa", UnitKind.District),
        ("thanh pho", UnitKind.District),
        ("thi tran", UnitKind.Commune),
        ("xa", UnitKind.Commune),
        ("dac khu", UnitKind.Commune),
        ("phuong", UnitKind.Ward),
        ("co quan", UnitKind.Agency),
        ("dang bo", UnitKind.PartyOrganisation),
        ("dang uy", UnitKind.PartyOrganisation),
        ("chi bo", UnitKind.PartyCell),
    ];

    /// <summary>Reads a kind written in words ("Xã", "Thị trấn", "Đảng bộ"...), diacritics and case ignored.</summary>
    public static UnitKind? Parse(string? text)
    {
        var key = VietnameseText.SearchKey(text);
        foreach (var (word, kind) in Words)
        {
            if (key == word)
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>Guesses the kind from the first words of a unit's name ("Xã Cát Hanh" → commune); null if none fits.</summary>
    public static UnitKind? FromName(string? name)
    {
        var key = VietnameseText.SearchKey(name);
        foreach (var (word, kind) in Words.OrderByDescending(w => w.Key.Length))
        {
            if (key.StartsWith(word + " ", StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return null;
    }
}
