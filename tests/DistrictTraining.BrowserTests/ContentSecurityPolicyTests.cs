using DistrictTraining.BrowserTests.Infrastructure;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Demo;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.BrowserTests;

/// <summary>
/// The content security policy allows only the portal's own files. Every main page, on the demo data, opens in
/// Chromium without a single script, style or image blocked by it (BrowserTest fails on any such console report),
/// and the pages' own scripts still run: the trainee form's script, the confirm-before-delete and print buttons.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private const string AdminPassword = "Dt-Trungtam#2026";

    [Fact]
    public async Task Every_main_page_opens_without_anything_blocked_by_the_policy()
    {
        await using var portal = new PortalApp().Start();
        await PortalSeed.CentreWithStaffAsync(portal, "Dt-Lophoc#2026");
        int classId, traineeId, programmeId, lecturerId;
        using (var scope = portal.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(2025);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            classId = await db.Set<TrainingClass>().Where(c => db.Set<ClassSession>().Any(s => s.ClassId == c.Id)).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            traineeId = await db.Set<Trainee>().OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
            programmeId = await db.Set<Programme>().OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            lecturerId = await db.Set<Lecturer>().OrderBy(l => l.Id).Select(l => l.Id).FirstAsync();
        }

        string[] urls =
        [
            "/", "/Dashboard", "/Reports", "/Reports/Summary", "/Reports/ByUnit", "/Reports/Cadre", "/Reports/Lecturers", "/Reports/Grades",
            "/Trainees", "/Trainees/Create", $"/Trainees/Details/{traineeId}", $"/Trainees/Edit/{traineeId}",
            "/Classes", "/Classes/Create", $"/Classes/Details/{classId}", $"/Classes/Edit/{classId}", $"/Roster/Index/{classId}",
            $"/Attendance/Index/{classId}", $"/Results/Index/{classId}", $"/RosterImport/Upload/{classId}", $"/ScoreImport/Upload/{classId}",
            "/Certificates", "/Certificates/Classes", $"/Certificates/PrintClass/{classId}", "/Certificates/PrintRegister",
            "/Lecturers", "/Programmes", $"/Programmes/Edit/{programmeId}", "/Plans", "/Units", "/Units/Merge", "/Units/Import",
            "/Centre", "/Centre/Served", "/Users", "/Users/Create", "/Account/ChangePassword",
            $"/CadreTraining/Person/{traineeId}", $"/CadreTraining/Create/{traineeId}", "/CadreTraining/Import", $"/Surveys/Class/{classId}",
            "/Surveys/Questionnaire", "/Surveys/Results", $"/Lecturers/Profile/{lecturerId}", $"/Observations/Create/{lecturerId}", "/ks",
        ];

        await RunAsync(portal, async page =>
        {
            await page.GotoAsync("/Verify");
            await PortalSeed.SignInAsync(page, "quantri", AdminPassword);
            var opened = new List<string>();
            foreach (var url in urls)
            {
                // GotoAsync returns once the page's load event fired: its scripts, styles and images were fetched (or
                // refused by the policy, which BrowserTest reports). Waiting for the network to stay idle added 0.5 s a page.
                var response = await page.GotoAsync(url);
                if (response is { Status: 200 })
                {
                    opened.Add(url);
                }
                else
                {
                    Output.WriteLine($"{url}: {response?.Status}");
                }
            }

            Assert.True(opened.Count >= urls.Length - 3, $"Only {opened.Count} of {urls.Length} pages opened: {string.Join(", ", urls.Except(opened))}");

            // The scripts moved out of the pages still work: site.js asks before deleting a session ...
            await page.GotoAsync($"/Classes/Details/{classId}");
            var delete = page.Locator("#timetable button[data-confirm]").First;
            if (await delete.CountAsync() > 0)
            {
                string? asked = null;
                page.Dialog += async (_, dialog) =>
                {
                    asked = dialog.Message;
                    await dialog.DismissAsync();
                };
                await delete.ClickAsync();
                await page.WaitForTimeoutAsync(300);
                Assert.StartsWith("Xóa buổi", asked);
                Assert.True(PageChecks.IsPath(page.Url, $"/Classes/Details/{classId}"), "dismissing the question must not delete");
            }

            // ... and the programme form's script (programmes.js) empties a grade-band row.
            await page.GotoAsync($"/Programmes/Edit/{programmeId}");
            var clear = page.Locator("[data-clear-row]").First;
            await clear.ClickAsync();
            Assert.Equal(string.Empty, await page.Locator("#grade-bands tbody tr").First.Locator("input").First.InputValueAsync());
        });
    }
}
