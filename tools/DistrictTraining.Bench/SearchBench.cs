using System.Diagnostics;
using System.Globalization;
using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Bench;

/// <summary>
/// The trainee name searches of issue 14 in isolation: the services called directly, each run in a fresh
/// DbContext as a web request would, as the provincial office (every centre). Opens an existing database
/// (e.g. the province dataset) and never migrates it:
///   search --provider Sqlite --connection "Data Source=/tmp/x/province1m.db" [--runs 20] [--warmup 3] [--centre 1 --year 2025]
/// Runs the cases interleaved (one run of each in turn) and prints median, p90, min and rows per case.
/// </summary>
internal static class SearchBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Seeder.Options(args);
        var provider = Enum.Parse<DatabaseProvider>(options["provider"], ignoreCase: true);
        var connectionString = options["connection"];
        var runs = int.Parse(options.GetValueOrDefault("runs", "20"), CultureInfo.InvariantCulture);
        var warmup = int.Parse(options.GetValueOrDefault("warmup", "3"), CultureInfo.InvariantCulture);
        var centre = int.Parse(options.GetValueOrDefault("centre", "1"), CultureInfo.InvariantCulture);
        var year = int.Parse(options.GetValueOrDefault("year", "2025"), CultureInfo.InvariantCulture);
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DataServiceCollectionExtensions.Configure(builder, provider, connectionString, Path.GetTempPath());
        var scope = new FixedUserScope(CentreId: null, CanEdit: false, AllCentres: true);

        var cases = new (string Name, Func<AppDbContext, Task<int>> Run)[]
        {
            ("search \"nguyen van an\" (page 1 and count)", async db => (await new TraineeService(db, scope, TimeProvider.System).SearchAsync(new("nguyen van an"))).TotalCount),
            ("search \"dang\" (page 1 and count)", async db => (await new TraineeService(db, scope, TimeProvider.System).SearchAsync(new("dang"))).TotalCount),
            ("lookup \"tran kim yen\" (10)", async db => (await new TraineeService(db, scope, TimeProvider.System).LookupAsync("tran kim yen", 10)).Count),
            ($"certificate register {year}, centre {centre}, name \"nguyen van an\"", async db =>
                (await new CertificateRegisterService(db, scope, TimeProvider.System).GetPageAsync(new RegisterFilter(year, Name: "nguyen van an", CentreId: centre), 1))?.Lines.TotalCount ?? -1),
        };

        var times = cases.Select(_ => new List<double>()).ToArray();
        var rows = new int[cases.Length];
        for (var run = 0; run < warmup + runs; run++)
        {
            for (var i = 0; i < cases.Length; i++)
            {
                await using var db = AppDbContext.Create(provider, builder.Options);
                var clock = Stopwatch.StartNew();
                rows[i] = await cases[i].Run(db);
                if (run >= warmup)
                {
                    times[i].Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }

        Console.WriteLine($"{provider}, {runs} runs after {warmup} warm-ups, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end");
        Console.WriteLine($"{"case",-60} {"rows",8} {"median ms",10} {"p90 ms",8} {"min ms",8}");
        for (var i = 0; i < cases.Length; i++)
        {
            var sorted = times[i].Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{cases[i].Name,-60} {rows[i],8} {sorted[sorted.Count / 2],10:0.0} {sorted[(int)Math.Ceiling(sorted.Count * 0.9) - 1],8:0.0} {sorted[0],8:0.0}"));
        }

        return 0;
    }
}
