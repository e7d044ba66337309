using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Reports;
using DistrictTraining.Core.Trainees;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Reports;

/// <summary>
/// ClassTallies and CertificateTallies (ADR-016) are kept by database triggers: after every kind of write to
/// enrolments, results and certificates, through EF or set-based, they must hold exactly what counting the
/// rows themselves gives, and the reports read from them must give the figures worked out by hand.
/// </summary>
public class ReportTallyTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Tallies_follow_every_write_to_enrolments_results_and_certificates(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var w = await ReportWorld.SeedAsync(database);
        await AssertInStepAsync(database, "after seeding");

        await using var db = database.CreateContext();
        var classes = await db.TrainingClasses.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        var graded = await db.Enrolments.Include(e => e.Result)
            .Where(e => e.Status == EnrolmentStatus.Active && e.Result != null && e.Result.GradeName != null)
            .OrderBy(e => e.Id).FirstAsync();

        // Withdrawn with a result, then reinstated.
        graded.Withdraw("Chuyển công tác", DateTime.UtcNow);
        await db.SaveChangesAsync();
        await AssertInStepAsync(database, "withdrawn");
        graded.Reinstate();
        await db.SaveChangesAsync();
        await AssertInStepAsync(database, "reinstated");

        // The result changes grade, then completion, then completion becomes undecided, then it is deleted and recorded again.
        graded.Result!.GradeName = "Trung bình";
        await db.SaveChangesAsync();
        await AssertInStepAsync(database, "grade changed");
        graded.Result.Completed = false;
        graded.Result.GradeName = null;
        await db.SaveChangesAsync();
        await AssertInStepAsync(database, "not completed");
        graded.Result.Completed = null;
        await db.SaveChangesAsync();
        await AssertInStepAsync(database, "completion open");
        db.AssessmentResults.Remove(graded.Result);
        await db.SaveChangesAsync();
        await AssertInStepAsync(database, "result deleted");
        db.AssessmentResults.Add(new AssessmentResult { EnrolmentId = graded.Id, GradeName = "Xuất sắc", Completed = true, Score = 9.5m });
        await db.SaveChangesAsync();
        await AssertInStepAsync(database, "result recorded");

        // A new enrolment, moved to another class, then deleted.
        var trainee = new Trainee { FamilyName = "Trần", MiddleName = "Thị", GivenName = "Mới" };
        var added = new Enrolment { ClassId = classes[0], Trainee = trainee, UnitId = w.X, EnrolledAt = DateTime.UtcNow };
        db.Enrolments.Add(added);
        await db.SaveChangesAsync();
        await AssertInStepAsync(database, "enrolled");
        added.ClassId = classes[1];
        await db.SaveChangesAsync();
        await AssertInStepAsync(database, "moved");
        db.Enrolments.Remove(added);
        await db.SaveChangesAsync();
        await AssertInStepAsync(database, "enrolment deleted");

        // Certificates: revoked, reissued, redated.
        var certificate = await db.Certificates.Where(c => c.Status == CertificateStatus.Valid).OrderBy(c => c.Id).FirstAsync();
        certificate.Revoke("Cấp nhầm", DateTime.UtcNow);
        await db.SaveChangesAsync();
        await AssertInStepAsync(database, "certificate revoked");
        db.Certificates.Add(new Certificate
        {
            CentreId = certificate.CentreId, EnrolmentId = certificate.EnrolmentId, IssueSequence = certificate.IssueSequence + 1,
            Year = certificate.Year, SerialNumber = 900, RegisterNumber = 900, IssueDate = certificate.IssueDate.AddDays(30),
            SignerName = "Nguyễn Văn Giám", VerificationCode = Guid.NewGuid().ToString("N"), ReplacesCertificateId = certificate.Id,
        });
        await db.SaveChangesAsync();
        await AssertInStepAsync(database, "certificate reissued");
        await db.Certificates.Where(c => c.SerialNumber == 900).ExecuteUpdateAsync(s => s.SetProperty(c => c.IssueDate, c => c.IssueDate.AddDays(1)));
        await AssertInStepAsync(database, "certificate redated set-based");

        // Set-based writes, as an import or a bulk tool would do them: a whole class withdrawn, its results deleted.
        var busy = await db.Enrolments.Where(e => e.Status == EnrolmentStatus.Active).GroupBy(e => e.ClassId)
            .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        await db.AssessmentResults.Where(r => r.Enrolment!.ClassId == busy).ExecuteDeleteAsync();
        await AssertInStepAsync(database, "results deleted set-based");
        await db.Enrolments.Where(e => e.ClassId == busy).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EnrolmentStatus.Withdrawn));
        await AssertInStepAsync(database, "class withdrawn set-based");
        await db.Enrolments.Where(e => e.ClassId == busy).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EnrolmentStatus.Active));
        await AssertInStepAsync(database, "class reinstated set-based");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Grades_and_summary_follow_a_withdrawal_and_a_changed_result(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var w = await ReportWorld.SeedAsync(database);
        await using (var db = database.CreateContext())
        {
            // Hạnh (C1, X, Giỏi) is withdrawn; Hải (C1, X, Khá) is regraded Xuất sắc.
            var hanh = await db.Enrolments.Include(e => e.Trainee).SingleAsync(e => e.Trainee!.GivenName == "Hạnh");
            hanh.Withdraw("Chuyển công tác", DateTime.UtcNow);
            var hai = await db.AssessmentResults.SingleAsync(r => r.Enrolment!.Trainee!.GivenName == "Hải");
            hai.GradeName = "Xuất sắc";
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var reports = ReportWorld.Reports(read, w.StaffA);
        var year = new ReportFilter { Year = 2024 };

        // By hand, from ReportWorld: C1 had 5 active trainees (Hạnh Giỏi, Hải Khá, Tâm Khá, Thảo not completed, Phúc no result).
        // Now 4: Hải Xuất sắc, Tâm Khá, Thảo not completed, Phúc no result.
        var grades = await reports.GradesAsync(year);
        var ntd = grades.Rows.Single(r => r.ProgrammeId == w.Ntd);
        Assert.Equal(4, ntd.Trainees);
        Assert.Equal(1, ntd.GradeCounts[grades.Grades.ToList().IndexOf("Xuất sắc")]);
        Assert.DoesNotContain("Giỏi", grades.Grades); // no active trainee of a held class keeps it
        Assert.Equal(1, ntd.GradeCounts[grades.Grades.ToList().IndexOf("Khá")]);
        Assert.Equal((0, 1, 1), (ntd.CompletedUngraded, ntd.NotCompleted, ntd.NoResult));

        var summary = await reports.SummaryAsync(year);
        Assert.Equal(4, summary.Rows.Single(r => r.ProgrammeId == w.Ntd).Trainees);

        // The dashboard's trend and summary read the same tallies.
        var dashboard = await reports.DashboardAsync(new ReportFilter { Year = 2024 });
        Assert.Equal(summary.Total.Trainees, dashboard.Trend.Single(t => t.Year == 2024).Trainees);
        Assert.Equal(summary.Total.Trainees, dashboard.Summary.Total.Trainees);
    }

    /// <summary>The tallies against the same counts made from the rows themselves.</summary>
    private static async Task AssertInStepAsync(TestDatabase database, string step)
    {
        await using var db = database.CreateContext();
        var expected = (await db.Enrolments.AsNoTracking().Where(e => e.Status == EnrolmentStatus.Active)
                .Select(e => new
                {
                    e.ClassId,
                    Kind = e.Result == null ? ClassTally.NoResult
                        : e.Result.Completed == null ? ClassTally.CompletionOpen
                        : e.Result.Completed == false ? ClassTally.NotCompleted
                        : ClassTally.Completed,
                    Grade = e.Result == null ? "" : e.Result.GradeName ?? "",
                })
                .ToListAsync())
            .GroupBy(x => (x.ClassId, x.Kind, x.Grade))
            .Select(g => $"{g.Key.ClassId}/{g.Key.Kind}/{g.Key.Grade}: {g.Count()}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var tallies = await db.ClassTallies.AsNoTracking().ToListAsync();
        Assert.True(tallies.All(t => t.Trainees >= 0), $"{step}: a negative class tally");
        var actual = tallies.Where(t => t.Trainees != 0)
            .Select(t => $"{t.ClassId}/{t.ResultKind}/{t.GradeName}: {t.Trainees}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(expected.SequenceEqual(actual), $"{step}: expected [{string.Join(", ", expected)}] but the tallies hold [{string.Join(", ", actual)}]");

        var expectedCertificates = (await db.Certificates.AsNoTracking()
                .Select(c => new { c.IssueDate, c.Enrolment!.ClassId, c.CentreId, c.Year, c.Status, Reissue = c.ReplacesCertificateId != null })
                .ToListAsync())
            .GroupBy(x => x)
            .Select(g => $"{g.Key.IssueDate:yyyy-MM-dd}/{g.Key.ClassId}/{g.Key.CentreId}/{g.Key.Year}/{g.Key.Status}/{g.Key.Reissue}: {g.Count()}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var certificateTallies = await db.CertificateTallies.AsNoTracking().ToListAsync();
        Assert.True(certificateTallies.All(t => t.Certificates >= 0), $"{step}: a negative certificate tally");
        var actualCertificates = certificateTallies.Where(t => t.Certificates != 0)
            .Select(t => $"{t.IssueDate:yyyy-MM-dd}/{t.ClassId}/{t.CentreId}/{t.Year}/{t.Status}/{t.Reissue}: {t.Certificates}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(expectedCertificates.SequenceEqual(actualCertificates),
            $"{step}: expected [{string.Join(", ", expectedCertificates)}] but the tallies hold [{string.Join(", ", actualCertificates)}]");
    }
}
