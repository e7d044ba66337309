using System.Diagnostics;
using System.Globalization;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Bench;

/// <summary>
/// Fills a database for load runs:
///   seed --provider Sqlite|PostgreSQL --connection "..." [--trainees 100000] [--roster 500] [--classes 300] [--sessions 0]
/// Migrates the database, then adds a centre, 40 communes, N trainees with Vietnamese names and unique
/// CCCDs, a number of classes of 30 trainees, and one class of --roster trainees. Prints that class's id.
/// With --sessions N the big class also gets N sessions of 4 periods (mornings and afternoons from its
/// start), every cell marked (mostly present, some absences with a note) and a score for most trainees,
/// so that its attendance and results pages are full: the "big class" of issue 11.
/// The portal's own bootstrap setting creates the account the load run signs in with.
/// </summary>
internal static class Seeder
{
    private static readonly string[] Family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lương", "Mai"];
    private static readonly string[] Middle = ["Văn", "Thị", "Hữu", "Đức", "Thị Ngọc", "Minh", "Quốc", "Thanh", "Xuân", "Công", "Thị Thu", "Ngọc", "Hoàng", "Kim"];
    private static readonly string[] Given = ["An", "Ánh", "Ân", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hạnh", "Hải", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Tuấn", "Việt", "Yến"];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options(args);
        var provider = Enum.Parse<DatabaseProvider>(options.GetValueOrDefault("provider", "Sqlite"), ignoreCase: true);
        var connection = options["connection"];
        var traineeCount = int.Parse(options.GetValueOrDefault("trainees", "100000"), CultureInfo.InvariantCulture);
        var rosterSize = int.Parse(options.GetValueOrDefault("roster", "500"), CultureInfo.InvariantCulture);
        var classCount = int.Parse(options.GetValueOrDefault("classes", "300"), CultureInfo.InvariantCulture);
        var sessionCount = int.Parse(options.GetValueOrDefault("sessions", "0"), CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();

        AppDbContext Db()
        {
            var builder = new DbContextOptionsBuilder<AppDbContext>();
            DataServiceCollectionExtensions.Configure(builder, provider, connection, Path.GetTempPath());
            return AppDbContext.Create(provider, builder.Options);
        }

        int centreId;
        int programmeId;
        List<int> unitIds;
        await using (var db = Db())
        {
            await db.Database.MigrateAsync();
            if (!await db.Programmes.AnyAsync())
            {
                db.Programmes.AddRange(ProgrammeCatalogue.Create());
            }

            var centre = new TrainingCentre { Name = "Trung tâm Chính trị khu vực Đo tải" };
            db.TrainingCentres.Add(centre);
            var units = Enumerable.Range(1, 40).Select(i => new OrganisationUnit { Name = $"Xã Thử nghiệm {i}", Kind = UnitKind.Commune }).ToList();
            db.OrganisationUnits.AddRange(units);
            await db.SaveChangesAsync();
            centreId = centre.Id;
            programmeId = await db.Programmes.Where(p => p.Code == "NTD").Select(p => p.Id).FirstAsync();
            unitIds = units.Select(u => u.Id).ToList();
        }

        var random = new Random(20261122);
        var traineeIds = new List<int>(traineeCount);
        const int batch = 2000;
        for (var done = 0; done < traineeCount; done += batch)
        {
            await using var db = Db();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var people = Enumerable.Range(done, Math.Min(batch, traineeCount - done)).Select(i =>
            {
                var female = random.Next(2) == 1;
                var year = 1960 + random.Next(45);
                return new Trainee
                {
                    FamilyName = Family[random.Next(Family.Length)],
                    MiddleName = female && random.Next(3) > 0 ? "Thị" : Middle[random.Next(Middle.Length)],
                    GivenName = Given[random.Next(Given.Length)],
                    Sex = female ? Sex.Female : Sex.Male,
                    DateOfBirth = new DateOnly(year, 1 + random.Next(12), 1 + random.Next(28)),
                    Cccd = string.Create(CultureInfo.InvariantCulture, $"052{(year >= 2000 ? 2 : 0) + (female ? 1 : 0)}{year % 100:00}{i:000000}"),
                    UnitId = unitIds[random.Next(unitIds.Count)],
                    Ethnicity = "Kinh",
                    Education = "12/12",
                };
            }).ToList();
            db.Trainees.AddRange(people);
            await db.SaveChangesAsync();
            traineeIds.AddRange(people.Select(p => p.Id));
            Console.Error.Write($"\rtrainees {done + people.Count:N0}/{traineeCount:N0}");
        }

        Console.Error.WriteLine();
        int bigClassId;
        await using (var db = Db())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var shuffled = traineeIds.OrderBy(_ => random.Next()).ToList();
            var cursor = 0;
            for (var c = 1; c <= classCount; c++)
            {
                var year = 2016 + (c % 10);
                var trainingClass = new TrainingClass
                {
                    CentreId = centreId, ProgrammeId = programmeId, Year = year, Number = c,
                    StartDate = new DateOnly(year, 1 + (c % 12), 5), EndDate = new DateOnly(year, 1 + (c % 12), 9),
                };
                foreach (var id in shuffled.Skip(cursor).Take(30))
                {
                    trainingClass.Enrolments.Add(new Enrolment { TraineeId = id, UnitId = unitIds[random.Next(unitIds.Count)], EnrolledAt = DateTime.UtcNow });
                }

                cursor = (cursor + 30) % Math.Max(1, shuffled.Count - 30);
                db.TrainingClasses.Add(trainingClass);
            }

            var big = new TrainingClass
            {
                CentreId = centreId, ProgrammeId = programmeId, Year = 2026, Number = classCount + 1,
                StartDate = new DateOnly(2026, 11, 2), EndDate = new DateOnly(2026, 11, 30),
            };
            foreach (var id in shuffled.Take(rosterSize))
            {
                big.Enrolments.Add(new Enrolment { TraineeId = id, UnitId = unitIds[random.Next(unitIds.Count)], EnrolledAt = DateTime.UtcNow });
            }

            db.TrainingClasses.Add(big);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            bigClassId = big.Id;
        }

