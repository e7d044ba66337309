using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

// Speed of the trainee registry's search (/Trainees) and search-as-you-type (/Trainees/Lookup) over a
// large registry, on SQLite and PostgreSQL. Not a test: run by hand (Release), e.g.
//
//   dotnet run -c Release --project tools/DistrictTraining.TraineeBench -- \
//       --postgres "Host=127.0.0.1;Port=55999;Username=postgres"
//
// Options: --count 100000   trainees to seed (with ~1.5 enrolments each, 220 units, 1,500 classes)
//          --runs 20        timed runs per query (after 2 warm-up runs); the median is printed
//          --sqlite FILE    SQLite file (default: dt-trainee-bench.db in the temp folder); --no-sqlite to skip
//          --postgres CS    PostgreSQL server (the database dt_trainee_bench is created on it); skipped if absent
//          --explain        print each query's SQL and plan (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE)
//          --reseed         drop and seed again (otherwise a database already holding --count trainees is reused)
//          --only TEXT      time only the queries whose name contains TEXT
// Each run goes through TraineeService in a fresh DbContext, as a web request would.

var options = BenchOptions.Parse(args);
var targets = new List<(string Name, DatabaseProvider Provider, string ConnectionString)>();
if (options.Sqlite is { } file)
{
    targets.Add(("SQLite", DatabaseProvider.Sqlite, $"Data Source={file}"));
}

if (options.Postgres is { } server)
{
    targets.Add(("PostgreSQL", DatabaseProvider.PostgreSQL, new NpgsqlConnectionStringBuilder(server) { Database = "dt_trainee_bench" }.ConnectionString));
}

var results = new Dictionary<string, Dictionary<string, (double Median, double P90, int Rows)>>();
foreach (var (name, provider, connectionString) in targets)
{
    Console.WriteLine($"== {name}: {connectionString}");
    var bench = new RegistryBench(provider, connectionString, options);
    await bench.PrepareAsync();
    results[name] = await bench.MeasureAsync();
}

Console.WriteLine();
Console.WriteLine($"Median (p90) in ms of {options.Runs} runs, {options.Count:N0} trainees, " +
    $"{Environment.ProcessorCount} cores, .NET {Environment.Version}:");
Console.WriteLine();
Console.WriteLine("| query | rows | " + string.Join(" | ", results.Keys) + " |");
Console.WriteLine("| --- | ---: | " + string.Join(" | ", results.Keys.Select(_ => "---:")) + " |");
foreach (var query in results.Values.SelectMany(r => r.Keys).Distinct())
{
    var rows = results.Values.First(r => r.ContainsKey(query))[query].Rows;
    var cells = results.Values.Select(r => r.TryGetValue(query, out var m) ? $"{m.Median:0.0} ({m.P90:0.0})" : "");
    Console.WriteLine($"| {query} | {rows} | " + string.Join(" | ", cells) + " |");
}

return 0;

internal sealed record BenchOptions(int Count, int Runs, string? Sqlite, string? Postgres, bool Explain, bool Reseed, string? Only)
{
    public static BenchOptions Parse(string[] args)
    {
        var count = 100_000;
        var runs = 20;
        string? sqlite = Path.Combine(Path.GetTempPath(), "dt-trainee-bench.db");
        string? postgres = null;
        bool explain = false, reseed = false;
        string? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--count": count = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--sqlite": sqlite = args[++i]; break;
                case "--no-sqlite": sqlite = null; break;
                case "--postgres": postgres = args[++i]; break;
                case "--explain": explain = true; break;
                case "--reseed": reseed = true; break;
                case "--only": only = args[++i]; break;
                default: throw new ArgumentException($"Unknown option {args[i]}; see the comment at the top of Program.cs.");
            }
        }

        return new BenchOptions(count, runs, sqlite, postgres, explain, reseed, only);
    }
}

internal sealed class RegistryBench(DatabaseProvider provider, string connectionString, BenchOptions options)
{
    private static readonly string[] Families =
        ["Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đoàn", "Trương", "Tôn Nữ"];

