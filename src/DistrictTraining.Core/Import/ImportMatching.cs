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
internal sealed class ImportMatching(AppDbContext db, int classId, TimeProvider clock)
{
    public const string SameCccd = "Cùng số CCCD";
    public const string SameNameBirthUnit = "Cùng họ tên, ngày sinh và đơn vị";
    public const string SameCccdOtherName = "Cùng số CCCD nhưng khác họ tên";
    public const string SameNameBirthOtherUnit = "Cùng họ tên và ngày sinh, khác đơn vị";
    public const string SameNameBirthYear = "Cùng họ tên và năm sinh";

    private static readonly string[] UnitPrefixes = ["xa ", "phuong ", "thi tran ", "chi bo ", "dang bo ", "dang uy ", "huyen ", "tinh "];

    private Dictionary<string, int> _unitsByKey = new();

    public async Task<IReadOnlyList<ImportPreviewRow>> MatchAsync(IReadOnlyList<RosterRow> rows, CancellationToken cancellationToken)
    {
        await LoadUnitsAsync(cancellationToken);
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
        rows.Where(r => !r.HasErrors && r.UnitName is { Length: > 0 } && UnitIdOf(r) is null)
            .GroupBy(r => r.UnitName!, StringComparer.Ordinal)
            .Select(g => new UnknownUnit(g.Key, g.Count()))
            .OrderByDescending(u => u.Rows)
            .ToList();

    public int? UnitIdOf(RosterRow row) =>
        row.UnitName is { Length: > 0 } name && _unitsByKey.TryGetValue(UnitKey(name), out var id) ? id : null;

    public Trainee NewTrainee(RosterRow row) => new()
    {
        FamilyName = row.FamilyName,
        MiddleName = row.MiddleName,
        GivenName = row.GivenName,
        Sex = row.Sex,
        Birth = row.DateOfBirth,
        Cccd = Cccd.IsWellFormed(row.Cccd) ? row.Cccd : null,
        Ethnicity = Trim(row.Ethnicity, 50),
        Religion = Trim(row.Religion, 50),
        Education = Trim(row.Education, 50),
        Qualification = Trim(row.Qualification, 200),
        Position = Trim(row.Position, 200),
        UnitId = UnitIdOf(row),
        PartyStatus = PartyStatusOf(row),
        PartyJoinDate = row.PartyJoinDate?.Date,
        PartyOfficialDate = row.PartyOfficialDate?.Date,
        TheoryLevel = TheoryLevelOf(row.PoliticalTheoryLevelText),
        Note = Trim(row.Note, 1000),
    };

    private ImportPreviewRow Match(RosterRow row, Dictionary<string, Candidate> byCccd, Dictionary<string, List<Candidate>> byName, HashSet<int> enrolled)
    {
        // Units missing from the catalogue are reported once for the whole file (UnknownUnits), not on every row.
        var warnings = row.Warnings;
        ImportPreviewRow Result(ImportRowKind kind, int? traineeId = null, string? reason = null, IReadOnlyList<ImportCandidate>? candidates = null) =>
            new(row.RowNumber, row.FullName, row.Sex, row.DateOfBirth?.ToString(), row.Cccd, row.UnitName, kind, traineeId, reason,
                candidates ?? [], row.Errors, warnings);

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
        _unitsByKey = new Dictionary<string, int>();
        // Units in force win over abolished ones of the same name.
        foreach (var u in units.OrderBy(u => u.Current))
        {
            _unitsByKey[UnitKey(u.SearchKey)] = u.Id;
        }
    }

    private static string UnitKey(string name)
    {
        var key = VietnameseText.SearchKey(name);
        foreach (var prefix in UnitPrefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return key[prefix.Length..];
            }
        }

        return key;
    }

    private static IQueryable<Candidate> Candidates(IQueryable<Trainee> query) =>
        query.Select(t => new Candidate(t.Id, t.FullName, t.SearchKey, t.DateOfBirth, t.BirthYearOnly, t.Cccd, t.UnitId, t.Unit != null ? t.Unit.Name : null));

    private static PartyStatus PartyStatusOf(RosterRow row)
    {
        var text = VietnameseText.SearchKey(row.PartyStatusText);
        if (text.Contains("du bi", StringComparison.Ordinal))
        {
            return PartyStatus.Probationary;
        }

        if (text.Contains("chinh thuc", StringComparison.Ordinal) || text is "dang vien" or "dv" or "x" || row.PartyOfficialDate is not null)
        {
            return PartyStatus.FullMember;
        }

        return row.PartyJoinDate is not null ? PartyStatus.Probationary : PartyStatus.NonMember;
    }

    private static TheoryLevel TheoryLevelOf(string? text)
    {
        var key = VietnameseText.SearchKey(text);
        return key switch
        {
            _ when key.Contains("cu nhan", StringComparison.Ordinal) => TheoryLevel.Bachelor,
            _ when key.Contains("cao cap", StringComparison.Ordinal) => TheoryLevel.Advanced,
            _ when key.Contains("trung cap", StringComparison.Ordinal) => TheoryLevel.Intermediate,
            _ when key.Contains("so cap", StringComparison.Ordinal) => TheoryLevel.Elementary,
            _ => TheoryLevel.None,
        };
    }

    private static string? Trim(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Length <= max ? text : text[..max];

    private sealed record Candidate(int Id, string FullName, string SearchKey, DateOnly? DateOfBirth, bool BirthYearOnly, string? Cccd, int? UnitId, string? UnitName)
    {
        public ImportCandidate ToCandidate(string reason) =>
            new(Id, FullName, DateOfBirth is { } d ? PartialDate.From(d, BirthYearOnly).ToString() : null, Cccd, UnitName, reason);
    }
}
