using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Import;

/// <summary>
/// Decides, for each row of a commune list, whether it is a new person, a stored trainee, or a possible
/// match a person must decide — never merging silently. Looks everything up in a few set-based queries,
/// so a 5,000-row list costs a handful of round trips.
/// </summary>
internal sealed class ImportMatching(AppDbContext db, int classId, TimeProvider clock, int? fileUnitId = null)
{
    /// <summary>The unit given to rows whose own unit is not in the catalogue (chosen, or proposed from the title lines).</summary>
    public int? FileUnitId { get; set; } = fileUnitId;

    public const string SameCccd = "Cùng số CCCD";
    public const string SameNameBirthUnit = "Cùng họ tên, ngày sinh và đơn vị";
    public const string SameCccdOtherName = "Cùng số CCCD nhưng khác họ tên";
    public const string SameNameBirthOtherUnit = "Cùng họ tên và ngày sinh, khác đơn vị";
    public const string SameNameBirthYear = "Cùng họ tên và năm sinh";

    /// <summary>Words before a unit's own name that lists write or leave out at will ("xã", "Đảng ủy xã", "Chi bộ"…), as search keys.</summary>
    private static readonly string[] UnitPrefixes =
    [
        "dang uy ", "dang bo ", "chi bo ", "uy ban nhan dan ", "ubnd ", "hdnd ", "thi tran ", "thi xa ", "thanh pho ", "tp ", "xa ",
        "phuong ", "huyen ", "quan ", "tinh ",
    ];

    /// <summary>Openings that mark the text after a comma as a unit ("…, xã Cát Hanh"), even one the catalogue does not know.</summary>
    private static readonly string[] UnitOpenings = ["xa ", "phuong ", "thi tran ", "chi bo ", "dang bo ", "dang uy ", "huyen ", "thon ", "to dan pho ", "khu pho "];

    private const int Ambiguous = -1;

    private Dictionary<string, int> _unitsByKey = new();
    private Dictionary<string, int> _unitsByBareKey = new();

    /// <summary>
    /// Loads the unit catalogue and splits position from unit where one cell holds both ("Dân quân thường trực, xã Cát Hanh"
    /// under "Đơn vị"): at a comma when the text after it is a unit, or where a catalogue unit's name ends the text.
    /// Nothing is dropped: a position already in its own column keeps what the unit cell adds to it.
    /// </summary>
    public async Task<IReadOnlyList<RosterRow>> ResolveUnitsAsync(IReadOnlyList<RosterRow> rows, CancellationToken cancellationToken)
    {
        await LoadUnitsAsync(cancellationToken);
        return rows.Select(SplitPositionAndUnit).ToList();
    }

    /// <summary>A unit of the catalogue named by the list's title lines, the lowest (most specific) first: "CHI BỘ THÔN 1" before "ĐẢNG ỦY XÃ CÁT HANH".</summary>
    public int? ProposeUnit(IEnumerable<string> titleLines)
    {
        foreach (var line in titleLines.Reverse())
        {
            var key = VietnameseText.SearchKey(line);
            if (key.Length is 0 or > 120 || key.Contains("danh sach", StringComparison.Ordinal) || key.Contains("cong hoa", StringComparison.Ordinal)
                || key.Contains("doc lap", StringComparison.Ordinal) || key.StartsWith("dang cong san", StringComparison.Ordinal))
            {
                continue;
            }

            if (Find(line) is { } id)
            {
                return id;
            }
        }

        return null;
    }

    public async Task<IReadOnlyList<ImportPreviewRow>> MatchAsync(IReadOnlyList<RosterRow> rows, CancellationToken cancellationToken)
    {
        if (_unitsByKey.Count == 0)
        {
            await LoadUnitsAsync(cancellationToken);
        }

        var valid = rows.Where(r => !r.HasErrors).ToList();
        var cccds = valid.Where(r => Cccd.IsWellFormed(r.Cccd)).Select(r => r.Cccd!).Distinct().ToList();
        var keys = valid.Select(r => VietnameseText.SearchKey(r.FullName)).Distinct().ToList();

        var byCccd = new Dictionary<string, Candidate>();
        foreach (var chunk in cccds.Chunk(1000))
        {
            foreach (var c in await Candidates(db.Trainees.Where(t => t.Cccd != null && chunk.Contains(t.Cccd))).ToListAsync(cancellationToken))
            {
                byCccd[c.Cccd!] = c;
            }
        }

        var byName = new Dictionary<string, List<Candidate>>();
        foreach (var chunk in keys.Chunk(1000))
        {
            foreach (var c in await Candidates(db.Trainees.Where(t => chunk.Contains(t.SearchKey))).ToListAsync(cancellationToken))
            {
                (byName.TryGetValue(c.SearchKey, out var list) ? list : byName[c.SearchKey] = []).Add(c);
            }
        }

        var enrolled = (await db.Enrolments.Where(e => e.ClassId == classId && e.Status == EnrolmentStatus.Active)
            .Select(e => e.TraineeId).ToListAsync(cancellationToken)).ToHashSet();

        return rows.Select(row => Match(row, byCccd, byName, enrolled)).ToList();
    }

