using DistrictTraining.BrowserTests.Infrastructure;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Trainees;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace DistrictTraining.BrowserTests;

/// <summary>
/// A clerk's morning: the home page says today's session has no attendance yet and leads to it; the class page
/// hands over the opening decision as a Word file in the Party's layout.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkQueueFlowTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private const string Password = "Dt-Buoisang#2026";

    [Fact]
    public async Task The_home_page_leads_to_todays_unmarked_session_and_the_class_page_gives_its_decision_in_Word()
    {
        await using var portal = new PortalApp().Start();
        var classId = await SeedAsync(portal);

        await RunAsync(portal, async page =>
        {
            await PortalSeed.SignInAsync(page, PortalSeed.StaffUserName, Password);
            await page.GotoAsync("/");
            await Expect(page.Locator("#work-queue-title")).ToContainTextAsync("Việc cần làm");
            var sessions = page.Locator("#sessions-to-mark li");
            await Expect(sessions).ToHaveCountAsync(1);
            await Expect(sessions).ToContainTextAsync("Chủ nghĩa Mác – Lênin");
            await Expect(sessions).ToContainTextAsync("đã điểm danh 0/2 học viên");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("WorkQueueFlowTests.home", "png"), FullPage = true });
            await sessions.GetByRole(AriaRole.Link).ClickAsync();
            await page.WaitForURLAsync(url => PageChecks.IsPath(url, $"/Attendance/Index/{classId}"));

            await page.GotoAsync($"/Classes/Details/{classId}");
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#opening-decision").ClickAsync());
            Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
            var path = TestArtifacts.PathFor("WorkQueueFlowTests.opening", "docx");
            await download.SaveAsAsync(path);
            using var document = WordprocessingDocument.Open(path, false);
            var text = document.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains("ĐẢNG CỘNG SẢN VIỆT NAM", text, StringComparison.Ordinal);
            Assert.Contains("TRUNG TÂM CHÍNH TRỊ PHÙ CÁT", text, StringComparison.Ordinal);
            Assert.Contains("Nguyễn Thị Hồng", text, StringComparison.Ordinal);
        });
    }

    /// <summary>An open class of two, with a session this morning (Vietnam's date) that no one has marked.</summary>
    private static async Task<int> SeedAsync(PortalApp portal)
    {
        var centreId = await PortalSeed.CentreWithStaffAsync(portal, Password);
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var today = VietnamTime.DateOfUtc(DateTime.UtcNow);
        var programme = await db.Programmes.SingleAsync(p => p.Code == "NTD");
        var trainingClass = new TrainingClass
        {
            CentreId = centreId, ProgrammeId = programme.Id, Year = today.Year, Number = 1,
            StartDate = today.AddDays(-1), EndDate = today.AddDays(3),
        };
        trainingClass.MoveTo(ClassStatus.Open);
        foreach (var given in new[] { "Hồng", "Bình" })
        {
            trainingClass.Enrolments.Add(new Enrolment
            {
                Trainee = new Trainee { FamilyName = "Nguyễn", MiddleName = "Thị", GivenName = given, DateOfBirth = new DateOnly(1990, 5, 14) },
                EnrolledAt = DateTime.UtcNow,
            });
        }

        trainingClass.Sessions.Add(new ClassSession { Date = today, Part = DayPart.Morning, Topic = "Chủ nghĩa Mác – Lênin", Periods = 4 });
        db.TrainingClasses.Add(trainingClass);
        await db.SaveChangesAsync();
        return trainingClass.Id;
    }
}
