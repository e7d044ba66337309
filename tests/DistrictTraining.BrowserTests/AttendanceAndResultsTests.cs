using System.Text.RegularExpressions;
using DistrictTraining.BrowserTests.Infrastructure;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Trainees;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace DistrictTraining.BrowserTests;

/// <summary>
/// A class of 25 from attendance to results in the browser: marking with the keyboard and "mark the empty
/// cells present", one trainee below 80%; scores typed with a comma, one failure passed at the resit.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AttendanceAndResultsTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private const string Password = "Dt-Lophoc#2026";

    [Fact]
    public async Task A_class_of_25_is_marked_one_trainee_falls_below_80_percent_and_scores_pass_at_the_resit()
    {
        // A portal of its own: the class and accounts below are all this test needs.
        await using var portal = new PortalApp().Start();
        var (classId, names) = await SeedAsync(portal);

        await RunAsync(portal, async page =>
        {
            await page.GotoAsync("/Account/Login");
            await page.FillAsync("#UserName", "giaovu");
            await page.FillAsync("#Password", Password);
            await page.Locator("form").Filter(new LocatorFilterOptions { Has = page.Locator("#UserName") }).Locator("button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(url => !PageChecks.IsPath(url, "/Account/Login"));

            // --- Attendance: the third trainee misses two sessions and is excused from a third.
            await page.GotoAsync($"/Attendance/Index/{classId}");
            await Expect(page.Locator("#attendance tbody tr")).ToHaveCountAsync(25);
            await Expect(page.Locator("#back-to-roster")).ToHaveAttributeAsync("href", $"/Roster/Index/{classId}");
            var third = page.Locator("#attendance tbody tr").Nth(2);
            await Expect(third.Locator("th")).ToHaveTextAsync(names[2]);

            var cells = third.Locator("input.att");
            await cells.Nth(0).FocusAsync();
            await page.Keyboard.PressAsync("k");           // K, then the focus moves down a row
            await page.Keyboard.PressAsync("ArrowUp");
            await page.Keyboard.PressAsync("ArrowRight");
            await Expect(cells.Nth(1)).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("3");           // K again, as a digit
            await page.Keyboard.PressAsync("ArrowUp");
            await page.Keyboard.PressAsync("ArrowRight");
            await page.Keyboard.PressAsync("p");           // excused: still an absence
            await Expect(cells.Nth(0)).ToHaveValueAsync("K");
            await Expect(cells.Nth(1)).ToHaveValueAsync("K");
            await Expect(cells.Nth(2)).ToHaveValueAsync("P");

            // A typo is cleared with Delete; letters that are not marks are ignored.
            var fourth = page.Locator("#attendance tbody tr").Nth(3).Locator("input.att");
            await fourth.Nth(0).FocusAsync();
            await page.Keyboard.PressAsync("x");
            await Expect(fourth.Nth(0)).ToHaveValueAsync("");
            await page.Keyboard.PressAsync("2");
            await fourth.Nth(0).FocusAsync();
            await page.Keyboard.PressAsync("Delete");
            await Expect(fourth.Nth(0)).ToHaveValueAsync("");

            // "Mark the empty cells present" fills the other 247 cells and leaves the three marks alone.
            await page.ClickAsync("#fill-empty");
            await Expect(page.Locator("#grid-status")).ToContainTextAsync("Đã điền \"Có mặt\" vào 247 ô còn trống");
            await Expect(cells.Nth(0)).ToHaveValueAsync("K");
            await Expect(cells.Nth(2)).ToHaveValueAsync("P");
            Assert.Equal(0, await page.EvalOnSelectorAllAsync<int>("#attendance input.att", "inputs => inputs.filter(i => i.value === '').length"));

            await page.ClickAsync("#save-attendance");
            await Expect(page.Locator("main .alert-success")).ToHaveTextAsync("Đã lưu điểm danh (250 ô).");
            await Expect(third.Locator(".att-eligibility")).ToContainTextAsync("Không đủ điều kiện dự kiểm tra cuối khóa");
            await Expect(third.Locator(".att-eligibility")).ToContainTextAsync("Tham dự 28/40 tiết (70,0%), dưới mức 80%");
            await Expect(page.Locator("#attendance .not-eligible")).ToHaveCountAsync(1);
            await Expect(page.Locator("#attendance tbody tr").Nth(0)).ToContainTextAsync("100,0%");
            await ScreenshotAsync(page, "attendance-grid");

            // --- Results: scores typed with a comma; the third trainee cannot be scored.
            await page.ClickAsync($"a[href='/Results/Index/{classId}']");
            await page.WaitForURLAsync(url => PageChecks.IsPath(url, $"/Results/Index/{classId}"));
            var rows = page.Locator("#results tbody tr");
            await Expect(rows).ToHaveCountAsync(25);
            await Expect(rows.Nth(2).Locator("input.score").First).ToHaveAttributeAsync("readonly", new Regex(".*"));
            for (var i = 0; i < 25; i++)
            {
                if (i == 2)
                {
                    continue;
                }

                await rows.Nth(i).Locator("input.score").First.FillAsync(i == 5 ? "4,5" : i % 3 == 0 ? "8.5" : "7,0");
            }

            await page.ClickAsync("#save-results");
            await Expect(page.Locator("main .alert-success")).ToHaveTextAsync("Đã lưu kết quả của 24 học viên.");
            await Expect(rows.Nth(5).Locator(".results-outcome")).ToContainTextAsync("Không hoàn thành");
            await Expect(rows.Nth(5).Locator(".results-outcome")).ToContainTextAsync("Điểm 4,5 dưới điểm đạt 5,0");
            await Expect(rows.Nth(2).Locator(".results-outcome")).ToContainTextAsync("Không đủ điều kiện dự kiểm tra cuối khóa");
            await Expect(rows.Nth(0)).ToContainTextAsync("Giỏi");

            // The resit passes.
            await rows.Nth(5).Locator("input.score").Nth(1).FillAsync("6,5");
            await page.ClickAsync("#save-results");
            await Expect(rows.Nth(5).Locator(".results-outcome")).ToHaveTextAsync(new Regex(@"^\s*Hoàn thành\s*$"));
            await Expect(rows.Nth(5)).ToContainTextAsync("Trung bình");
            await Expect(page.Locator("#results-summary")).ToContainTextAsync("Hoàn thành: 24");
            await Expect(page.Locator("#results-summary")).ToContainTextAsync("Không hoàn thành: 1");
            await Expect(page.Locator("#results-summary")).ToContainTextAsync("Chưa có kết quả: 0");
            await ScreenshotAsync(page, "results-entry");

            // The class ends (ClassLifecycle: the decision needs a finished class), then the completion decision closes the results.
            await page.GotoAsync($"/Classes/Details/{classId}");
            await page.Locator("#status-actions button", new PageLocatorOptions { HasText = "Kết thúc lớp" }).ClickAsync();
            await Expect(page.Locator("#class-status")).ToHaveTextAsync("Đã kết thúc");
            await page.GotoAsync($"/Results/Index/{classId}");
            await page.FillAsync("#Decision_Number", "25-QĐ/TTCT");
            await page.FillAsync("#Decision_Date", "2026-03-10");
            await page.FillAsync("#Decision_Signer", "Nguyễn Văn Giám");
            await page.ClickAsync("#save-decision");
            await Expect(page.Locator("#decision-text")).ToHaveTextAsync("Quyết định số 25-QĐ/TTCT ngày 10/03/2026, người ký: Nguyễn Văn Giám.");
            await Expect(page.Locator("#results input.score")).ToHaveCountAsync(0);
            await ScreenshotAsync(page, "results");
        });
    }

    /// <summary>The centre, a staff account, and a class of 25 with 10 past sessions of 4 periods.</summary>
    private static async Task<(int ClassId, List<string> Names)> SeedAsync(PortalApp portal)
    {
        using var scope = portal.Services.CreateScope();
        var services = scope.ServiceProvider;
        var setup = services.GetRequiredService<SetupService>();
        Assert.Empty(await setup.CompleteAsync(new SetupRequest("Trung tâm Chính trị huyện Thử Nghiệm", "quantri", "Quản trị", Password)));
        var db = services.GetRequiredService<AppDbContext>();
        var centre = await db.TrainingCentres.SingleAsync();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var staff = new AppUser { UserName = "giaovu", FullName = "Lê Thị Giáo Vụ", CentreId = centre.Id, CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(staff, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(staff, Roles.CentreStaff)).Succeeded);

        var programme = await db.Programmes.SingleAsync(p => p.Code == "NTD");
        var trainingClass = new TrainingClass
        {
            CentreId = centre.Id, ProgrammeId = programme.Id, Year = 2026, Number = 3,
            StartDate = new DateOnly(2026, 3, 2), EndDate = new DateOnly(2026, 3, 6),
        };
        db.TrainingClasses.Add(trainingClass);
        string[] families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng"];
        string[] middles = ["Văn", "Thị", "Minh", "Ngọc", "Đức"];
        string[] givens = ["An", "Bình", "Cường", "Dũng", "Giang"];
        var people = Enumerable.Range(0, 25).Select(i => new Trainee
        {
            FamilyName = families[i % 5], MiddleName = middles[i / 5], GivenName = givens[(i + (i / 5)) % 5],
            DateOfBirth = new DateOnly(1985 + i, 1 + (i % 12), 10),
        }).ToList();
        db.Trainees.AddRange(people);
        await db.SaveChangesAsync();
        db.Enrolments.AddRange(people.Select(p => new Enrolment { ClassId = trainingClass.Id, TraineeId = p.Id, EnrolledAt = DateTime.UtcNow }));
        for (var i = 0; i < 10; i++)
        {
            db.ClassSessions.Add(new ClassSession
            {
                ClassId = trainingClass.Id, Date = new DateOnly(2026, 3, 2).AddDays(i / 2), Part = i % 2 == 0 ? DayPart.Morning : DayPart.Afternoon,
                Topic = $"Chuyên đề {i + 1}", Periods = 4,
            });
        }

        await db.SaveChangesAsync();
        var names = await db.Enrolments.Where(e => e.ClassId == trainingClass.Id).OrderBy(e => e.Trainee!.SortKey)
            .Select(e => e.Trainee!.FullName).ToListAsync();
        return (trainingClass.Id, names);
    }

    /// <summary>With DT_SCREENSHOTS set, keeps a full-page screenshot there to look at.</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("DT_SCREENSHOTS") is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
        }
    }
}
