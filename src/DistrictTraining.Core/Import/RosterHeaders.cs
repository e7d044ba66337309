using System.Text;
using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Import;

/// <summary>A header row found in the sheet and what each of its columns holds.</summary>
internal sealed class HeaderLayout
{
    public required int HeaderRowNumber { get; init; }

    /// <summary>The sub-header row (Nam/Nữ, Văn hóa/Chuyên môn…) of a two-row header, else the header row.</summary>
    public required int LastHeaderRowNumber { get; init; }

    public required IReadOnlyList<RosterColumn> Columns { get; init; }

    public required int Score { get; init; }
}

/// <summary>
/// Recognises roster headers the many ways communes write them. Headers are compared by
/// <see cref="VietnameseText.SearchKey"/> with punctuation folded to spaces, so case, diacritics,
/// NFD, commas and line breaks do not matter ("Ngày,\ntháng, năm sinh" = "ngay thang nam sinh").
/// </summary>
internal static class RosterHeaders
{
    private static readonly HashSet<string> SequenceKeys = ["stt", "tt", "so tt", "so thu tu", "thu tu"];

    private static readonly HashSet<string> FamilyAndMiddleKeys =
        ["ho va dem", "ho dem", "ho va ten dem", "ho ten dem", "ho va chu dem", "ho chu dem", "ho", "ho va ten lot", "ho lot"];

    private static readonly HashSet<string> MiddleKeys = ["dem", "ten dem", "chu dem", "ten lot"];

    private static readonly HashSet<string> GivenKeys = ["ten", "ten goi"];

    /// <summary>Words that appear only as sub-headers or as headers of columns the roster does not keep.</summary>
    private static readonly HashSet<string> OtherHeaderKeys =
    [
        "nam", "nu", "ngay", "thang", "du bi", "chinh thuc", "trinh do", "ngoai ngu", "tin hoc", "quan ly nha nuoc",
        "qlnn", "que quan", "noi sinh", "noi o", "cho o hien nay", "dia chi", "so dien thoai", "dien thoai", "sdt",
        "nghe nghiep", "ket qua", "diem", "xep loai", "ky nhan", "ky ten", "doan vien", "hoi vien",
    ];