        if (sessionCount > 0)
        {
            await FillBigClassAsync(Db, bigClassId, sessionCount, random);
        }

        Console.Error.WriteLine($"seeded in {clock.Elapsed.TotalSeconds:N0} s");
        Console.WriteLine(bigClassId);
        return 0;
    }

    /// <summary>Sessions, marks and scores for the big class, so that its grids are as full as at the end of a course.</summary>
    private static async Task FillBigClassAsync(Func<AppDbContext> open, int classId, int sessionCount, Random random)
    {
        List<int> sessionIds;
        List<int> enrolmentIds;
        await using (var db = open())
        {
            var start = await db.TrainingClasses.Where(c => c.Id == classId).Select(c => c.StartDate!.Value).FirstAsync();
            var sessions = Enumerable.Range(0, sessionCount).Select(i => new ClassSession
            {
                ClassId = classId, Date = start.AddDays(i / 2), Part = i % 2 == 0 ? DayPart.Morning : DayPart.Afternoon,
                Topic = $"Chuyên đề {(i / 2) + 1}", Periods = 4,
            }).ToList();
            db.ClassSessions.AddRange(sessions);
            var big = await db.TrainingClasses.FirstAsync(c => c.Id == classId);
            big.MoveTo(ClassStatus.Open);
            await db.SaveChangesAsync();
            sessionIds = sessions.Select(s => s.Id).ToList();
            enrolmentIds = await db.Enrolments.Where(e => e.ClassId == classId).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
        }

        const int batch = 500;
        for (var done = 0; done < enrolmentIds.Count; done += batch)
        {
            await using var db = open();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var enrolmentId in enrolmentIds.Skip(done).Take(batch))
            {
                foreach (var sessionId in sessionIds)
                {
                    var roll = random.Next(100);
                    db.AttendanceRecords.Add(new AttendanceRecord
                    {
                        EnrolmentId = enrolmentId, SessionId = sessionId,
                        Status = roll < 95 ? AttendanceStatus.Present : roll < 97 ? AttendanceStatus.ExcusedAbsence : AttendanceStatus.Absent,
                        Note = roll is >= 95 and < 97 ? "Ốm, có giấy xin phép" : null,
                        MarkedAt = DateTime.UtcNow, MarkedBy = "bench",
                    });
                }

                if (random.Next(10) < 8)
                {
                    db.AssessmentResults.Add(new AssessmentResult { EnrolmentId = enrolmentId, Score = 5 + (random.Next(51) / 10m) });
                }
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            Console.Error.Write($"\rbig class marks {Math.Min(done + batch, enrolmentIds.Count):N0}/{enrolmentIds.Count:N0}");
        }

        Console.Error.WriteLine();
    }

    internal static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>();
        var positional = 0;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                options[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            }
            else
            {
                options[$"_{positional++}"] = args[i];
            }
        }

        return options;
    }
}
