using System.Text.RegularExpressions;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Trainees;

namespace DistrictTraining.Core.Import;

/// <summary>
/// Turns the rows under a header into <see cref="RosterRow"/>s, one sheet row at a time, and
/// decides where the table ends (signature block, notes, a totals line, a long run of blanks).
/// </summary>
internal sealed partial class RosterTable
{
    private static readonly RosterField[] IdentityFields =
    [
        RosterField.DateOfBirth, RosterField.MaleColumn, RosterField.FemaleColumn, RosterField.BirthDay,
        RosterField.BirthMonth, RosterField.BirthYear, RosterField.Cccd, RosterField.Sex,
    ];

    /// <summary>Columns whose value a vertical merge may give to every row it covers (a unit over its members).</summary>
    private static readonly HashSet<RosterField> FillDownFields =
    [
        RosterField.Ethnicity, RosterField.Religion, RosterField.Education, RosterField.Qualification,
        RosterField.Position, RosterField.UnitName, RosterField.PositionAndUnit, RosterField.PartyStatus,
        RosterField.PoliticalTheoryLevel, RosterField.Note,
    ];

    /// <summary>Openings that no name has: the row closes the list.</summary>
    private static readonly string[] EndPrefixes =
    [
        "nguoi lap", "nguoi ky", "nguoi duyet", "nguoi tong hop", "tm ", "t m ", "tl ", "kt ", "k t ", "thay mat", "ky ten",
        "ky ghi ro", "ky va ghi ro", "xac nhan", "noi nhan", "danh sach nay", "danh sach tren", "danh sach gom", "danh sach co",
        "an dinh danh sach", "duyet cua",
    ];

    /// <summary>Openings a name could share ("Tống Sở…", "Chu Ý…"): they close the list only with a digit or a colon.</summary>
    private static readonly string[] WeakEndPrefixes = ["tong so", "tong cong", "tong", "cong", "ghi chu", "luu y", "chu y", "chu thich"];

    /// <summary>Whole texts of a signature block.</summary>
    private static readonly HashSet<string> EndWholeKeys =
    [
        "tm", "bi thu", "pho bi thu", "chu tich", "pho chu tich", "giam doc", "pho giam doc", "truong ban", "pho truong ban",
        "truong phong", "thu truong don vi", "thu truong co quan", "nguoi lap bieu", "lanh dao don vi",
    ];

    private static readonly HashSet<string> Markers = ["x", "v", "✓", "✔", "√", "•", "*", "+", "true"];

