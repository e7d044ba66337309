using System.Diagnostics;
using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Demo;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace DistrictTraining.Tests.Data;

public class DemoDataTests(ITestOutputHelper output)
{
    /// <summary>10:00 on 30 November 2026 in Vietnam: classes of 2024 to 2026, some ended, one running, some still to come.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 3, 0, 0, TimeSpan.Zero);

    private static readonly DateOnly Today = new(2026, 11, 30);

    /// <summary>Seeds a fresh database as at <see cref="Now"/>; returns how long the seeding took.</summary>
    private static async Task<TimeSpan> SeedAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        db.Programmes.AddRange(ProgrammeCatalogue.Create());
        await db.SaveChangesAsync();
        var stopwatch = Stopwatch.StartNew();
        await new DemoDataSeeder(db, new DatabaseOptions { SeedDemoData = true }, NullLogger<DemoDataSeeder>.Instance, new FakeTimeProvider(Now)).SeedIfEnabledAsync();
        return stopwatch.Elapsed;
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Demo_classes_that_ended_are_decided_with_attendance_results_and_certificates_numbered_without_gaps(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var elapsed = await SeedAsync(database);
        output.WriteLine($"Demo seeding on {provider}: {elapsed.TotalMilliseconds:0} ms");
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"Seeding took {elapsed}.");

        await using var db = database.CreateContext();
        var classes = await db.TrainingClasses.Select(c => new
        {
            c.Id, c.Status, Start = c.StartDate!.Value, End = c.EndDate!.Value, c.CompletionDecisionNumber, c.CompletionDecisionDate,
            Sessions = c.Sessions.Count, Enrolments = c.Enrolments.Count,
            Marks = db.AttendanceRecords.Count(a => a.Session!.ClassId == c.Id),
            HeldMarks = db.AttendanceRecords.Count(a => a.Session!.ClassId == c.Id && a.Session.Date < Today),
            HeldCells = c.Sessions.Count(s => s.Date < Today) * c.Enrolments.Count,
        }).ToListAsync();

        // Ended: decided, every session marked for every trainee, the decision after the end and by today.
        var ended = classes.Where(c => c.End < Today).ToList();
        Assert.NotEmpty(ended);
        Assert.All(ended, c =>
        {
            Assert.Equal(ClassStatus.Decided, c.Status);
            Assert.EndsWith("-QĐ/TTCT", c.CompletionDecisionNumber);
            Assert.InRange(c.CompletionDecisionDate!.Value, c.End, Today);
            Assert.Equal(c.Sessions * c.Enrolments, c.Marks);
        });

        // Running: open, with the sessions held so far marked. To come: planned, nothing marked.
        var running = classes.Where(c => c.Start <= Today && c.End >= Today).ToList();
        Assert.NotEmpty(running);
        Assert.All(running, c => Assert.Equal((ClassStatus.Open, c.HeldCells), (c.Status, c.Marks)));
        Assert.Contains(running, c => c.Marks > 0);
        var later = classes.Where(c => c.Start > Today).ToList();
        Assert.NotEmpty(later);
        Assert.All(later, c => Assert.Equal((ClassStatus.Planned, 0), (c.Status, c.Marks)));

        // A few absences, some excused with a note; a few trainees below the threshold.
        var marks = await db.AttendanceRecords.GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var absences = marks.GetValueOrDefault(AttendanceStatus.Absent) + marks.GetValueOrDefault(AttendanceStatus.ExcusedAbsence);
        Assert.InRange(absences * 100.0 / marks.Values.Sum(), 1, 10);
        Assert.True(await db.AttendanceRecords.AnyAsync(a => a.Status == AttendanceStatus.ExcusedAbsence && a.Note != null));

