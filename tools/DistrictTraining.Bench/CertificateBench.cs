using System.Diagnostics;
using System.Globalization;
using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Bench;

/// <summary>
/// Certificates, measured by hand (numbers in docs/performance.md):
///   certificates seed   --provider P --connection C [--registers 2025:20000,2024:200000]
///       migrates, adds a centre and, per year, a register of that many issued certificates
///       (classes of 50 completed trainees; certificates written directly, numbered 1..N).
///   certificates issue  --provider P --connection C [--size 200] [--runs 5]
///       per run a new decided class of --size completed trainees, timed through CertificateService.IssueForClassAsync.
///   certificates export --provider P --connection C --year 2025 [--runs 3]
///       the year's register through CertificateRegisterService.ExportAsync (rows streamed from the
///       database into XlsxReportWriter), each run in a fresh child process: elapsed and peak working set.
///   export --warm times a second export in each process (JIT and query compilation done).
///   --sql writes the SQL commands to stderr.
/// Prints medians.
/// </summary>
internal static class CertificateBench
{
    private const int ClassSize = 50;

    private static readonly string[] Family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
    private static readonly string[] Middle = ["Văn", "Thị", "Hữu", "Đức", "Thị Ngọc", "Minh", "Quốc", "Thanh", "Xuân", "Công"];
    private static readonly string[] Given = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hùng", "Lan", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Yến"];
    private static readonly string[] Grades = ["Trung bình", "Khá", "Khá", "Giỏi", "Xuất sắc"];

    public static async Task<int> RunAsync(string[] args)
    {
        var command = args.FirstOrDefault();
        var options = Seeder.Options(args.Skip(1).ToArray());
        var provider = Enum.Parse<DatabaseProvider>(options.GetValueOrDefault("provider", "Sqlite"), ignoreCase: true);
        var connection = options["connection"];
        AppDbContext Db()
        {
            var builder = new DbContextOptionsBuilder<AppDbContext>();
            DataServiceCollectionExtensions.Configure(builder, provider, connection, Path.GetTempPath());
            if (options.ContainsKey("sql"))
            {
                builder.LogTo(Console.Error.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]);
            }

            return AppDbContext.Create(provider, builder.Options);
        }

        switch (command)
        {
            case "seed":
                await SeedAsync(Db, options.GetValueOrDefault("registers", "2025:20000,2024:200000"));
                return 0;
            case "issue":
                await IssueAsync(Db, Int(options, "size", 200), Int(options, "runs", 5));
                return 0;
            case "export":
                Export(args, Int(options, "runs", 3));
                return 0;
            case "export-once":
                await ExportOnceAsync(Db, Int(options, "year", 2025), options.ContainsKey("warm"));
                return 0;
            default:
                Console.Error.WriteLine("certificates seed|issue|export --provider Sqlite|PostgreSQL --connection \"...\" (see CertificateBench.cs)");
                return 1;
        }
    }

    private static async Task SeedAsync(Func<AppDbContext> db, string registers)
    {
        var clock = Stopwatch.StartNew();
        int centreId;
        int programmeId;
        await using (var context = db())
        {
            await context.Database.MigrateAsync();
            if (!await context.Programmes.AnyAsync())
            {
                context.Programmes.AddRange(ProgrammeCatalogue.Create());
            }

            var centre = await context.TrainingCentres.FirstOrDefaultAsync();
            if (centre is null)
            {
                centre = new TrainingCentre { Name = "Trung tâm Chính trị khu vực Đo tải" };
                context.TrainingCentres.Add(centre);
            }

            centre.DirectorName ??= "Lê Văn Thành";
            centre.ParentBodyName ??= "ĐẢNG ỦY XÃ ĐO TẢI";
            centre.PlaceName ??= "Đo Tải";
            await context.SaveChangesAsync();
            centreId = centre.Id;
            programmeId = await context.Programmes.Where(p => p.Code == "NTD").Select(p => p.Id).FirstAsync();
        }

        var random = new Random(20261122);
        foreach (var spec in registers.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = spec.Split(':');
            var year = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var count = int.Parse(parts[1], CultureInfo.InvariantCulture);
            var number = 0;
            var planned = 0;
            var classNumber = 0;
            while (number < count)
            {
                await using var context = db();
                context.ChangeTracker.AutoDetectChangesEnabled = false;
                // Forty classes per context keep the change tracker small.
                var batch = new List<(TrainingClass Class, List<Enrolment> Lines)>();
                for (var k = 0; k < 40 && planned < count; k++)
                {
                    classNumber++;
                    var start = new DateOnly(year, 1 + (classNumber % 12), 3);
                    var trainingClass = new TrainingClass
                    {
                        CentreId = centreId, ProgrammeId = programmeId, Year = year, Number = classNumber,
                        StartDate = start, EndDate = start.AddDays(4),
                    }.FinishAndDecide($"{classNumber}-QĐ/TTCT", start.AddDays(6), "Lê Văn Thành");
                    var lines = new List<Enrolment>();
                    var size = Math.Min(ClassSize, count - planned);
                    planned += size;
                    for (var i = 0; i < size; i++)
                    {
                        var enrolment = new Enrolment
                        {
                            Trainee = new Trainee
                            {
                                FamilyName = Family[random.Next(Family.Length)], MiddleName = Middle[random.Next(Middle.Length)], GivenName = Given[random.Next(Given.Length)],
                                DateOfBirth = new DateOnly(1960, 1, 1).AddDays(random.Next(16_000)),
                            },
                            EnrolledAt = DateTime.UtcNow,
                            Result = new AssessmentResult { Score = 8m, Completed = true, GradeName = Grades[random.Next(Grades.Length)] },
                        };
                        trainingClass.Enrolments.Add(enrolment);
                        lines.Add(enrolment);
                    }

                    context.TrainingClasses.Add(trainingClass);
                    batch.Add((trainingClass, lines));
                }

                context.ChangeTracker.DetectChanges();
                await context.SaveChangesAsync();
                foreach (var (trainingClass, lines) in batch)
                {
                    var issued = trainingClass.CompletionDecisionDate!.Value.AddDays(3);
                    foreach (var line in lines)
                    {
                        number++;
                        context.Certificates.Add(new Certificate
                        {
                            CentreId = centreId, EnrolmentId = line.Id, IssueSequence = 1, Year = year, SerialNumber = number, RegisterNumber = number,
                            IssueDate = issued, SignerName = "Lê Văn Thành", SignerTitle = CertificateRules.DefaultSignerTitle, GradeName = line.Result!.GradeName,
                            ValidUntil = issued.AddMonths(60), VerificationCode = VerificationCode.New(),
                        });
                    }
                }

                var counter = await context.CertificateCounters.FirstOrDefaultAsync(c => c.CentreId == centreId && c.Year == year);
                if (counter is null)
                {
                    counter = new CertificateCounter { CentreId = centreId, Year = year };
                    context.CertificateCounters.Add(counter);
                }

                counter.LastSerialNumber = number;
                counter.LastRegisterNumber = number;
                context.ChangeTracker.DetectChanges();
                await context.SaveChangesAsync();
                Console.Error.Write($"\r{year}: {number:N0}/{count:N0} certificates");
            }

            Console.Error.WriteLine();
        }

        Console.Error.WriteLine($"seeded in {clock.Elapsed.TotalSeconds:N0} s");
    }

    private static async Task IssueAsync(Func<AppDbContext> db, int size, int runs)
    {
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            int centreId;
            int classId;
            await using (var context = db())
            {
                centreId = await context.TrainingCentres.Select(c => c.Id).FirstAsync();
                var programmeId = await context.Programmes.Where(p => p.Code == "NTD").Select(p => p.Id).FirstAsync();
                var next = (await context.TrainingClasses.Where(c => c.CentreId == centreId && c.Year == 2026 && c.ProgrammeId == programmeId).MaxAsync(c => (int?)c.Number) ?? 0) + 1;
                var trainingClass = new TrainingClass
                {
                    CentreId = centreId, ProgrammeId = programmeId, Year = 2026, Number = next,
                    StartDate = new DateOnly(2026, 3, 2), EndDate = new DateOnly(2026, 3, 6),
                }.FinishAndDecide($"{next}-QĐ/TTCT", new DateOnly(2026, 3, 10), "Lê Văn Thành");
                var random = new Random(run);
                for (var i = 0; i < size; i++)
                {
                    trainingClass.Enrolments.Add(new Enrolment
                    {
                        Trainee = new Trainee { FamilyName = Family[random.Next(Family.Length)], MiddleName = Middle[random.Next(Middle.Length)], GivenName = Given[random.Next(Given.Length)] },
                        EnrolledAt = DateTime.UtcNow,
                        Result = new AssessmentResult { Score = 8m, Completed = true, GradeName = "Giỏi" },
                    });
                }

                context.TrainingClasses.Add(trainingClass);
                await context.SaveChangesAsync();
                classId = trainingClass.Id;
            }

            await using (var context = db())
            {
                var service = new CertificateService(context, new FixedUserScope(centreId), TimeProvider.System);
                var clock = Stopwatch.StartNew();
                var result = await service.IssueForClassAsync(classId, new IssueRequest(new DateOnly(2026, 3, 12)));
                clock.Stop();
                if (result.Count != size)
                {
                    throw new InvalidOperationException($"Issued {result.Count}, expected {size}.");
                }

                times.Add(clock.Elapsed.TotalMilliseconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run + 1}: issued {result.Count} ({result.FirstSerial}..{result.LastSerial}) in {clock.Elapsed.TotalMilliseconds:N0} ms"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"issue a class of {size}: median {Median(times):N0} ms over {runs} runs (min {times.Min():N0}, max {times.Max():N0})"));
    }

    private static void Export(string[] args, int runs)
    {
        var results = new List<double[]>();
        for (var run = 0; run < runs; run++)
        {
            var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false, FileName = Environment.ProcessPath! };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            {
                start.ArgumentList.Add(typeof(CertificateBench).Assembly.Location);
            }

            start.ArgumentList.Add("certificates");
            start.ArgumentList.Add("export-once");
            foreach (var arg in args.Skip(1))
            {
                start.ArgumentList.Add(arg);
            }

            using var child = Process.Start(start)!;
            var output = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            if (child.ExitCode != 0)
            {
                throw new InvalidOperationException($"Child run failed ({child.ExitCode}): {output}");
            }

            var values = output.Trim().Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            results.Add(values);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run + 1}: {values[0]:N0} rows in {values[1]:N0} ms, peak working set {values[2]:N1} MB, allocated {values[3]:N1} MB, file {values[4]:N2} MB"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"export {results[0][0]:N0} rows: median {Median(results.Select(r => r[1])):N0} ms, peak working set {Median(results.Select(r => r[2])):N1} MB, "
            + $"allocated {Median(results.Select(r => r[3])):N1} MB, file {Median(results.Select(r => r[4])):N2} MB over {runs} runs"));
    }

    /// <summary>
    /// One export in this process, as the register page's Excel button does it; prints rows, ms, peak MB,
    /// allocated MB, file MB. With --warm, an untimed export first, as in a portal that has run a while.
    /// </summary>
    private static async Task ExportOnceAsync(Func<AppDbContext> db, int year, bool warm)
    {
        await using var context = db();
        var centreId = await context.TrainingCentres.Select(c => c.Id).FirstAsync(); // also builds the EF model: not timed
        var register = new CertificateRegisterService(context, new FixedUserScope(centreId), TimeProvider.System);
        if (warm)
        {
            await using var first = await register.ExportAsync(new RegisterFilter(year)) ?? throw new InvalidOperationException("No centre.");
        }

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        long bytes;
        int rows;
        await using (var file = await register.ExportAsync(new RegisterFilter(year)) ?? throw new InvalidOperationException("No centre."))
        {
            rows = file.DataRowCount;
            bytes = file.Length;
            await file.Stream.CopyToAsync(Stream.Null);
        }

        clock.Stop();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        const double mb = 1024 * 1024;
        Console.WriteLine(string.Join(' ', new double[]
        {
            rows, clock.Elapsed.TotalMilliseconds, process.PeakWorkingSet64 / mb, (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / mb, bytes / mb,
        }.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
    }

    private static int Int(Dictionary<string, string> options, string name, int fallback) =>
        options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
