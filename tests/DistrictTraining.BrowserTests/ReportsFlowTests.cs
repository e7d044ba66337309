using System.Globalization;
using DistrictTraining.BrowserTests.Infrastructure;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Plans;
using DistrictTraining.Core.Trainees;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace DistrictTraining.BrowserTests;

/// <summary>
/// Issue 5's flow for a committee official: open the dashboard, change the year, open the summary
/// report, download its Excel file, and find the page's total in the file.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsFlowTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private const string Password = "Dt-Baocao#2026";

    [Fact]
    public async Task A_committee_official_reads_the_dashboard_then_downloads_the_summary_report()
    {
        await using var portal = new PortalApp().Start();
        await PortalSeed.CentreWithStaffAsync(portal, "Dt-Lophoc#2026");
        await SeedAsync(portal);

        await RunAsync(portal, async page =>
        {
            await PortalSeed.SignInAsync(page, "lanhdao", Password);

            // 1. The dashboard opens on this year, which has no classes.
            await page.GotoAsync("/Dashboard");
            await Expect(page.Locator("h1")).ToHaveTextAsync($"Tổng quan năm {DistrictTraining.Core.Common.VietnamTime.DateOfUtc(DateTime.UtcNow).Year}");
            await Expect(page.Locator("#card-trainees")).ToHaveTextAsync("0");

            // 2. Change the year to 2024: two classes of 25 and 20, against a plan of 2 classes and 50 trainees.
            await page.Locator("#filter-year").SelectOptionAsync("2024");
            await page.GetByRole(AriaRole.Button, new() { Name = "Xem", Exact = true }).ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("Tổng quan năm 2024");
            await Expect(page.Locator("#card-classes")).ToHaveTextAsync("2");
            await Expect(page.Locator("#card-trainees")).ToHaveTextAsync("45");
            await Expect(page.Locator("#card-trainee-share")).ToHaveTextAsync("90,0%");
            await Expect(page.Locator("svg#chart-trainees")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("ReportsFlow.dashboard", "png"), FullPage = true });

            // 3. The summary report of the same year.
            await page.Locator("#summary-link").ClickAsync();
            await page.WaitForURLAsync(url => PageChecks.IsPath(url, "/Reports/Summary"));
            var total = page.Locator("#summary-total");
            await Expect(total.Locator(".trainees")).ToHaveTextAsync("45");
            await Expect(total.Locator(".trainee-share")).ToHaveTextAsync("90,0%");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("ReportsFlow.summary", "png"), FullPage = true });

            // 4. Its Excel file: the totals row holds the page's total, as a number.
            var waiting = page.WaitForDownloadAsync();
            await page.Locator("#export-excel").ClickAsync();
            var download = await waiting;
            Assert.Equal("tong-hop-theo-chuong-trinh-2024.xlsx", download.SuggestedFilename);
            var path = Path.Combine(portal.DataDirectory, download.SuggestedFilename);
            await download.SaveAsAsync(path);
            var (label, trainees, share) = TotalsRow(path);
            Assert.Equal("Tổng cộng", label);
            Assert.Equal(45, trainees);
            Assert.Equal(0.9, share, 6);
        });
    }

    /// <summary>The totals row of the summary workbook: its label (column A), trainee-attendances (G) and share (H).</summary>
    private static (string? Label, double Trainees, double Share) TotalsRow(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var sheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var rows = sheet.Worksheet.Descendants<Row>().ToList();
        var last = rows[^1];
        string? Text(string column) => last.Elements<Cell>().FirstOrDefault(c => c.CellReference!.Value!.StartsWith(column, StringComparison.Ordinal))?.InnerText;
        double Number(string column) => double.Parse(last.Elements<Cell>().First(c => c.CellReference!.Value!.StartsWith(column, StringComparison.Ordinal)).CellValue!.Text, CultureInfo.InvariantCulture);
        return (Text("A"), Number("G"), Number("H"));
    }

    /// <summary>A committee official of the centre, and 2024's two awareness classes against the year's plan.</summary>
    private static async Task SeedAsync(PortalApp portal)
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var centreId = await db.TrainingCentres.Select(c => c.Id).SingleAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var official = new AppUser { UserName = "lanhdao", FullName = "Trần Văn Lãnh", CentreId = centreId, CreatedAt = DateTime.UtcNow, LockoutEnabled = true };
        Assert.True((await users.CreateAsync(official, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(official, Roles.CommitteeOfficial)).Succeeded);

        var programme = await db.Programmes.Where(p => p.Code == "NTD").Select(p => p.Id).SingleAsync();
        var commune = new OrganisationUnit { Name = "Xã Cát Hanh", Kind = UnitKind.Commune };
        db.OrganisationUnits.Add(commune);
        foreach (var (number, start, size) in new[] { (1, new DateOnly(2024, 3, 4), 25), (2, new DateOnly(2024, 9, 9), 20) })
        {
            var trainingClass = new TrainingClass { CentreId = centreId, ProgrammeId = programme, Year = 2024, Number = number, StartDate = start, EndDate = start.AddDays(4) };
            trainingClass.MoveTo(ClassStatus.Open);
            trainingClass.MoveTo(ClassStatus.Finished);
            db.TrainingClasses.Add(trainingClass);
            for (var i = 0; i < size; i++)
            {
                var trainee = new Trainee { FamilyName = "Nguyễn", MiddleName = "Văn", GivenName = $"Học Viên {number}-{i}", Unit = commune };
                db.Enrolments.Add(new Enrolment { Class = trainingClass, Trainee = trainee, Unit = commune, EnrolledAt = DateTime.UtcNow });
            }
        }

        db.AnnualPlans.Add(new AnnualPlan { CentreId = centreId, Year = 2024, ProgrammeId = programme, PlannedClasses = 2, PlannedTrainees = 50 });
        await db.SaveChangesAsync();
    }
}