        // Every trainee of a decided class has an outcome; some did not complete (attendance or score), most did.
        var endedIds = ended.Select(c => c.Id).ToList();
        var outcomes = await db.Enrolments.Where(e => endedIds.Contains(e.ClassId))
            .Select(e => new { e.Id, Completed = e.Result == null ? null : e.Result.Completed, Reason = e.Result == null ? null : e.Result.NotCompletedReason })
            .ToListAsync();
        Assert.All(outcomes, o => Assert.NotNull(o.Completed));
        Assert.Contains(outcomes, o => o.Reason != null && o.Reason.StartsWith(AttendanceRules.NotEligibleText, StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.Reason != null && o.Reason.StartsWith("Điểm", StringComparison.Ordinal));
        Assert.InRange(outcomes.Count(o => o.Completed == true) * 100.0 / outcomes.Count, 80, 99);

        // Certificates for exactly the completed trainees of programmes the centre certifies, numbered 1, 2, 3… each year
        // in order of issue, the register's counter at the last number; each within the window after its decision.
        var certificates = await db.Certificates.Select(c => new
        {
            c.Year, c.SerialNumber, c.RegisterNumber, c.IssueDate, c.Status, c.VerificationCode,
            Completed = c.Enrolment!.Result!.Completed, Decision = c.Enrolment.Class!.CompletionDecisionDate,
        }).ToListAsync();
        var certified = await db.Enrolments.CountAsync(e => endedIds.Contains(e.ClassId) && e.Result!.Completed == true
            && e.Class!.Programme!.Certificate != CertificateKind.None && e.Class.Programme.Certificate != CertificateKind.IssuedByProvincialSchool);
        Assert.Equal(certified, certificates.Count);
        Assert.True(certificates.Count > 500, $"{certificates.Count} certificates");
        Assert.All(certificates, c =>
        {
            Assert.Equal((true, CertificateStatus.Valid, VerificationCode.Length), (c.Completed, c.Status, c.VerificationCode.Length));
            Assert.True(CertificateRules.IsWithinIssueWindow(c.IssueDate, c.Decision!.Value) && c.IssueDate <= Today);
        });
        var counters = await db.CertificateCounters.ToDictionaryAsync(c => c.Year);
        foreach (var year in certificates.GroupBy(c => c.Year))
        {
            var bySerial = year.OrderBy(c => c.SerialNumber).ToList();
            Assert.Equal(Enumerable.Range(1, bySerial.Count), bySerial.Select(c => c.SerialNumber));
            Assert.Equal(Enumerable.Range(1, bySerial.Count), bySerial.Select(c => c.RegisterNumber));
            Assert.Equal(bySerial.Select(c => c.IssueDate).Order(), bySerial.Select(c => c.IssueDate));
            Assert.Equal((bySerial.Count, bySerial.Count), (counters[year.Key].LastSerialNumber, counters[year.Key].LastRegisterNumber));
        }
    }

    [Fact]
    public async Task Demo_data_is_the_same_for_the_same_seed_and_day()
    {
        await using var first = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var second = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await SeedAsync(first);
        await SeedAsync(second);
        Assert.Equal(await FingerprintAsync(first), await FingerprintAsync(second));
    }