    /// <summary>Unit names the file uses that the catalogue does not know, with how many rows use each.</summary>
    public IReadOnlyList<UnknownUnit> UnknownUnits(IEnumerable<RosterRow> rows) =>
        rows.Where(r => !r.HasErrors && r.UnitName is { Length: > 0 } && OwnUnitIdOf(r) is null)
            .GroupBy(r => r.UnitName!, StringComparer.Ordinal)
            .Select(g => new UnknownUnit(g.Key, g.Count()))
            .OrderByDescending(u => u.Rows)
            .ToList();

    /// <summary>The row's own unit from the catalogue, else the unit chosen for the whole file.</summary>
    public int? UnitIdOf(RosterRow row) => OwnUnitIdOf(row) ?? FileUnitId;

    public int? OwnUnitIdOf(RosterRow row) => row.UnitName is { Length: > 0 } name ? Find(name) : null;

    /// <summary>A new trainee from the row, through the same input and rules as the form: nothing truncated.</summary>
    public Trainee NewTrainee(RosterRow row)
    {
        var trainee = new Trainee();
        row.ToInput(UnitIdOf(row)).ApplyTo(trainee, clock.VietnamToday());
        return trainee;
    }

    private RosterRow SplitPositionAndUnit(RosterRow row)
    {
        if (row.UnitName is not { Length: > 0 } text || Find(text) is not null)
        {
            return row;
        }

        var comma = text.LastIndexOf(',');
        if (comma > 0)
        {
            var head = VietnameseText.Clean(text[..comma]);
            var tail = VietnameseText.Clean(text[(comma + 1)..]);
            var tailKey = VietnameseText.SearchKey(tail) + " ";
            if (head.Length > 0 && tail.Length > 0 && (Find(tail) is not null || UnitOpenings.Any(o => tailKey.StartsWith(o, StringComparison.Ordinal))))
            {
                return WithPosition(row, head, tail);
            }
        }

        // No comma: "Chủ tịch Hội Nông dân xã Cát Hanh" splits only where a catalogue unit ends the text.
        var clean = VietnameseText.Clean(text);
        var key = VietnameseText.SearchKey(clean);
        if (key.Length != clean.Length)
        {
            return row;
        }

        for (var i = key.IndexOf(' ', StringComparison.Ordinal); i > 0; i = key.IndexOf(' ', i + 1))
        {
            var tail = clean[(i + 1)..];
            var tailKey = key[(i + 1)..] + " ";
            if (UnitOpenings.Any(o => tailKey.StartsWith(o, StringComparison.Ordinal)) && Find(tail) is not null)
            {
                return WithPosition(row, clean[..i], tail);
            }
        }

        return row;
    }

    private static RosterRow WithPosition(RosterRow row, string position, string unit)
    {
        var combined = row.Position is not { Length: > 0 } own ? position
            : VietnameseText.SearchKey(own).Contains(VietnameseText.SearchKey(position), StringComparison.Ordinal) ? own
            : $"{own}, {position}";
        return row with { Position = combined, UnitName = unit };
    }

    /// <summary>The catalogue unit a name means: by its full name without diacritics, else without "xã", "Đảng ủy"… in front; never a guess between two.</summary>
    private int? Find(string name)
    {
        var key = VietnameseText.SearchKey(name);
        if (_unitsByKey.TryGetValue(key, out var id) || _unitsByBareKey.TryGetValue(BareKey(key), out id))
        {
            return id == Ambiguous ? null : id;
        }

        return null;
    }