    /// <summary>Folds a header (or any short text) to lower-case ASCII words: "Họ, tên" → "ho ten".</summary>
    public static string Key(string? text)
    {
        var search = VietnameseText.SearchKey(text);
        var sb = new StringBuilder(search.Length);
        var space = false;
        foreach (var ch in search)
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                space = false;
                sb.Append(ch);
            }
            else
            {
                space = true;
            }
        }

        return sb.ToString();
    }

    /// <summary>What a header on its own names, or null. <paramref name="known"/> is true for any header word at all.</summary>
    public static RosterField? Match(string? text, out bool known)
    {
        var key = Key(text);
        known = true;
        if (key.Length == 0)
        {
            known = false;
            return null;
        }

        if (SequenceKeys.Contains(key))
        {
            return RosterField.SequenceNumber;
        }

        if (FamilyAndMiddleKeys.Contains(key))
        {
            return RosterField.FamilyAndMiddleName;
        }

        if (MiddleKeys.Contains(key))
        {
            return RosterField.MiddleName;
        }

        if (GivenKeys.Contains(key))
        {
            return RosterField.GivenName;
        }

        if (key.StartsWith("ho va ten", StringComparison.Ordinal) || key.StartsWith("ho ten", StringComparison.Ordinal)
            || key is "ten hoc vien" or "ho ten hoc vien")
        {
            return RosterField.FullName;
        }

        var partyDate = key.Contains("vao dang", StringComparison.Ordinal) || key.Contains("ket nap", StringComparison.Ordinal);
        if ((partyDate && key.Contains("chinh thuc", StringComparison.Ordinal))
            || key.StartsWith("ngay chinh thuc", StringComparison.Ordinal) || key.Contains("cong nhan chinh thuc", StringComparison.Ordinal))
        {
            return RosterField.PartyOfficialDate;
        }

        if (partyDate)
        {
            return RosterField.PartyJoinDate;
        }

        if (IsBirthDateKey(key))
        {
            return RosterField.DateOfBirth;
        }

        if (key.StartsWith("gioi tinh", StringComparison.Ordinal) || key is "gioi" or "phai")
        {
            return RosterField.Sex;
        }

        if (HasWord(key, "cccd") || HasWord(key, "cmnd") || HasWord(key, "cmt") || key.StartsWith("can cuoc", StringComparison.Ordinal)
            || key.StartsWith("so can cuoc", StringComparison.Ordinal) || key.Contains("dinh danh", StringComparison.Ordinal)
            || key.StartsWith("so cmnd", StringComparison.Ordinal) || key.StartsWith("chung minh", StringComparison.Ordinal))
        {
            return RosterField.Cccd;
        }

        if (key.StartsWith("dan toc", StringComparison.Ordinal))
        {
            return RosterField.Ethnicity;
        }

        if (key.StartsWith("ton giao", StringComparison.Ordinal))
        {
            return RosterField.Religion;
        }

        if (HasWord(key, "llct") || key.Contains("ly luan", StringComparison.Ordinal) || key is "chinh tri" or "trinh do chinh tri")
        {
            return RosterField.PoliticalTheoryLevel;
        }

        if (key.Contains("van hoa", StringComparison.Ordinal) || key.Contains("hoc van", StringComparison.Ordinal)
            || key.Contains("pho thong", StringComparison.Ordinal) || key is "tdvh" or "gdpt")
        {
            return RosterField.Education;
        }

        if (key.Contains("chuyen mon", StringComparison.Ordinal) || key is "tdcm" or "trinh do dao tao")
        {
            return RosterField.Qualification;
        }

        var position = key.StartsWith("chuc vu", StringComparison.Ordinal) || key.StartsWith("chuc danh", StringComparison.Ordinal);
        var unit = key.Contains("don vi", StringComparison.Ordinal) || key.Contains("noi cong tac", StringComparison.Ordinal)
            || key.Contains("co quan", StringComparison.Ordinal) || key.Contains("noi lam viec", StringComparison.Ordinal)
            || key.Contains("chi bo", StringComparison.Ordinal) || key.Contains("dang bo", StringComparison.Ordinal)
            || key.Contains("noi sinh hoat", StringComparison.Ordinal) || key.Contains("sinh hoat dang", StringComparison.Ordinal);
        if (position && unit)
        {
            return RosterField.PositionAndUnit;
        }

        if (position)
        {
            return RosterField.Position;
        }

        if (unit)
        {
            return RosterField.UnitName;
        }

        if (key.StartsWith("dang vien", StringComparison.Ordinal) || key.StartsWith("la dang vien", StringComparison.Ordinal)
            || key.StartsWith("tinh trang dang", StringComparison.Ordinal))
        {
            return RosterField.PartyStatus;
        }

        if (key.StartsWith("ghi chu", StringComparison.Ordinal))
        {
            return RosterField.Note;
        }

        known = OtherHeaderKeys.Contains(key);
        return null;
    }

    private static bool IsBirthDateKey(string key) =>
        key.StartsWith("ngay thang nam sinh", StringComparison.Ordinal) || key.StartsWith("ngay sinh", StringComparison.Ordinal)
        || key.StartsWith("nam sinh", StringComparison.Ordinal) || key.StartsWith("sinh ngay", StringComparison.Ordinal)
        || key.StartsWith("ngay thang sinh", StringComparison.Ordinal) || key.StartsWith("ngay va nam sinh", StringComparison.Ordinal)
        || key is "ngay thang nam" or "sinh";

    private static bool HasWord(string key, string word) => (" " + key + " ").Contains(" " + word + " ", StringComparison.Ordinal);

    /// <summary>"Nam" (male) — but not "Năm" (year): the two have the same search key.</summary>
    private static bool IsMale(string text) => Key(text) == "nam" && !VietnameseText.Clean(text).ToLower(VietnameseText.Culture).Equals("năm", StringComparison.Ordinal);

    private static bool IsYear(string text) => VietnameseText.Clean(text).ToLower(VietnameseText.Culture).Equals("năm", StringComparison.Ordinal);

    private static bool IsFemale(string text) => Key(text) is "nu" or "nu gioi";

    /// <summary>True when every non-empty cell of the row reads as a header word.</summary>
    private static bool AllHeaderWords(SheetRow row)
    {
        if (row.IsEmpty)
        {
            return false;
        }

        foreach (var cell in row.Cells)
        {
            if (cell.Kind != RawCellKind.Text)
            {
                return false;
            }

            Match(cell.Text, out var known);
            if (!known && !IsYear(cell.Text))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Finds the best header among the first rows, or null when none has a name column.</summary>
    public static HeaderLayout? Detect(IReadOnlyList<SheetRow> rows, IReadOnlyList<MergeRange> merges, int searchRows)
    {
        HeaderLayout? best = null;
        var candidates = 0;
        for (var i = 0; i < rows.Count && candidates < searchRows; i++)
        {
            var row = rows[i];
            if (row.IsEmpty)
            {
                continue;
            }

            candidates++;
            var next = i + 1 < rows.Count && rows[i + 1].Number == row.Number + 1 ? rows[i + 1] : null;
            var layout = Evaluate(row, next, merges);
            if (layout is not null && (best is null || layout.Score > best.Score))
            {
                best = layout;
            }
        }

        return best;
    }

    private static HeaderLayout? Evaluate(SheetRow row, SheetRow? next, IReadOnlyList<MergeRange> merges)
    {
        // Cheap rejection: a header row has at least two texts, one of them a header word.
        if (row.Cells.Count < 2 || !row.Cells.Any(c => c.Kind == RawCellKind.Text && Match(c.Text, out _) is not null))
        {
            return null;
        }

        var top = row.Cells.Where(c => c.Kind == RawCellKind.Text).ToDictionary(c => c.Column, c => c.Text);
        var verticalMergeIntoNext = merges.Any(m => m.FirstRow == row.Number && m.LastRow > row.Number);
        var subRow = next is not null && (AllHeaderWords(next) || (verticalMergeIntoNext && next.Cells.All(c => c.Kind == RawCellKind.Text)))
            ? next
            : null;
        var sub = subRow?.Cells.ToDictionary(c => c.Column, c => c.Text) ?? [];

        var columns = new SortedSet<int>(top.Keys);
        columns.UnionWith(sub.Keys);
        foreach (var merge in merges)
        {
            if (merge.FirstRow == row.Number && merge.Width > 1 && top.ContainsKey(merge.FirstColumn))
            {
                for (var c = merge.FirstColumn + 1; c <= merge.LastColumn && c <= merge.FirstColumn + 16; c++)
                {
                    columns.Add(c);
                }
            }
        }

        var mapped = new List<RosterColumn>();
        var used = new HashSet<RosterField>();
        foreach (var column in columns)
        {
            var parent = ParentText(column, row.Number, top, sub, merges);
            sub.TryGetValue(column, out var subText);
            var field = Classify(parent, subText, out var label);
            if (field is null)
            {
                continue;
            }

            // "Họ và tên" merged over two columns without a sub-header: family+middle, then given name.
            if (field == RosterField.FullName && subText is null
                && merges.FirstOrDefault(m => m.FirstRow == row.Number && m.Contains(row.Number, column)) is { Width: 2 } nameMerge)
            {
                field = column == nameMerge.FirstColumn ? RosterField.FamilyAndMiddleName : RosterField.GivenName;
                label = Label(field.Value);
            }

            if (!used.Add(field.Value))
            {
                continue; // the first column of a kind wins
            }

            var headerText = subText is null ? parent ?? string.Empty : parent is null ? subText : $"{parent} / {subText}";
            mapped.Add(new RosterColumn(column, CellReference.ColumnLetter(column), headerText, field.Value, label));
        }

        var hasName = used.Contains(RosterField.FullName) || used.Contains(RosterField.GivenName);
        if (!hasName || used.Count < 2)
        {
            return null;
        }

        // Fields found, plus the cells of the row itself that name a field: a title row that only
        // sits above a real header ("Họ và tên người lập: …") scores below the header itself.
        var score = used.Count + top.Values.Count(t => Match(t, out _) is not null);

        return new HeaderLayout
        {
            HeaderRowNumber = row.Number,
            LastHeaderRowNumber = subRow?.Number ?? row.Number,
            Columns = mapped,
            Score = score,
        };
    }

    /// <summary>
    /// The header above a column: its own text, else the text of a horizontal merge it lies in,
    /// else (a file without merge records) the nearest text to the left whose column also has a sub-header.
    /// </summary>
    private static string? ParentText(int column, int rowNumber, Dictionary<int, string> top, Dictionary<int, string> sub, IReadOnlyList<MergeRange> merges)
    {
        if (top.TryGetValue(column, out var own))
        {
            return own;
        }

        foreach (var merge in merges)
        {
            if (merge.FirstRow == rowNumber && merge.Contains(rowNumber, column))
            {
                return top.GetValueOrDefault(merge.FirstColumn);
            }
        }

        if (!sub.ContainsKey(column))
        {
            return null;
        }

        for (var left = column - 1; left >= 1; left--)
        {
            if (top.TryGetValue(left, out var text))
            {
                return sub.ContainsKey(left) ? text : null;
            }

            if (!sub.ContainsKey(left))
            {
                return null;
            }
        }

        return null;
    }

    private static RosterField? Classify(string? parent, string? sub, out string label)
    {
        var parentField = Match(parent, out _);
        label = string.Empty;
        RosterField? field;
        if (string.IsNullOrEmpty(sub) && parent is not null && (IsMale(parent) || IsFemale(parent)))
        {
            // "Nam" and "Nữ" as headers of their own, each holding the birth date (or a tick) of that sex.
            var male = IsMale(parent);
            label = male ? "Ngày sinh (Nam)" : "Ngày sinh (Nữ)";
            return male ? RosterField.MaleColumn : RosterField.FemaleColumn;
        }
        else if (string.IsNullOrEmpty(sub))
        {
            field = parentField;
        }
        else if (IsMale(sub) || IsFemale(sub))
        {
            var male = IsMale(sub);
            field = male ? RosterField.MaleColumn : RosterField.FemaleColumn;
            label = parentField == RosterField.Sex
                ? (male ? "Giới tính: Nam" : "Giới tính: Nữ")
                : (male ? "Ngày sinh (Nam)" : "Ngày sinh (Nữ)");
            return field;
        }
        else if (parentField == RosterField.DateOfBirth && (Key(sub) is "ngay" or "thang" || IsYear(sub)))
        {
            field = Key(sub) switch
            {
                "ngay" => RosterField.BirthDay,
                "thang" => RosterField.BirthMonth,
                _ => RosterField.BirthYear,
            };
        }
        else if (parentField is RosterField.PartyJoinDate or RosterField.PartyStatus && Key(sub) is "du bi" or "chinh thuc")
        {
            field = Key(sub) == "du bi" ? RosterField.PartyJoinDate : RosterField.PartyOfficialDate;
        }
        else
        {
            var subField = Match(sub, out var known);
            field = subField ?? (known ? null : parentField);
        }

        if (field is { } f && label.Length == 0)
        {
            label = Label(f);
        }

        return field;
    }

    public static string Label(RosterField field) => field switch
    {
        RosterField.SequenceNumber => "STT",
        RosterField.FullName => "Họ và tên",
        RosterField.FamilyAndMiddleName => "Họ và tên đệm",
        RosterField.MiddleName => "Tên đệm",
        RosterField.GivenName => "Tên",
        RosterField.DateOfBirth => "Ngày sinh",
        RosterField.MaleColumn => "Nam",
        RosterField.FemaleColumn => "Nữ",
        RosterField.BirthDay => "Ngày sinh (ngày)",
        RosterField.BirthMonth => "Ngày sinh (tháng)",
        RosterField.BirthYear => "Ngày sinh (năm)",
        RosterField.Sex => "Giới tính",
        RosterField.Cccd => "Số CCCD",
        RosterField.Ethnicity => "Dân tộc",
        RosterField.Religion => "Tôn giáo",
        RosterField.Education => "Trình độ văn hóa",
        RosterField.Qualification => "Trình độ chuyên môn",
        RosterField.Position => "Chức vụ",
        RosterField.UnitName => "Đơn vị",
        RosterField.PositionAndUnit => "Chức vụ, đơn vị",
        RosterField.PartyStatus => "Đảng viên",
        RosterField.PartyJoinDate => "Ngày vào Đảng",
        RosterField.PartyOfficialDate => "Ngày chính thức",
        RosterField.PoliticalTheoryLevel => "Trình độ LLCT",
        RosterField.Note => "Ghi chú",
        _ => field.ToString(),
    };
}