    /// <summary>Everything seeded but the verification codes, which stay random by design.</summary>
    private static async Task<List<string>> FingerprintAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var lines = new List<string>();
        lines.AddRange(await db.Trainees.OrderBy(t => t.Id).Select(t => t.Id + " " + t.FullName + " " + t.UnitId).ToListAsync());
        lines.AddRange((await db.TrainingClasses.OrderBy(c => c.Id).Select(c => new { c.Id, c.ProgrammeId, c.Number, c.StartDate, c.Status, c.CompletionDecisionNumber, c.CompletionDecisionDate }).ToListAsync()).Select(c => c.ToString()!));
        lines.AddRange((await db.AttendanceRecords.OrderBy(a => a.EnrolmentId).ThenBy(a => a.SessionId).Select(a => new { a.EnrolmentId, a.SessionId, a.Status, a.Note }).ToListAsync()).Select(a => a.ToString()!));
        lines.AddRange((await db.AssessmentResults.OrderBy(r => r.EnrolmentId).Select(r => new { r.EnrolmentId, r.Score, r.ResitScore, r.GradeName, r.Completed }).ToListAsync()).Select(r => r.ToString()!));
        lines.AddRange((await db.Certificates.OrderBy(c => c.Year).ThenBy(c => c.SerialNumber).Select(c => new { c.EnrolmentId, c.Year, c.SerialNumber, c.RegisterNumber, c.IssueDate, c.GradeName }).ToListAsync()).Select(c => c.ToString()!));
        return lines;
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Demo_data_fills_a_believable_centre(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using (var db = database.CreateContext())
        {
            db.Programmes.AddRange(ProgrammeCatalogue.Create());
            await db.SaveChangesAsync();
            await new DemoDataSeeder(db, new DatabaseOptions { SeedDemoData = true }, NullLogger<DemoDataSeeder>.Instance, TimeProvider.System).SeedIfEnabledAsync();
        }

        await using (var db = database.CreateContext())
        {
            Assert.Equal(2000, await db.Trainees.CountAsync());
            Assert.Equal(0, await db.Trainees.CountAsync(t => t.UnitId == null));
            // Three years of fifteen classes, and one running today and two to come (perhaps in the next year).
            var years = await db.TrainingClasses.Select(c => c.Year).Distinct().CountAsync();
            Assert.InRange(years, 3, 4);
            Assert.Equal(48, await db.TrainingClasses.CountAsync());
            Assert.True(await db.Enrolments.CountAsync() > 1300);
            Assert.True(await db.ClassSessions.CountAsync() > 100);
            // The 2025 merger: old communes end on 30/06/2025 and point to their successor.
            var merged = await db.OrganisationUnits.Where(u => u.SucceededById != null).ToListAsync();
            Assert.Equal(16, merged.Count);
            Assert.All(merged, u => Assert.Equal(new DateOnly(2025, 6, 30), u.ValidTo));
            // Class numbers restart per programme and year and never repeat.
            var numbers = await db.TrainingClasses.Select(c => new { c.ProgrammeId, c.Year, c.Number, c.StartDate }).ToListAsync();
            foreach (var group in numbers.GroupBy(n => (n.ProgrammeId, n.Year)))
            {
                Assert.Equal(Enumerable.Range(1, group.Count()), group.Select(g => g.Number).Order());
                Assert.Equal(group.OrderBy(g => g.StartDate).ThenBy(g => g.Number).Select(g => g.Number), group.OrderBy(g => g.Number).Select(g => g.Number));
            }

            // Several programmes of the catalogue, the awareness and new-member classes most often.
            Assert.True(numbers.Select(n => n.ProgrammeId).Distinct().Count() >= 3);

            // Names are stored in Vietnamese order: family name first, given name last.
            var sample = await db.Trainees.OrderBy(t => t.SortKey).Take(3).Select(t => new { t.FullName, t.GivenName }).ToListAsync();
            Assert.All(sample, s => Assert.EndsWith(" " + s.GivenName, s.FullName));
            Assert.Contains(await db.TrainingClasses.Select(c => c.Status).Distinct().ToListAsync(), s => s == ClassStatus.Decided);
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_seed_that_fails_at_its_last_write_leaves_nothing_behind(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        int auditLines;
        await using (var db = database.CreateContext())
        {
            db.Programmes.AddRange(ProgrammeCatalogue.Create());
            await db.SaveChangesAsync();
            auditLines = await db.AuditEntries.CountAsync();
        }

        var failing = new FailOnAttendanceInsert();
        await using (var db = database.CreateContext(failing))
        {
            var seeder = new DemoDataSeeder(db, new DatabaseOptions { SeedDemoData = true }, NullLogger<DemoDataSeeder>.Instance, new FakeTimeProvider(Now));
            await Assert.ThrowsAsync<InvalidOperationException>(() => seeder.SeedIfEnabledAsync());
        }

        Assert.True(failing.Failed);
        await using (var db = database.CreateContext())
        {
            Assert.Equal((0, 0, 0, 0, auditLines), (await db.OrganisationUnits.CountAsync(), await db.Trainees.CountAsync(), await db.TrainingClasses.CountAsync(),
                await db.Certificates.CountAsync(), await db.AuditEntries.CountAsync()));
        }

        // The next start seeds the whole centre once.
        await using (var db = database.CreateContext())
        {
            await new DemoDataSeeder(db, new DatabaseOptions { SeedDemoData = true }, NullLogger<DemoDataSeeder>.Instance, new FakeTimeProvider(Now)).SeedIfEnabledAsync();
        }

        await using (var db = database.CreateContext())
        {
            Assert.Equal((2000, 48), (await db.Trainees.CountAsync(), await db.TrainingClasses.CountAsync()));
            Assert.True(await db.AttendanceRecords.CountAsync() > 10_000);
        }
    }

    /// <summary>Fails the first statement that writes attendance marks: the seed's last write.</summary>
    private sealed class FailOnAttendanceInsert : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public bool Failed { get; private set; }

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("INSERT INTO \"AttendanceRecords\"", StringComparison.Ordinal))
            {
                Failed = true;
                throw new InvalidOperationException("The disk is full (test).");
            }

            return ValueTask.FromResult(result);
        }
    }

    [Fact]
    public async Task Demo_data_is_off_by_default()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var db = database.CreateContext();
        await new DemoDataSeeder(db, new DatabaseOptions(), NullLogger<DemoDataSeeder>.Instance, TimeProvider.System).SeedIfEnabledAsync();
        Assert.False(await db.Trainees.AnyAsync());
        Assert.False(new DatabaseOptions().SeedDemoData);
    }
}
