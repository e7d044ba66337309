using System.Diagnostics;
using System.Globalization;
using DistrictTraining.Core.Cadres;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Core.Trainees;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Bench;

/// <summary>How big a province to generate. The defaults are ten years of a province: about 300,000 people and 1,000,000 enrolments.</summary>
public sealed record ProvinceOptions
{
    /// <summary>Districts before the 2025 reorganisation, each with its political centre.</summary>
    public int Centres { get; init; } = 10;

    public int CommunesPerDistrict { get; init; } = 15;

    public int Trainees { get; init; } = 300_000;

    /// <summary>About this many enrolments: classes hold 30–90 trainees, 60 on average.</summary>
    public int Enrolments { get; init; } = 1_000_000;

    public int FirstYear { get; init; } = 2016;

    public int LastYear { get; init; } = 2025;

    public int Seed { get; init; } = 20251122;

    /// <summary>When set, accounts "tinh" (provincial office), "lanhdao" (committee official of the first centre) and "quantri" (its administrator) with this password.</summary>
    public string? Password { get; init; }
}

/// <summary>What was generated, with the numbers a report of the first centre must show (to check the reports against).</summary>
public sealed record ProvinceSummary(
    int Units,
    int Trainees,
    int Classes,
    int Sessions,
    int Enrolments,
    int Results,
    int Certificates,
    int FirstCentreId,
    IReadOnlyDictionary<int, (int HeldClasses, int Trainees)> FirstCentreByYear,
    TimeSpan Elapsed);

/// <summary>
/// Generates ten years of a province for load runs, into an empty database:
/// <code>
///   province --provider Sqlite|PostgreSQL --connection "..." [--trainees 300000] [--enrolments 1000000]
///            [--centres 10] [--communes 15] [--first-year 2016] [--last-year 2025] [--seed N] [--password P]
/// </code>
/// The province has one district per centre, each with its communes; on 01/07/2025 the districts end and
/// their communes are merged three into one, as in the 2025 reorganisation (records before the merge
/// stay under the old communes' names). Each centre runs its share of classes each year across the
/// programmes (awareness, new members, elementary theory, Party work, defence, resolutions), with a
/// timetable, rosters (3% withdrawn, 3% of classes cancelled), results by the default grade bands,
/// certificates numbered per centre and year, an annual plan and people sent to higher-level training.
/// Commune Party-committee members (15 per new commune, one the secretary) carry theory levels for the
/// cadre report. The same seed gives the same data on both providers.
/// <para>
/// Small reference data goes through EF Core; the large tables (trainees, classes, sessions,
/// enrolments, results, certificates) through <see cref="BulkWriter"/>: binary COPY on PostgreSQL,
/// one prepared INSERT in large transactions on SQLite. No audit lines are written for generated rows.
/// </para>
/// </summary>
public static class ProvinceDataset
{
    private static readonly DateOnly MergeDay = new(2025, 7, 1);
    private static readonly string[] Districts = ["Phù Cát", "Phù Mỹ", "Tây Sơn", "Hoài Nhơn", "Hoài Ân", "An Lão", "Vân Canh", "Vĩnh Thạnh", "Tuy Phước", "An Nhơn", "Quy Nhơn", "Vĩnh Sơn"];
    private static readonly string[] Syllables = ["An", "Bình", "Chánh", "Hanh", "Hải", "Hiệp", "Hòa", "Khánh", "Lâm", "Minh", "Nhơn", "Sơn", "Tài", "Tân", "Thành", "Thắng", "Trinh", "Tường", "Phong", "Lộc"];
    private static readonly string[] Family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lương", "Mai"];
    private static readonly string[] Middle = ["Văn", "Thị", "Hữu", "Đức", "Thị Ngọc", "Minh", "Quốc", "Thanh", "Xuân", "Công", "Thị Thu", "Ngọc", "Hoàng", "Kim"];
    private static readonly string[] Given = ["An", "Ánh", "Ân", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hạnh", "Hải", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Việt", "Yến"];

    // Programmes a district centre runs, with their share of its classes.
    private static readonly (string Code, int Weight)[] Mix = [("NTD", 30), ("DVM", 18), ("SC", 8), ("NVD", 8), ("NVTG", 6), ("QPAN", 12), ("NQ", 18)];