    private readonly HeaderLayout _layout;
    private readonly bool _date1904;
    private readonly DateOnly _today;
    private readonly RosterReadLimits _limits;
    private readonly string _sheetName;
    private readonly Dictionary<RosterField, int> _columns = [];
    private readonly int _nameColumn;
    private readonly HashSet<int> _mappedColumns = [];
    private readonly Dictionary<int, List<MergeRange>> _mergesByFirstRow = [];
    private readonly Dictionary<int, List<MergeRange>> _fillDownMergesByColumn = [];
    private readonly Dictionary<(int Row, int Column), RawCell> _mergeTops = [];
    private readonly Dictionary<string, int> _byCccd = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Row, string? Cccd)> _byNameAndBirth = new(StringComparer.Ordinal);
    private readonly List<RosterRow> _rows = [];
    private int _lastRowNumber;
    private int _blankRun;
    private int _leadingRowsChecked;

    private readonly IReadOnlyList<SourceColumn> _sourceColumns;

    public RosterTable(
        HeaderLayout layout, IReadOnlyList<MergeRange> merges, bool date1904, DateOnly today, RosterReadLimits limits, string sheetName,
        IReadOnlyList<SourceColumn>? sourceColumns = null)
    {
        _sourceColumns = sourceColumns ?? [];
        _layout = layout;
        _date1904 = date1904;
        _today = today;
        _limits = limits;
        _sheetName = sheetName;
        foreach (var column in layout.Columns)
        {
            _columns[column.Field] = column.ColumnNumber;
            _mappedColumns.Add(column.ColumnNumber);
        }

        foreach (var merge in merges)
        {
            if (merge.FirstRow <= layout.LastHeaderRowNumber)
            {
                continue;
            }

            if (!_mergesByFirstRow.TryGetValue(merge.FirstRow, out var starting))
            {
                _mergesByFirstRow[merge.FirstRow] = starting = [];
            }

            starting.Add(merge);
            if (merge.LastRow == merge.FirstRow)
            {
                continue;
            }

            foreach (var column in layout.Columns)
            {
                if (FillDownFields.Contains(column.Field) && column.ColumnNumber >= merge.FirstColumn && column.ColumnNumber <= merge.LastColumn)
                {
                    if (!_fillDownMergesByColumn.TryGetValue(column.ColumnNumber, out var list))
                    {
                        _fillDownMergesByColumn[column.ColumnNumber] = list = [];
                    }

                    list.Add(merge);
                }
            }
        }

        _nameColumn = Column(RosterField.FullName) ?? Column(RosterField.FamilyAndMiddleName) ?? Column(RosterField.GivenName) ?? 0;
        _lastRowNumber = layout.LastHeaderRowNumber;
    }

    public IReadOnlyList<RosterRow> Rows => _rows;

    public bool Ended { get; private set; }

    [GeneratedRegex(@"^\(?[0-9A-Za-z]{1,2}\)?$")]
    private static partial Regex ColumnNumbering();

    [GeneratedRegex(@"^([IVXL]+|[A-Z])[.)]?$")]
    private static partial Regex SectionNumbering();

    [GeneratedRegex(@"(^| )ngay \d+ thang \d+ nam \d+")]
    private static partial Regex PlaceAndDateLine();

    /// <summary>Takes the next sheet row; returns false once the table has ended.</summary>
    public bool Accept(SheetRow row)
    {
        if (Ended)
        {
            return false;
        }

        if (row.Number <= _lastRowNumber)
        {
            return true; // rows out of order are not something Excel writes; ignore repeats
        }

        _blankRun += row.Number - _lastRowNumber - 1;
        _lastRowNumber = row.Number;
        if (_blankRun >= _limits.BlankRowsEndingTable && !row.IsEmpty)
        {
            Ended = true;
            return false;
        }

        RememberMergeTops(row);
        var own = row.Cells.Where(c => IsMapped(c.Column) && c.Column != Column(RosterField.SequenceNumber)).ToList();
        if (own.Count == 0)
        {
            if (row.Cells.Any(c => c.Kind == RawCellKind.Text && IsEndMarker(c.Text)))
            {
                Ended = true;
                return false;
            }

            _blankRun++;
            if (_blankRun >= _limits.BlankRowsEndingTable)
            {
                Ended = true;
                return false;
            }

            return true;
        }

        _blankRun = 0;
        if (_leadingRowsChecked++ < 2 && IsColumnNumbering(row))
        {
            return true;
        }

        var name = NameText(row);
        var hasIdentity = IdentityFields.Any(f => Get(row, f, fillDown: false) is { } cell && LooksLikeData(cell));
        if (name.Length == 0 || IsEndMarker(name))
        {
            if (row.Cells.Any(c => c.Kind == RawCellKind.Text && IsEndMarker(c.Text)))
            {
                Ended = true;
                return false;
            }

            if (name.Length == 0 && hasIdentity)
            {
                Add(Build(row));
                return true;
            }

            if (IsSectionRow(row))
            {
                return true;
            }

            if (name.Length == 0 && own.Count >= 2)
            {
                Add(Build(row));
                return true;
            }

            Ended = true;
            return false;
        }

        if (!hasIdentity && (IsSectionRow(row) || name.Any(char.IsAsciiDigit)))
        {
            return true; // "I. Chi bộ thôn 1" and the like: a group title inside the table
        }

        Add(Build(row));
        return true;
    }

    private void Add(RosterRow row)
    {
        _rows.Add(row);
        if (_rows.Count > _limits.MaxRows)
        {
            throw new RosterRefusalException(RosterRefusal.TooManyRows, RosterMessages.TooManyRows(_limits.MaxRows, _sheetName));
        }
    }

    private RosterRow Build(SheetRow row)
    {
        var problems = new List<(string? Field, string Message)>();
        var warnings = new List<string>();

        var (family, middle, given, nameReported) = ReadName(row, problems);
        var (sex, dateOfBirth) = ReadSexAndBirth(row, problems, warnings);
        var cccd = ReadCccd(row, sex, dateOfBirth?.Year, problems, warnings);
        if (Cccd.IsWellFormed(cccd))
        {
            warnings.AddRange(Cccd.CrossCheck(cccd, sex, dateOfBirth?.Year));
        }

        var position = Text(row, RosterField.Position);
        var unit = Text(row, RosterField.UnitName);
        if (Text(row, RosterField.PositionAndUnit) is { } both)
        {
            var comma = both.LastIndexOf(',');
            var (p, u) = comma > 0 ? (VietnameseText.Clean(both[..comma]), VietnameseText.Clean(both[(comma + 1)..])) : (both, string.Empty);
            position ??= p.Length > 0 ? p : null;
            unit ??= u.Length > 0 ? u : null;
        }

        var (joinText, joinDate) = ReadPartyDate(row, RosterField.PartyJoinDate, "Ngày vào Đảng", nameof(TraineeInput.PartyJoinDate), problems);
        var (officialText, officialDate) = ReadPartyDate(row, RosterField.PartyOfficialDate, "Ngày chính thức", nameof(TraineeInput.PartyOfficialDate), problems);

        var result = new RosterRow
        {
            RowNumber = row.Number,
            Sequence = Column(RosterField.SequenceNumber) is { } sequence ? row.Get(sequence)?.DisplayText(_date1904) : null,
            SourceCells = _sourceColumns.Select(c => row.Get(c.ColumnNumber)?.DisplayText(_date1904) ?? string.Empty).ToList(),
            FamilyName = family,
            MiddleName = middle,
            GivenName = given,
            Sex = sex,
            DateOfBirth = dateOfBirth,
            Cccd = cccd,
            Ethnicity = Text(row, RosterField.Ethnicity),
            Religion = Text(row, RosterField.Religion),
            Education = Text(row, RosterField.Education),
            Qualification = Text(row, RosterField.Qualification),
            Position = position,
            UnitName = unit,
            PartyStatusText = Text(row, RosterField.PartyStatus),
            PartyJoinDateText = joinText,
            PartyJoinDate = joinDate,
            PartyOfficialDateText = officialText,
            PartyOfficialDate = officialDate,
            PoliticalTheoryLevelText = Text(row, RosterField.PoliticalTheoryLevel),
            Note = Text(row, RosterField.Note),
        };

        // The one set of trainee rules, as the form applies them; a name the reader already refused is not refused twice.
        foreach (var error in TraineeRules.Check(result.ToInput(unitId: null), _today))
        {
            var aboutName = error.Field is nameof(TraineeInput.FamilyName) or nameof(TraineeInput.MiddleName) or nameof(TraineeInput.GivenName);
            if (!(nameReported && aboutName) && !problems.Any(p => p.Message == error.Message))
            {
                problems.Add((error.Field, error.Message));
            }
        }

        var duplicates = new List<string>();
        CheckDuplicates(result, duplicates);
        problems.AddRange(duplicates.Select(d => ((string?)null, d)));

        var dateProblems = problems.Where(p => p.Field is { } f && TraineeRules.DateFields.Contains(f)).ToList();
        return result with
        {
            Errors = problems.Select(p => p.Message).ToList(),
            DateErrors = dateProblems.Select(p => p.Message).ToList(),
            BadDateFields = dateProblems.Select(p => p.Field!).ToHashSet(StringComparer.Ordinal),
            Warnings = warnings,
        };
    }

    private (string Family, string Middle, string Given, bool Reported) ReadName(SheetRow row, List<(string? Field, string Message)> problems)
    {
        string family, middle, given;
        if (Column(RosterField.FullName) is not null)
        {
            var full = Text(row, RosterField.FullName) ?? string.Empty;
            (family, middle, given) = VietnameseText.SplitFullName(IsAllUpper(full) ? VietnameseText.TitleCase(full) : full);
        }
        else
        {
            var familyAndMiddle = Text(row, RosterField.FamilyAndMiddleName) ?? string.Empty;
            var middleOnly = Text(row, RosterField.MiddleName) ?? string.Empty;
            given = Text(row, RosterField.GivenName) ?? string.Empty;
            if (IsAllUpper(familyAndMiddle + middleOnly + given))
            {
                familyAndMiddle = VietnameseText.TitleCase(familyAndMiddle);
                middleOnly = VietnameseText.TitleCase(middleOnly);
                given = VietnameseText.TitleCase(given);
            }

            if (Column(RosterField.MiddleName) is not null)
            {
                (family, middle) = (familyAndMiddle, middleOnly);
            }
            else
            {
                var space = familyAndMiddle.IndexOf(' ', StringComparison.Ordinal);
                (family, middle) = space < 0 ? (familyAndMiddle, string.Empty) : (familyAndMiddle[..space], familyAndMiddle[(space + 1)..]);
            }
        }

        var fullName = VietnameseText.Clean($"{family} {middle} {given}");
        var nameCells = new[] { RosterField.FullName, RosterField.FamilyAndMiddleName, RosterField.MiddleName, RosterField.GivenName }
            .Select(f => Get(row, f, fillDown: false)).Where(c => c is { Raw: not null }).Select(c => c!.Value.Raw!).ToList();
        string? problem = null;
        if (fullName.Length == 0)
        {
            problem = "Thiếu họ tên.";
        }
        else if (nameCells.Select(raw => TraineeRules.NameProblem(raw, "Họ tên")).FirstOrDefault(p => p is not null) is { } hidden)
        {
            problem = hidden; // characters the reader removed: the clerk must see and fix them
        }
        else if (given.Length == 0)
        {
            problem = $"Thiếu tên: \"{fullName}\" chỉ có họ và tên đệm.";
        }
        else if (family.Length == 0)
        {
            problem = $"Họ tên chỉ có một từ: \"{fullName}\"; cần ghi đủ họ và tên.";
        }

        if (problem is not null)
        {
            problems.Add((nameof(TraineeInput.FamilyName), problem));
        }

        return (family, middle, given, problem is not null);
    }

    private (Sex? Sex, PartialDate? DateOfBirth) ReadSexAndBirth(SheetRow row, List<(string? Field, string Message)> problems, List<string> warnings)
    {
        Sex? sex = null;
        if (Get(row, RosterField.Sex) is { } sexCell)
        {
            sex = RosterHeaders.Key(sexCell.DisplayText(_date1904)) switch
            {
                "nam" or "nam gioi" or "m" or "male" => Common.Sex.Male,
                "nu" or "nu gioi" or "f" or "female" => Common.Sex.Female,
                _ => null,
            };
            if (sex is null)
            {
                warnings.Add($"Giới tính không rõ: {sexCell.DisplayText(_date1904)}.");
            }
        }

        RawCell? dateCell = null;
        var male = Get(row, RosterField.MaleColumn, fillDown: false);
        var female = Get(row, RosterField.FemaleColumn, fillDown: false);
        if (male is not null && female is not null)
        {
            problems.Add((null, "Có dữ liệu ở cả cột Nam và cột Nữ; không xác định được giới tính và ngày sinh."));
        }
        else if ((male ?? female) is { } split)
        {
            var splitSex = male is not null ? Common.Sex.Male : Common.Sex.Female;
            if (sex is not null && sex != splitSex)
            {
                warnings.Add(splitSex == Common.Sex.Male
                    ? "Cột Giới tính ghi Nữ nhưng dữ liệu nằm ở cột Nam."
                    : "Cột Giới tính ghi Nam nhưng dữ liệu nằm ở cột Nữ.");
            }

            sex ??= splitSex;
            if (!IsMarker(split))
            {
                dateCell = split;
            }
        }

        dateCell = Get(row, RosterField.DateOfBirth, fillDown: false) ?? dateCell;

        PartialDate? dateOfBirth = null;
        DateReadStatus? status = null;
        var display = string.Empty;
        PartialDate value;
        if (dateCell is { } cell)
        {
            status = RosterDates.Read(cell, _date1904, _today, out value, out display);
        }
        else if (Column(RosterField.BirthYear) is not null
            && (Get(row, RosterField.BirthDay, false) ?? Get(row, RosterField.BirthMonth, false) ?? Get(row, RosterField.BirthYear, false)) is not null)
        {
            status = RosterDates.Compose(
                Get(row, RosterField.BirthDay, false), Get(row, RosterField.BirthMonth, false), Get(row, RosterField.BirthYear, false),
                _date1904, _today, out value, out display);
        }
        else
        {
            value = default;
        }

        if (status == DateReadStatus.Ok)
        {
            dateOfBirth = value;
        }
        else if (status is { } failed)
        {
            problems.Add((nameof(TraineeInput.Birth), RosterDates.Message("Ngày sinh", failed, display)));
        }
        else if (HasBirthColumns() && problems.Count == 0)
        {
            warnings.Add("Thiếu ngày sinh.");
        }

        return (sex, dateOfBirth);
    }

    private bool HasBirthColumns() =>
        Column(RosterField.DateOfBirth) is not null || Column(RosterField.BirthYear) is not null
        || (Column(RosterField.MaleColumn) is not null && _layout.Columns.Any(c => c.Field == RosterField.MaleColumn && c.Label.StartsWith("Ngày", StringComparison.Ordinal)));

    /// <summary>
    /// The CCCD cell: text goes through the trainee rule (12 digits, spaces, dots, dashes between); a number of 9–11
    /// digits lost its leading zeros in Excel and gets them back only when the padded ID agrees with the sex and
    /// birth year beside it; otherwise the row says why the number is doubtful.
    /// </summary>
    private string? ReadCccd(SheetRow row, Sex? sex, int? birthYear, List<(string? Field, string Message)> problems, List<string> warnings)
    {
        if (Get(row, RosterField.Cccd, fillDown: false) is not { } cell)
        {
            return null;
        }

        if (cell.IsNumber && cell.Number == Math.Floor(cell.Number) && cell.Number > 0 && cell.Number < 1e12)
        {
            var digits = RawCell.FormatNumber(cell.Number);
            if (digits.Length == 12)
            {
                return digits;
            }

            if (digits.Length is >= 9 and <= 11)
            {
                var padded = digits.PadLeft(12, '0');
                var doubt = PaddedCccdDoubt(padded, sex, birthYear);
                if (doubt is null)
                {
                    warnings.Add($"Số CCCD được lưu dạng số nên mất số 0 ở đầu ({digits}); đã đọc thành {padded}, khớp giới tính và năm sinh.");
                    return padded;
                }

                problems.Add((nameof(TraineeInput.Cccd),
                    $"Số CCCD {digits} được lưu dạng số nên mất số 0 ở đầu; thêm lại thành {padded} thì {doubt}, nên không chắc đúng số. "
                    + "Hãy sửa ô CCCD thành dạng văn bản, đủ 12 chữ số."));
                return digits;
            }

            problems.Add((nameof(TraineeInput.Cccd), $"{TraineeInputParser.CccdFormatMessage} Ô CCCD ghi: {digits}."));
            return digits;
        }

        var text = cell.DisplayText(_date1904);
        if (!TraineeInputParser.TryParseCccd(text, out var cccd, out var error))
        {
            problems.Add((nameof(TraineeInput.Cccd), $"{error} Ô CCCD ghi: {text}."));
            return Cccd.Normalize(text);
        }

        return cccd;
    }

    private static string? PaddedCccdDoubt(string padded, Sex? sex, int? birthYear)
    {
        if (Cccd.Decode(padded) is not { } decoded)
        {
            return "chữ số thứ 4 không mã hóa giới tính và thế kỷ hợp lệ";
        }

        if (sex is null && birthYear is null)
        {
            return "không có giới tính và năm sinh để đối chiếu";
        }

        var mismatches = new List<string>();
        if (sex is not null && sex != decoded.Sex)
        {
            mismatches.Add($"giới tính theo CCCD là {(decoded.Sex == Sex.Male ? "Nam" : "Nữ")}");
        }

        if (birthYear is not null && birthYear != decoded.BirthYear)
        {
            mismatches.Add($"năm sinh theo CCCD là {decoded.BirthYear}, khác {birthYear}");
        }

        return mismatches.Count == 0 ? null : "không khớp: " + string.Join("; ", mismatches);
    }

    private (string? Text, PartialDate? Date) ReadPartyDate(SheetRow row, RosterField field, string what, string inputField, List<(string? Field, string Message)> problems)
    {
        if (Get(row, field, fillDown: false) is not { } cell)
        {
            return (null, null);
        }

        var status = RosterDates.Read(cell, _date1904, _today, out var value, out var display);
        if (status == DateReadStatus.Ok)
        {
            return (display, value);
        }

        problems.Add((inputField, RosterDates.Message(what, status, display)));
        return (display, null);
    }

    private void CheckDuplicates(RosterRow row, List<string> errors)
    {
        if (row.Cccd is { Length: >= 9 } cccd)
        {
            if (_byCccd.TryGetValue(cccd, out var first))
            {
                errors.Add($"Trùng với dòng {first} trong tệp (cùng số CCCD).");
                return;
            }

            _byCccd[cccd] = row.RowNumber;
        }

        if (row.DateOfBirth is { } dob && row.GivenName.Length > 0)
        {
            // Same name and birth date, unless both rows carry valid IDs that differ: namesakes born the same day.
            var key = $"{row.FullName.ToLower(VietnameseText.Culture)}|{dob}";
            if (_byNameAndBirth.TryGetValue(key, out var first)
                && !(Cccd.IsWellFormed(first.Cccd) && Cccd.IsWellFormed(row.Cccd) && first.Cccd != row.Cccd))
            {
                errors.Add($"Trùng với dòng {first.Row} trong tệp (cùng họ tên và ngày sinh).");
                return;
            }

            _byNameAndBirth.TryAdd(key, (row.RowNumber, row.Cccd));
        }
    }

    private string NameText(SheetRow row)
    {
        var parts = new[] { RosterField.FullName, RosterField.FamilyAndMiddleName, RosterField.MiddleName, RosterField.GivenName }
            .Select(f => Get(row, f, fillDown: false)?.DisplayText(_date1904))
            .Where(t => !string.IsNullOrEmpty(t));
        return VietnameseText.Clean(string.Join(' ', parts));
    }

    private bool IsColumnNumbering(SheetRow row) =>
        row.Cells.Count >= 2 && row.Get(_nameColumn) is not null
        && row.Cells.All(c => ColumnNumbering().IsMatch(c.DisplayText(_date1904)));

    /// <summary>
    /// A group title inside the table ("I. ĐẢNG BỘ XÃ …", "II", "A."): a one-row merge at least three
    /// columns wide over the name column, or a roman numeral or single letter in the STT column.
    /// </summary>
    private bool IsSectionRow(SheetRow row)
    {
        if (_mergesByFirstRow.TryGetValue(row.Number, out var starting)
            && starting.Any(m => m.Width >= 3 && m.LastRow == m.FirstRow && m.FirstColumn <= _nameColumn && m.LastColumn >= _nameColumn))
        {
            return true;
        }

        return Column(RosterField.SequenceNumber) is { } sequence && row.Get(sequence) is { Kind: RawCellKind.Text } label
            && SectionNumbering().IsMatch(label.Text);
    }

    /// <summary>A value a trainee row would hold in a birth, sex or ID column: a number, digits, Nam/Nữ or a tick.</summary>
    private static bool LooksLikeData(RawCell cell) =>
        cell.Kind is RawCellKind.Number or RawCellKind.Boolean || cell.Text.Any(char.IsAsciiDigit) || IsMarker(cell)
        || RosterHeaders.Key(cell.Text) is "nam" or "nu";

    private static bool IsMarker(RawCell cell) =>
        cell.Kind == RawCellKind.Boolean || (cell.Kind == RawCellKind.Text && Markers.Contains(cell.Text.ToLowerInvariant()));

    private static bool IsAllUpper(string text) =>
        text.Any(char.IsLetter) && !text.Any(char.IsLower);

    /// <summary>Signature blocks, totals and notes that close a list: "Người lập biểu", "TM. ĐẢNG ỦY", "Tổng số: 25"…</summary>
    internal static bool IsEndMarker(string text)
    {
        var key = RosterHeaders.Key(text);
        if (key.Length == 0)
        {
            return false;
        }

        if (EndWholeKeys.Contains(key) || PlaceAndDateLine().IsMatch(key))
        {
            return true;
        }

        var spaced = key + " ";
        if (EndPrefixes.Any(p => spaced.StartsWith(p, StringComparison.Ordinal)))
        {
            return true;
        }

        return (text.Contains(':', StringComparison.Ordinal) || key.Any(char.IsAsciiDigit))
            && WeakEndPrefixes.Any(p => spaced.StartsWith(p + " ", StringComparison.Ordinal));
    }

    private bool IsMapped(int column) => _mappedColumns.Contains(column);

    private int? Column(RosterField field) => _columns.TryGetValue(field, out var column) ? column : null;

    private string? Text(SheetRow row, RosterField field)
    {
        var text = Get(row, field)?.DisplayText(_date1904);
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private RawCell? Get(SheetRow row, RosterField field, bool fillDown = true)
    {
        if (Column(field) is not { } column)
        {
            return null;
        }

        if (row.Get(column) is { } cell)
        {
            return cell;
        }

        if (!fillDown || !_fillDownMergesByColumn.TryGetValue(column, out var merges))
        {
            return null;
        }

        foreach (var merge in merges)
        {
            if (merge.FirstRow < row.Number && merge.Contains(row.Number, column)
                && _mergeTops.TryGetValue((merge.FirstRow, merge.FirstColumn), out var top))
            {
                return top;
            }
        }

        return null;
    }

    private void RememberMergeTops(SheetRow row)
    {
        if (!_mergesByFirstRow.TryGetValue(row.Number, out var starting))
        {
            return;
        }

        foreach (var merge in starting)
        {
            if (merge.LastRow > merge.FirstRow && row.Get(merge.FirstColumn) is { } top)
            {
                _mergeTops[(merge.FirstRow, merge.FirstColumn)] = top;
            }
        }
    }
}