    private static readonly string[] MaleMiddles = ["Văn", "Văn", "Đức", "Hữu", "Minh", "Quang", "Công", "Thanh", "Ngọc", "Xuân", "Đình", "Văn Minh"];

    private static readonly string[] FemaleMiddles = ["Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Thị Thu", "Mỹ", "Kim", "Hồng", "Thị Ánh"];

    private static readonly string[] MaleGivens =
        ["An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Minh", "Nam", "Phong", "Phúc", "Quân", "Sơn", "Tài", "Thắng", "Toàn", "Trung", "Tuấn", "Việt", "Vinh", "Đăng"];

    private static readonly string[] FemaleGivens =
        ["Anh", "Ánh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Liên", "Linh", "Mai", "My", "Nga", "Ngân", "Nhung", "Phương", "Thảo", "Trang", "Tuyết", "Uyên", "Vân", "Yến"];

    private readonly SqlCapture _capture = new();

    private int _liaisonUnitId;

    private string _someCccd = "";

    private DbContextOptions<AppDbContext> Options(bool capture = false)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DataServiceCollectionExtensions.Configure(builder, provider, connectionString, Path.GetTempPath());
        if (capture)
        {
            builder.AddInterceptors(_capture);
        }

        return builder.Options;
    }

    public async Task PrepareAsync()
    {
        await using (var db = AppDbContext.Create(provider, Options()))
        {
            if (options.Reseed)
            {
                await db.Database.EnsureDeletedAsync();
            }

            await db.Database.MigrateAsync();
            var existing = await db.Trainees.CountAsync();
            if (existing != options.Count)
            {
                if (existing > 0)
                {
                    await db.Database.EnsureDeletedAsync();
                    await db.Database.MigrateAsync();
                }

                await SeedAsync();
            }
            else
            {
                Console.WriteLine($"Reusing {existing:N0} trainees");
            }
        }

        await using (var db = AppDbContext.Create(provider, Options()))
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
            }

            _liaisonUnitId = await db.Trainees.Where(t => t.UnitId != null).GroupBy(t => t.UnitId!.Value)
                .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
            _someCccd = await db.Trainees.Where(t => t.Cccd != null).OrderBy(t => t.Id).Skip(options.Count / 2).Select(t => t.Cccd!).FirstAsync();
        }
    }

    private async Task SeedAsync()
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(2025);
        List<int> unitIds;
        List<(int Id, int Year)> classes;
        await using (var db = AppDbContext.Create(provider, Options()))
        {
            var province = new OrganisationUnit { Name = "Tỉnh Gia Lai", Kind = UnitKind.Province };
            var units = new List<OrganisationUnit>();
            for (var d = 0; d < 10; d++)
            {
                var district = new OrganisationUnit { Name = $"Huyện Thử {d + 1}", Kind = UnitKind.District, Parent = province, ValidTo = new DateOnly(2025, 6, 30) };
                for (var c = 0; c < 15; c++)
                {
                    units.Add(new OrganisationUnit { Name = $"Xã {Families[c % Families.Length]} {d * 15 + c + 1}", Kind = UnitKind.Commune, Parent = district, ValidTo = new DateOnly(2025, 6, 30) });
                }
            }

            for (var c = 0; c < 60; c++)
            {
                units.Add(new OrganisationUnit { Name = $"Phường Mới {c + 1}", Kind = UnitKind.Ward, Parent = province, ValidFrom = new DateOnly(2025, 7, 1) });
            }

            db.OrganisationUnits.AddRange(units);
            var centre = new TrainingCentre { Name = "Trung tâm Chính trị Thử" };
            db.TrainingCentres.Add(centre);
            if (!await db.Programmes.AnyAsync())
            {
                db.Programmes.AddRange(ProgrammeCatalogue.Create());
            }

            await db.SaveChangesAsync();
            unitIds = units.Select(u => u.Id).ToList();
            var programmes = await db.Programmes.Select(p => p.Id).ToListAsync();
            var list = new List<TrainingClass>();
            var numbers = new Dictionary<(int, int), int>();
            for (var i = 0; i < 1500; i++)
            {
                var year = 2015 + (i % 11);
                var programme = programmes[i % programmes.Count];
                numbers[(programme, year)] = numbers.GetValueOrDefault((programme, year)) + 1;
                list.Add(new TrainingClass
                {
                    CentreId = centre.Id, ProgrammeId = programme, Year = year, Number = numbers[(programme, year)],
                    StartDate = new DateOnly(year, 1 + (i % 12), 1 + (i % 27)),
                });
            }

            db.TrainingClasses.AddRange(list);
            await db.SaveChangesAsync();
            classes = list.Select(c => (c.Id, c.Year)).ToList();
        }

        const int Batch = 2000;
        var traineeIds = new List<int>(options.Count);
        for (var start = 0; start < options.Count; start += Batch)
        {
            await using var db = AppDbContext.Create(provider, Options());
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var batch = Enumerable.Range(start, Math.Min(Batch, options.Count - start)).Select(i => NewTrainee(random, i, unitIds)).ToList();
            db.Trainees.AddRange(batch);
            await db.SaveChangesAsync();
            traineeIds.AddRange(batch.Select(t => t.Id));
        }

        Console.WriteLine($"Seeded {options.Count:N0} trainees in {clock.Elapsed.TotalSeconds:0} s");
        var enrolments = 0;
        for (var start = 0; start < traineeIds.Count; start += Batch)
        {
            await using var db = AppDbContext.Create(provider, Options());
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var traineeId in traineeIds.Skip(start).Take(Batch))
            {
                var attended = random.Next(0, 4);
                foreach (var (classId, _) in Enumerable.Range(0, attended).Select(_ => classes[random.Next(classes.Count)]).Distinct())
                {
                    var e = new Enrolment { ClassId = classId, TraineeId = traineeId, EnrolledAt = DateTime.UtcNow };
                    if (random.Next(20) == 0)
                    {
                        e.Withdraw("Bận công tác", DateTime.UtcNow);
                    }

                    db.Enrolments.Add(e);
                    enrolments++;
                }
            }

            await db.SaveChangesAsync();
        }

        Console.WriteLine($"Seeded {enrolments:N0} enrolments; {clock.Elapsed.TotalSeconds:0} s in all");
    }

    private static Trainee NewTrainee(Random random, int i, List<int> unitIds)
    {
        var female = random.Next(2) == 0;
        var birth = new DateOnly(random.Next(1955, 2006), random.Next(1, 13), random.Next(1, 29));
        var code = (birth.Year >= 2000 ? 2 : 0) + (female ? 1 : 0);
        var party = (PartyStatus)random.Next(3);
        return new Trainee
        {
            FamilyName = Families[random.Next(Families.Length)],
            MiddleName = female ? FemaleMiddles[random.Next(FemaleMiddles.Length)] : MaleMiddles[random.Next(MaleMiddles.Length)],
            GivenName = female ? FemaleGivens[random.Next(FemaleGivens.Length)] : MaleGivens[random.Next(MaleGivens.Length)],
            Sex = female ? Sex.Female : Sex.Male,
            Birth = random.Next(20) == 0 ? PartialDate.OfYear(birth.Year) : PartialDate.Full(birth),
            // Unique by construction: the running number fills the last six digits.
            Cccd = random.Next(10) < 8 ? $"052{code}{birth.Year % 100:00}{i:000000}" : null,
            UnitId = random.Next(20) == 0 ? null : unitIds[random.Next(unitIds.Count)],
            PartyStatus = party,
            PartyJoinDate = party == PartyStatus.NonMember ? null : birth.AddYears(25),
            Position = random.Next(3) == 0 ? "Bí thư chi bộ" : "Đảng viên",
            Ethnicity = "Kinh",
        };
    }

    public async Task<Dictionary<string, (double Median, double P90, int Rows)>> MeasureAsync()
    {
        IUserScope staff = new FixedUserScope(CentreId: null);
        IUserScope liaison = new FixedUserScope(CentreId: null, UnitId: _liaisonUnitId, CanEdit: false);
        var cases = new List<(string Name, IUserScope Scope, Func<TraineeService, Task<int>> Run)>
        {
            ("Search: first page, no text", staff, async s => (await s.SearchAsync(new())).Items.Count),
            ("Search: page 2,000 (offset 49,975), no text", staff, async s => (await s.SearchAsync(new(Page: 2000))).Items.Count),
            ("Search \"nguyen\" (common family name)", staff, async s => (await s.SearchAsync(new("nguyen"))).TotalCount),
            ("Search \"nguyen van an\"", staff, async s => (await s.SearchAsync(new("nguyen van an"))).TotalCount),
            ("Search \"dang thi anh\"", staff, async s => (await s.SearchAsync(new("dang thi anh"))).TotalCount),
            ("Search \"anh\" (inside many names)", staff, async s => (await s.SearchAsync(new("anh"))).TotalCount),
            ("Search \"xyzq\" (no match)", staff, async s => (await s.SearchAsync(new("xyzq"))).TotalCount),
            ("Search by CCCD", staff, async s => (await s.SearchAsync(new(_someCccd))).TotalCount),
            ("Search \"thi\" + unit + year + Party filters", staff, async s => (await s.SearchAsync(new("thi", _liaisonUnitId, 1980, PartyStatus.FullMember))).TotalCount),
            ("Search \"nguyen\", unit liaison", liaison, async s => (await s.SearchAsync(new("nguyen"))).TotalCount),
            ("Lookup \"n\"", staff, async s => (await s.LookupAsync("n")).Count),
            ("Lookup \"nguyen van\"", staff, async s => (await s.LookupAsync("nguyen van")).Count),
            ("Lookup \"dang thi anh\"", staff, async s => (await s.LookupAsync("dang thi anh")).Count),
            ("Lookup \"anh\" (prefix rare, inside common)", staff, async s => (await s.LookupAsync("anh")).Count),
            ("Lookup \"thi anh\"", staff, async s => (await s.LookupAsync("thi anh")).Count),
            ("Lookup \"xyzq\" (no match)", staff, async s => (await s.LookupAsync("xyzq")).Count),
            ("Lookup by CCCD", staff, async s => (await s.LookupAsync(_someCccd)).Count),
        };

        var measured = new Dictionary<string, (double, double, int)>();
        foreach (var (name, scope, run) in cases.Where(c => options.Only is null || c.Name.Contains(options.Only, StringComparison.Ordinal)))
        {
            var times = new List<double>();
            var rows = 0;
            for (var i = 0; i < options.Runs + 2; i++)
            {
                var clock = Stopwatch.StartNew();
                await using (var db = AppDbContext.Create(provider, Options()))
                {
                    rows = await run(new TraineeService(db, scope, TimeProvider.System));
                }

                clock.Stop();
                if (i >= 2)
                {
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            times.Sort();
            var median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
            var p90 = times[(int)Math.Ceiling(times.Count * 0.9) - 1];
            measured[name] = (median, p90, rows);
            Console.WriteLine($"{name,-50} rows {rows,7}  median {median,8:0.0} ms  p90 {p90,8:0.0} ms");
            if (options.Explain)
            {
                await ExplainAsync(run, scope);
            }
        }

        return measured;
    }

    // Runs the query once more with its SQL captured, then asks the database how it runs each statement.
    private async Task ExplainAsync(Func<TraineeService, Task<int>> run, IUserScope scope)
    {
        _capture.Commands.Clear();
        await using (var db = AppDbContext.Create(provider, Options(capture: true)))
        {
            await run(new TraineeService(db, scope, TimeProvider.System));
        }

        await using var plans = AppDbContext.Create(provider, Options());
        var connection = plans.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var (sql, parameters) in _capture.Commands)
        {
            Console.WriteLine("   SQL: " + sql.ReplaceLineEndings(" "));
            await using var command = connection.CreateCommand();
            command.CommandText = (provider == DatabaseProvider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, BUFFERS OFF) ") + sql;
            foreach (var (name, value) in parameters)
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                p.Value = value ?? DBNull.Value;
                command.Parameters.Add(p);
            }

            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Console.WriteLine("      " + reader.GetValue(reader.FieldCount - 1));
            }
        }
    }

    private sealed class SqlCapture : DbCommandInterceptor
    {
        public List<(string Sql, List<(string Name, object? Value)> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
            return ValueTask.FromResult(result);
        }
    }
}
