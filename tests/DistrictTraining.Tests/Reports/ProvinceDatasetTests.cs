extern alias bench;

using bench::DistrictTraining.Bench;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Reports;
using DistrictTraining.Core.Trainees;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Reports;

/// <summary>The load-run dataset generator (tools/DistrictTraining.Bench "province"), at a small size, on both providers.</summary>
public class ProvinceDatasetTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Generated_rows_are_read_and_updated_by_the_portal_and_the_reports_count_them_as_generated(Provider provider)
    {
        await using var database = TestDatabase.Create(provider);
        var options = new ProvinceOptions { Centres = 2, CommunesPerDistrict = 6, Trainees = 2_000, Enrolments = 6_000, FirstYear = 2023, LastYear = 2025, Password = "Bench#2026pass" };
        var summary = await ProvinceDataset.GenerateAsync(database.PortalProvider, database.ConnectionString, options, TextWriter.Null);

        await using var db = database.CreateContext();
        Assert.Equal(2_000, await db.Trainees.CountAsync());
        Assert.Equal(summary.Classes, await db.TrainingClasses.CountAsync());
        Assert.Equal(summary.Enrolments, await db.Enrolments.CountAsync());
        Assert.Equal(summary.Results, await db.AssessmentResults.CountAsync());
        Assert.Equal(summary.Certificates, await db.Certificates.CountAsync());
        Assert.InRange(summary.Enrolments, 4_000, 8_000);
        Assert.Equal(2 * 2 * 15, await db.Trainees.CountAsync(t => t.CommitteeRole != CommitteeRole.None)); // 15 per merged commune
        Assert.Equal(["lanhdao", "quantri", "tinh"], await db.Users.OrderBy(u => u.UserName).Select(u => u.UserName!).ToListAsync());

        // The reports count exactly what the generator held, year by year, at the first centre.
        var reports = new ReportService(db, new FixedUserScope(summary.FirstCentreId, CanEdit: false), TimeProvider.System);
        Assert.Equal([2023, 2024, 2025], summary.FirstCentreByYear.Keys.Order());
        foreach (var (year, expected) in summary.FirstCentreByYear)
        {
            var report = await reports.SummaryAsync(new ReportFilter { Year = year });
            Assert.Equal(expected, (report.Total.HeldClasses, report.Total.Trainees));
            Assert.NotNull(report.Total.PlannedTrainees);
        }

        // Before 01/07/2025 people enrolled under the old communes, which are merged today.
        var byUnit = await reports.ByUnitAsync(new ReportFilter { Year = 2024 });
        Assert.All(byUnit.Rows, r => Assert.NotNull(r.MergedIntoName));
        Assert.Equal(2, byUnit.CurrentUnits.Count); // six communes merged three into one
        Assert.Equal(summary.FirstCentreByYear[2024].Trainees, byUnit.Total);

        // EF Core updates a generated row under its concurrency check (GUIDs and dates stored as it stores them),
        // and new rows get ids after the generated ones.
        var enrolment = await db.Enrolments.Where(e => e.Status == EnrolmentStatus.Active).OrderBy(e => e.Id).FirstAsync();
        enrolment.Withdraw("Kiểm tra", DateTime.UtcNow);
        await db.SaveChangesAsync();
        var trainee = new Trainee { FamilyName = "Nguyễn", MiddleName = "Văn", GivenName = "Mới" };
        db.Trainees.Add(trainee);
        await db.SaveChangesAsync();
        Assert.Equal(2_001, trainee.Id);
    }
}