    private ImportPreviewRow Match(RosterRow row, Dictionary<string, Candidate> byCccd, Dictionary<string, List<Candidate>> byName, HashSet<int> enrolled)
    {
        // Units missing from the catalogue are reported once for the whole file (UnknownUnits), not on every row.
        var warnings = row.Warnings;
        ImportPreviewRow Result(ImportRowKind kind, int? traineeId = null, string? reason = null, IReadOnlyList<ImportCandidate>? candidates = null) =>
            new(row.RowNumber, row.FullName, row.Sex, row.DateOfBirth?.ToString(), row.Cccd, row.UnitName, kind, traineeId, reason,
                candidates ?? [], row.Errors, warnings)
            {
                Sequence = row.Sequence,
                Position = row.Position,
                CanTakeWithoutDates = row.CanTakeWithoutDates,
                UnitFromFile = FileUnitId is not null && OwnUnitIdOf(row) is null,
            };

        if (row.HasErrors)
        {
            return Result(ImportRowKind.Error);
        }

        var key = VietnameseText.SearchKey(row.FullName);
        ImportPreviewRow Found(Candidate c, string reason) =>
            enrolled.Contains(c.Id) ? Result(ImportRowKind.AlreadyEnrolled, c.Id, reason) : Result(ImportRowKind.Existing, c.Id, reason);

        if (row.Cccd is { } cccd && byCccd.TryGetValue(cccd, out var sameId))
        {
            return sameId.SearchKey == key
                ? Found(sameId, SameCccd)
                : Result(ImportRowKind.PossibleMatch, candidates: [sameId.ToCandidate(SameCccdOtherName)]);
        }

        var unitId = UnitIdOf(row);
        var possible = new List<ImportCandidate>();
        foreach (var c in byName.GetValueOrDefault(key) ?? [])
        {
            // A stored CCCD that differs from the row's says these are two people.
            if (c.Cccd is not null && Cccd.IsWellFormed(row.Cccd) && c.Cccd != row.Cccd)
            {
                continue;
            }

            if (row.DateOfBirth is not { } birth || c.DateOfBirth is null)
            {
                continue;
            }

            var sameDate = !birth.YearOnly && !c.BirthYearOnly && birth.Date == c.DateOfBirth;
            if (sameDate && unitId is not null && c.UnitId == unitId)
            {
                return Found(c, SameNameBirthUnit);
            }

            if (sameDate)
            {
                possible.Add(c.ToCandidate(SameNameBirthOtherUnit));
            }
            else if (birth.Year == c.DateOfBirth.Value.Year && (birth.YearOnly || c.BirthYearOnly))
            {
                possible.Add(c.ToCandidate(SameNameBirthYear));
            }
        }

        // Someone of the same name and birth is on this roster already: importing them again would be a duplicate.
        if (possible.FirstOrDefault(p => enrolled.Contains(p.TraineeId)) is { } onRoster)
        {
            return Result(ImportRowKind.AlreadyEnrolled, onRoster.TraineeId, $"{onRoster.Reason}, đã có trong lớp");
        }

        return possible.Count > 0 ? Result(ImportRowKind.PossibleMatch, candidates: possible) : Result(ImportRowKind.New);
    }

    private async Task LoadUnitsAsync(CancellationToken cancellationToken)
    {
        var today = clock.VietnamToday();
        var units = await db.OrganisationUnits
            .Select(u => new { u.Id, u.SearchKey, Current = (u.ValidFrom == null || u.ValidFrom <= today) && (u.ValidTo == null || u.ValidTo >= today) })
            .ToListAsync(cancellationToken);
        _unitsByKey = Index(units.Select(u => (VietnameseText.SearchKey(u.SearchKey), u.Id, u.Current)));
        _unitsByBareKey = Index(units.Select(u => (BareKey(VietnameseText.SearchKey(u.SearchKey)), u.Id, u.Current)));
    }

    // Units in force win over abolished ones of the same name; two of the same standing make the name ambiguous.
    private static Dictionary<string, int> Index(IEnumerable<(string Key, int Id, bool Current)> units) =>
        units.Where(u => u.Key.Length > 0)
            .GroupBy(u => u.Key, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g =>
                {
                    var best = g.Any(u => u.Current) ? g.Where(u => u.Current).ToList() : g.ToList();
                    return best.Select(u => u.Id).Distinct().Count() == 1 ? best[0].Id : Ambiguous;
                },
                StringComparer.Ordinal);

    private static string BareKey(string key)
    {
        var stripped = true;
        while (stripped)
        {
            stripped = false;
            foreach (var prefix in UnitPrefixes)
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length)
                {
                    key = key[prefix.Length..];
                    stripped = true;
                }
            }
        }

        return key;
    }

    private static IQueryable<Candidate> Candidates(IQueryable<Trainee> query) =>
        query.Select(t => new Candidate(t.Id, t.FullName, t.SearchKey, t.DateOfBirth, t.BirthYearOnly, t.Cccd, t.UnitId, t.Unit != null ? t.Unit.Name : null));

    private sealed record Candidate(int Id, string FullName, string SearchKey, DateOnly? DateOfBirth, bool BirthYearOnly, string? Cccd, int? UnitId, string? UnitName)
    {
        public ImportCandidate ToCandidate(string reason) =>
            new(Id, FullName, DateOfBirth is { } d ? PartialDate.From(d, BirthYearOnly).ToString() : null, Cccd, UnitName, reason);
    }
}