    public static async Task<int> RunAsync(string[] args)
    {
        var o = Seeder.Options(args);
        int Int(string key, int fallback) => o.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var defaults = new ProvinceOptions();
        var options = new ProvinceOptions
        {
            Centres = Int("centres", defaults.Centres),
            CommunesPerDistrict = Int("communes", defaults.CommunesPerDistrict),
            Trainees = Int("trainees", defaults.Trainees),
            Enrolments = Int("enrolments", defaults.Enrolments),
            FirstYear = Int("first-year", defaults.FirstYear),
            LastYear = Int("last-year", defaults.LastYear),
            Seed = Int("seed", defaults.Seed),
            Password = o.GetValueOrDefault("password"),
        };
        var provider = Enum.Parse<DatabaseProvider>(o.GetValueOrDefault("provider", "Sqlite"), ignoreCase: true);
        var summary = await GenerateAsync(provider, o["connection"], options, Console.Error);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{summary.Trainees:N0} trainees, {summary.Classes:N0} classes, {summary.Sessions:N0} sessions, {summary.Enrolments:N0} enrolments, "
            + $"{summary.Results:N0} results, {summary.Certificates:N0} certificates in {summary.Elapsed.TotalSeconds:N0} s"));
        return 0;
    }

    public static async Task<ProvinceSummary> GenerateAsync(DatabaseProvider provider, string connectionString, ProvinceOptions options, TextWriter log)
    {
        if (options.Centres is < 1 or > 12 || options.CommunesPerDistrict < 3 || options.LastYear < options.FirstYear || options.Trainees < options.Centres * options.CommunesPerDistrict * 15)
        {
            throw new ArgumentException("1–12 centres, at least 3 communes each, at least 15 trainees per commune, and a year range.");
        }

        var clock = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DataServiceCollectionExtensions.Configure(builder, provider, connectionString, Path.GetTempPath());

        // ------------------------------------------------------------------ reference data, through EF Core
        List<ProgrammeInfo> programmes;
        List<CentreInfo> centres = [];
        int unitCount;
        await using (var db = AppDbContext.Create(provider, builder.Options))
        {
            await db.Database.MigrateAsync();
            if (await db.Trainees.AnyAsync() || await db.TrainingClasses.AnyAsync())
            {
                throw new InvalidOperationException("The database already holds trainees or classes: generate into an empty database.");
            }

            if (!await db.Programmes.AnyAsync())
            {
                db.Programmes.AddRange(ProgrammeCatalogue.Create());
                await db.SaveChangesAsync();
            }

            programmes = (await db.Programmes.Include(p => p.GradeBands).ToListAsync())
                .Where(p => Mix.Any(m => m.Code == p.Code))
                .Select(p => new ProgrammeInfo(p.Id, p.Code, p.TypicalDays ?? 2, p.Assessment, p.Certificate, p.ValidityMonths, p.PassScore,
                    [.. p.GradeBands.OrderByDescending(b => b.MinScore).Select(b => (b.MinScore, b.Name))], Mix.Single(m => m.Code == p.Code).Weight))
                .ToList();

            var province = new OrganisationUnit { Name = "Tỉnh Bình Định", Kind = UnitKind.Province };
            db.OrganisationUnits.Add(province);
            var lastOld = MergeDay.AddDays(-1);
            for (var d = 0; d < options.Centres; d++)
            {
                var district = new OrganisationUnit { Name = "Huyện " + Districts[d], Kind = UnitKind.District, Parent = province, ValidTo = lastOld };
                var old = Enumerable.Range(0, options.CommunesPerDistrict)
                    .Select(c => new OrganisationUnit { Name = $"Xã {Prefix(d)} {Syllables[c % Syllables.Length]}{(c >= Syllables.Length ? " " + ((c / Syllables.Length) + 1) : "")}", Kind = UnitKind.Commune, Parent = district })
                    .ToList();
                var merged = old.Chunk(3)
                    .Select((group, g) => new OrganisationUnit { Name = $"Xã {Districts[d]} {g + 1}", Kind = UnitKind.Commune, Parent = province, ValidFrom = MergeDay })
                    .ToList();
                for (var c = 0; c < old.Count; c++)
                {
                    old[c].MergeInto(merged[c / 3], lastOld);
                }

                var centre = new TrainingCentre
                {
                    Name = "Trung tâm Chính trị huyện " + Districts[d],
                    ParentBodyName = ("Huyện ủy " + Districts[d]).ToUpper(VietnameseText.Culture),
                    PlaceName = Districts[d],
                    HostUnit = district,
                };
                foreach (var unit in old)
                {
                    centre.ServedUnits.Add(new CentreServedUnit { Unit = unit, ServedTo = lastOld });
                }

                foreach (var unit in merged)
                {
                    centre.ServedUnits.Add(new CentreServedUnit { Unit = unit, ServedFrom = MergeDay });
                }

                var lecturers = Enumerable.Range(0, 10).Select(i => new Lecturer
                {
                    FamilyName = Pick(random, Family), MiddleName = Pick(random, Middle), GivenName = Pick(random, Given),
                    Kind = i < 4 ? LecturerKind.FullTime : LecturerKind.PartTime,
                    Position = i < 4 ? "Giảng viên chuyên trách" : "Báo cáo viên kiêm chức",
                }).ToList();
                db.AddRange(district);
                db.OrganisationUnits.AddRange(old);
                db.OrganisationUnits.AddRange(merged);
                db.TrainingCentres.Add(centre);
                centres.Add(new CentreInfo(centre, old, merged, lecturers));
            }

            await db.SaveChangesAsync();
            foreach (var centre in centres)
            {
                centre.Lecturers.ForEach(l => l.CentreId = centre.Centre.Id);
                db.Lecturers.AddRange(centre.Lecturers);
            }

            await db.SaveChangesAsync();
            unitCount = await db.OrganisationUnits.CountAsync();
            if (options.Password is { } password)
            {
                await AccountsAsync(db, centres[0].Centre.Id, password);
            }
        }

        log.WriteLine($"reference data: {unitCount} units, {centres.Count} centres ({clock.Elapsed.TotalSeconds:N0} s)");

        await using var bulk = await BulkWriter.OpenAsync(provider, connectionString);
        var now = new DateTime(options.LastYear + 1, 1, 15, 1, 0, 0, DateTimeKind.Utc);
        var today = TimeProvider.System.VietnamToday();

        // ------------------------------------------------------------------ trainees
        // Each person lives in a commune of one district; the registry has today's unit (the merged
        // commune), enrolments before the merge the old one.
        var oldUnit = new int[options.Trainees + 1];
        var newUnit = new int[options.Trainees + 1];
        var byCentre = centres.Select(_ => new List<int>()).ToArray();
        var committee = new Dictionary<int, int>();
        var nameKeys = new Dictionary<(string, string, string), PersonNameKeys>();
        var traineeRow = new object?[TraineeColumns.Length];
        var trainees = bulk.Write("Trainees", TraineeColumns, Enumerable.Range(1, options.Trainees).Select(id =>
        {
            var c = id % centres.Count;
            var centre = centres[c];
            var old = centre.Old[random.Next(centre.Old.Count)];
            var current = centre.Merged[centre.Old.IndexOf(old) / 3];
            (oldUnit[id], newUnit[id]) = (old.Id, current.Id);
            byCentre[c].Add(id);

            var seat = committee.GetValueOrDefault(current.Id);
            var role = seat switch
            {
                0 => CommitteeRole.Secretary,
                1 or 2 => CommitteeRole.DeputySecretary,
                < 6 => CommitteeRole.StandingMember,
                < 15 => CommitteeRole.CommitteeMember,
                _ => CommitteeRole.None,
            };
            committee[current.Id] = seat + 1;
            var roll = random.NextDouble();
            var level = role switch
            {
                CommitteeRole.Secretary => roll < 0.85 ? (roll < 0.15 ? TheoryLevel.Advanced : TheoryLevel.Intermediate) : TheoryLevel.Elementary,
                CommitteeRole.None => roll < 0.5 ? TheoryLevel.None : roll < 0.9 ? TheoryLevel.Elementary : roll < 0.98 ? TheoryLevel.Intermediate : TheoryLevel.Advanced,
                _ => roll < 0.55 ? (roll < 0.08 ? TheoryLevel.Advanced : TheoryLevel.Intermediate) : TheoryLevel.Elementary,
            };
            var female = random.Next(2) == 1;
            var family = Pick(random, Family);
            var middle = female && random.Next(3) > 0 ? "Thị" : Pick(random, Middle);
            var given = Pick(random, Given);
            if (!nameKeys.TryGetValue((family, middle, given), out var keys))
            {
                keys = VietnameseText.PersonName(family, middle, given);
                nameKeys[(family, middle, given)] = keys;
            }

            var birthYear = 1960 + random.Next(45);
            var party = role != CommitteeRole.None ? PartyStatus.FullMember : (PartyStatus)random.Next(3);
            var r = traineeRow;
            r[0] = id; r[1] = keys.Family; r[2] = keys.Middle; r[3] = keys.Given; r[4] = keys.Full; r[5] = keys.SearchKey; r[6] = keys.SortKey;
            r[7] = (int)(female ? Sex.Female : Sex.Male); r[8] = new DateOnly(birthYear, 1 + random.Next(12), 1 + random.Next(28)); r[9] = false;
            r[10] = string.Create(CultureInfo.InvariantCulture, $"{52 + (id / 1_000_000):000}{(birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0)}{birthYear % 100:00}{id % 1_000_000:000000}");
            r[11] = "Kinh"; r[12] = random.Next(20) == 0 ? "Phật giáo" : "Không"; r[13] = "12/12";
            r[14] = role != CommitteeRole.None ? "Cấp ủy viên" : null; r[15] = null; r[16] = current.Id; r[17] = (int)party;
            r[18] = party == PartyStatus.NonMember ? null : new DateOnly(birthYear + 25, 3, 1); r[19] = party == PartyStatus.FullMember ? new DateOnly(birthYear + 26, 3, 1) : null;
            r[20] = (int)level; r[21] = (int)role; r[22] = null; r[23] = null; r[24] = now; r[25] = now; r[26] = NewGuid(random);
            return r;
        }));
        log.WriteLine($"trainees: {trainees:N0} ({clock.Elapsed.TotalSeconds:N0} s)");

        // ------------------------------------------------------------------ classes
        var years = options.LastYear - options.FirstYear + 1;
        var classesPerCentreYear = Math.Max(1, (int)Math.Round(options.Enrolments / 60.0 / (centres.Count * years)));
        var classes = new List<ClassInfo>();
        var totalWeight = programmes.Sum(p => p.Weight);
        for (var c = 0; c < centres.Count; c++)
        {
            for (var year = options.FirstYear; year <= options.LastYear; year++)
            {
                var numbers = new Dictionary<int, int>();
                for (var k = 0; k < classesPerCentreYear; k++)
                {
                    var pick = random.Next(totalWeight);
                    var programme = programmes.First(p => (pick -= p.Weight) < 0);
                    var start = new DateOnly(year, 1, 6).AddDays(random.Next(330));
                    var end = start.AddDays(Math.Min(programme.Days, 45) - 1);
                    var status = start > today ? ClassStatus.Planned
                        : end >= today ? ClassStatus.Open
                        : random.Next(100) < 3 ? ClassStatus.Cancelled
                        : ClassStatus.Finished;
                    numbers[programme.Id] = numbers.GetValueOrDefault(programme.Id) + 1;
                    classes.Add(new ClassInfo(classes.Count + 1, c, programme, year, numbers[programme.Id], start, end, status, 30 + random.Next(61)));
                }
            }
        }

        var classRow = new object?[ClassColumns.Length];
        bulk.Write("TrainingClasses", ClassColumns, classes.Select(k =>
        {
            var centre = centres[k.Centre];
            var cluster = random.Next(5) == 0;
            var r = classRow;
            r[0] = k.Id; r[1] = centre.Centre.Id; r[2] = k.Programme.Id; r[3] = k.Year; r[4] = k.Number; r[5] = null;
            r[6] = (int)(cluster ? VenueKind.CommuneCluster : VenueKind.Centre); r[7] = cluster ? "Cụm xã " + Pick(random, Syllables) : null; r[8] = null;
            r[9] = k.Start; r[10] = k.End; r[11] = (int)k.Status; r[12] = (int)(random.Next(10) == 0 ? FundingSource.Socialised : FundingSource.StateBudget);
            r[13] = null; r[14] = centre.Lecturers[random.Next(4)].Id; r[15] = "Cán bộ giáo vụ";
            r[16] = k.Status == ClassStatus.Finished ? $"{k.Id}-QĐ/TTCT" : null; r[17] = k.Status == ClassStatus.Finished ? k.End.AddDays(3) : null;
            r[18] = k.Status == ClassStatus.Finished ? "Giám đốc" : null; r[19] = k.Status == ClassStatus.Cancelled ? "Không đủ học viên" : null;
            r[20] = NewGuid(random);
            return r;
        }));

        var sessionId = 0;
        var sessionRow = new object?[SessionColumns.Length];
        var sessions = bulk.Write("ClassSessions", SessionColumns, classes.SelectMany(k =>
            Enumerable.Range(0, Math.Min(k.Programme.Days * 2, 10)).Select(s =>
            {
                var lecturers = centres[k.Centre].Lecturers;
                var r = sessionRow;
                r[0] = ++sessionId; r[1] = k.Id; r[2] = k.Start.AddDays(Math.Min(s / 2, k.End.DayNumber - k.Start.DayNumber)); r[3] = (int)(s % 2 == 0 ? DayPart.Morning : DayPart.Afternoon);
                r[4] = "Chuyên đề " + (s + 1); r[5] = lecturers[random.Next(lecturers.Count)].Id; r[6] = 4 + random.Next(2);
                return r;
            })));
        log.WriteLine($"classes: {classes.Count:N0}, sessions: {sessions:N0} ({clock.Elapsed.TotalSeconds:N0} s)");

        // ------------------------------------------------------------------ enrolments
        var enrolmentClass = new List<int>(options.Enrolments + (options.Enrolments / 10));
        var withdrawn = new List<bool>(enrolmentClass.Capacity);
        var firstCentre = new Dictionary<int, (int HeldClasses, int Trainees)>();
        var seats = new HashSet<int>();
        var enrolments = bulk.Write("Enrolments", EnrolmentColumns, classes.SelectMany(k =>
        {
            var pool = byCentre[k.Centre];
            seats.Clear();
            while (seats.Count < Math.Min(k.Size, pool.Count))
            {
                seats.Add(pool[random.Next(pool.Count)]);
            }

            var held = k.Status is ClassStatus.Open or ClassStatus.Finished;
            var enrolled = k.Start.AddDays(-7).ToDateTime(new TimeOnly(1, 0), DateTimeKind.Utc);
            var list = new List<object?[]>(seats.Count);
            var active = 0;
            foreach (var traineeId in seats)
            {
                var left = k.Status != ClassStatus.Planned && random.Next(100) < 3;
                var role = left ? ClassRole.Member : list.Count == 0 ? ClassRole.Monitor : list.Count == 1 ? ClassRole.DeputyMonitor : ClassRole.Member;
                enrolmentClass.Add(k.Id);
                withdrawn.Add(left);
                active += left ? 0 : 1;
                list.Add(
                [
                    enrolmentClass.Count, k.Id, traineeId, k.Start < MergeDay ? oldUnit[traineeId] : newUnit[traineeId], (int)role,
                    (int)(left ? EnrolmentStatus.Withdrawn : EnrolmentStatus.Active), left ? "Bận công tác" : null, left ? enrolled.AddDays(3) : null,
                    enrolled, NewGuid(random),
                ]);
            }

            if (k.Centre == 0 && held)
            {
                var (heldClasses, attendances) = firstCentre.GetValueOrDefault(k.Start.Year);
                firstCentre[k.Start.Year] = (heldClasses + 1, attendances + active);
            }

            return list;
        }));
        log.WriteLine($"enrolments: {enrolments:N0} ({clock.Elapsed.TotalSeconds:N0} s)");

        // ------------------------------------------------------------------ results and certificates
        var grade = new string?[enrolmentClass.Count + 1];
        var completed = new bool[enrolmentClass.Count + 1];
        var resultId = 0;
        var resultRow = new object?[ResultColumns.Length];
        var results = bulk.Write("AssessmentResults", ResultColumns, Enumerable.Range(1, enrolmentClass.Count)
            .Where(e => !withdrawn[e - 1] && classes[enrolmentClass[e - 1] - 1].Status == ClassStatus.Finished)
            .Select(e =>
            {
                var k = classes[enrolmentClass[e - 1] - 1];
                decimal? score = null;
                string? name = null;
                bool done;
                if (k.Programme.Bands.Count > 0)
                {
                    score = Math.Round(4.0m + ((decimal)Math.Sqrt(random.NextDouble()) * 6.0m), 1);
                    done = score >= k.Programme.PassScore;
                    name = done ? k.Programme.Bands.FirstOrDefault(b => score >= b.MinScore).Name : null;
                }
                else
                {
                    done = random.Next(100) < 97;
                }

                (grade[e], completed[e]) = (name, done);
                var r = resultRow;
                r[0] = ++resultId; r[1] = e; r[2] = score; r[3] = null; r[4] = name; r[5] = done; r[6] = done ? null : "Không đạt yêu cầu"; r[7] = NewGuid(random);
                return r;
            }));

        var certificateId = 0;
        var serials = new Dictionary<(int Centre, int Year), int>();
        var certificateRow = new object?[CertificateColumns.Length];
        var code = new byte[16];
        var certificates = bulk.Write("Certificates", CertificateColumns, Enumerable.Range(1, enrolmentClass.Count)
            .Where(e => completed[e] && classes[enrolmentClass[e - 1] - 1].Programme.Certificate is CertificateKind.Certificate or CertificateKind.ElementaryDiploma)
            .Select(e =>
            {
                var k = classes[enrolmentClass[e - 1] - 1];
                var centreId = centres[k.Centre].Centre.Id;
                var issued = k.End.AddDays(10);
                var number = serials[(centreId, issued.Year)] = serials.GetValueOrDefault((centreId, issued.Year)) + 1;
                var revoked = random.Next(1000) < 3;
                random.NextBytes(code);
                var r = certificateRow;
                r[0] = ++certificateId; r[1] = centreId; r[2] = e; r[3] = 1; r[4] = issued.Year; r[5] = number; r[6] = number; r[7] = issued;
                r[8] = "Nguyễn Văn Giám"; r[9] = "Giám đốc"; r[10] = grade[e]; r[11] = k.Programme.ValidityMonths is { } months ? issued.AddMonths(months) : null;
                r[12] = Convert.ToHexString(code); r[13] = (int)(revoked ? Core.Certificates.CertificateStatus.Revoked : Core.Certificates.CertificateStatus.Valid);
                r[14] = null; r[15] = null; r[16] = revoked ? "Cấp nhầm" : null; r[17] = revoked ? issued.AddDays(30).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null;
                return r;
            }));
        bulk.Write("CertificateCounters", ["CentreId", "Year", "LastSerialNumber", "LastRegisterNumber", "Version"],
            serials.Select(s => new object?[] { s.Key.Centre, s.Key.Year, s.Value, s.Value, NewGuid(random) }));
        log.WriteLine($"results: {results:N0}, certificates: {certificates:N0} ({clock.Elapsed.TotalSeconds:N0} s)");

        // ------------------------------------------------------------------ plans and people sent to higher-level training
        var planId = 0;
        bulk.Write("AnnualPlans", ["Id", "CentreId", "Year", "ProgrammeId", "UnitId", "PlannedClasses", "PlannedTrainees", "Note", "Version"],
            classes.GroupBy(k => (k.Centre, k.Year, k.Programme.Id)).Select(g =>
            {
                var factor = 0.9 + (random.NextDouble() * 0.3);
                return new object?[]
                {
                    ++planId, centres[g.Key.Centre].Centre.Id, g.Key.Year, g.Key.Item3, null,
                    (int)Math.Round(g.Count() * factor), (int)Math.Round(g.Sum(k => k.Size) * factor), null, NewGuid(random),
                };
            }).ToList());
        var externalId = 0;
        bulk.Write("ExternalTrainingCourses", ["Id", "TraineeId", "Level", "Institution", "StartDate", "EndDate", "DecisionNumber", "DecisionDate", "Outcome", "Note", "CentreId", "Version"],
            centres.SelectMany((centre, c) => Enumerable.Range(options.FirstYear, years).SelectMany(year => Enumerable.Range(0, 15 + random.Next(11)).Select(_ =>
            {
                var advanced = random.Next(4) == 0;
                var start = new DateOnly(year, 9, 1 + random.Next(20));
                var completed = year + 2 <= options.LastYear;
                return new object?[]
                {
                    ++externalId, byCentre[c][random.Next(byCentre[c].Count)], (int)(advanced ? TheoryLevel.Advanced : TheoryLevel.Intermediate),
                    advanced ? "Học viện Chính trị khu vực III" : "Trường Chính trị tỉnh", start, start.AddYears(advanced ? 2 : 1).AddDays(-60),
                    $"{externalId}-QĐ/HU", start.AddDays(-20), (int)(completed ? TrainingOutcome.Completed : TrainingOutcome.Studying), null,
                    centre.Centre.Id, NewGuid(random),
                };
            }))).ToList());

        await bulk.FinishAsync(["Trainees", "TrainingClasses", "ClassSessions", "Enrolments", "AssessmentResults", "Certificates", "AnnualPlans", "ExternalTrainingCourses"]);
        log.WriteLine($"done in {clock.Elapsed.TotalSeconds:N0} s");
        return new ProvinceSummary(unitCount, trainees, classes.Count, sessions, enrolments, results, certificates, centres[0].Centre.Id, firstCentre, clock.Elapsed);
    }

    /// <summary>Accounts for load runs (the setup page is then skipped): the provincial office, an official and an administrator.</summary>
    private static async Task AccountsAsync(AppDbContext db, int centreId, string password)
    {
        foreach (var role in Roles.All.Where(r => !db.Roles.Any(x => x.Name == r)))
        {
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
        }

        await db.SaveChangesAsync();
        var hasher = new PasswordHasher<AppUser>();
        foreach (var (name, fullName, role, centre) in new[]
        {
            ("tinh", "Ban Tuyên giáo Tỉnh ủy", Roles.ProvincialOffice, (int?)null),
            ("lanhdao", "Lãnh đạo Huyện ủy", Roles.CommitteeOfficial, centreId),
            ("quantri", "Quản trị viên", Roles.Administrator, centreId),
        })
        {
            var user = new AppUser
            {
                UserName = name, NormalizedUserName = name.ToUpperInvariant(), FullName = fullName, CentreId = centre, CreatedAt = DateTime.UtcNow,
                SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString(), LockoutEnabled = true,
            };
            user.PasswordHash = hasher.HashPassword(user, password);
            db.Users.Add(user);
            var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync();
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        }

        await db.SaveChangesAsync();
    }

    private static string Prefix(int district) => Districts[district].Split(' ')[^1];

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static readonly string[] TraineeColumns =
    [
        "Id", "FamilyName", "MiddleName", "GivenName", "FullName", "SearchKey", "SortKey", "Sex", "DateOfBirth", "BirthYearOnly", "Cccd",
        "Ethnicity", "Religion", "Education", "Position", "Qualification", "UnitId", "PartyStatus", "PartyJoinDate", "PartyOfficialDate",
        "TheoryLevel", "CommitteeRole", "Phone", "Note", "CreatedAt", "UpdatedAt", "Version",
    ];

    private static readonly string[] ClassColumns =
    [
        "Id", "CentreId", "ProgrammeId", "Year", "Number", "Title", "VenueKind", "VenueName", "VenueUnitId", "StartDate", "EndDate", "Status",
        "Funding", "Partner", "HeadLecturerId", "AcademicOfficerName", "CompletionDecisionNumber", "CompletionDecisionDate",
        "CompletionDecisionSigner", "CancellationReason", "Version",
    ];

    private static readonly string[] SessionColumns = ["Id", "ClassId", "Date", "Part", "Topic", "LecturerId", "Periods"];

    private static readonly string[] EnrolmentColumns = ["Id", "ClassId", "TraineeId", "UnitId", "Role", "Status", "WithdrawalReason", "WithdrawnAt", "EnrolledAt", "Version"];

    private static readonly string[] ResultColumns = ["Id", "EnrolmentId", "Score", "ResitScore", "GradeName", "Completed", "NotCompletedReason", "Version"];

    private static readonly string[] CertificateColumns =
    [
        "Id", "CentreId", "EnrolmentId", "IssueSequence", "Year", "SerialNumber", "RegisterNumber", "IssueDate", "SignerName", "SignerTitle",
        "GradeName", "ValidUntil", "VerificationCode", "Status", "ReplacesCertificateId", "ReissueReason", "RevocationReason", "StatusChangedAt",
    ];

    private sealed record ProgrammeInfo(
        int Id, string Code, int Days, AssessmentKind Assessment, CertificateKind Certificate, int? ValidityMonths, decimal PassScore,
        IReadOnlyList<(decimal MinScore, string Name)> Bands, int Weight);

    private sealed record CentreInfo(TrainingCentre Centre, List<OrganisationUnit> Old, List<OrganisationUnit> Merged, List<Lecturer> Lecturers);

    private sealed record ClassInfo(int Id, int Centre, ProgrammeInfo Programme, int Year, int Number, DateOnly Start, DateOnly End, ClassStatus Status, int Size);
}
