using DistrictTraining.BrowserTests.Infrastructure;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace DistrictTraining.BrowserTests;

/// <summary>
/// One class from opening to certificates, as centre staff walk it: the first attendance opens the class, the
/// decision waits for its end, certificates are issued; after the decision every edit that feeds a certificate
/// is refused in Vietnamese; an amendment corrects a session's periods, which drops a trainee below 80%: her
/// certificate is flagged on the class page and the public verification page no longer says valid.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ClassLifecycleTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private const string Password = "Dt-Lophoc#2026";

    [Fact]
    public async Task A_class_walks_from_opening_to_certificates_and_an_amendment_flags_the_certificate_it_undermines()
    {
        await using var portal = new PortalApp().Start();
        var (classId, sessionIds, names) = await SeedAsync(portal);

        await RunAsync(portal, async page =>
        {
            await PortalSeed.SignInAsync(page, PortalSeed.StaffUserName, Password);

            // Planned: no scores yet; the attendance page says the first save opens the class.
            await page.GotoAsync($"/Classes/Details/{classId}");
            await Expect(page.Locator("#class-status")).ToHaveTextAsync("Kế hoạch");
            await page.GotoAsync($"/Results/Index/{classId}");
            await Expect(page.Locator("main")).ToContainTextAsync("Lớp chưa khai giảng: chưa thể nhập điểm.");
            await page.GotoAsync($"/Attendance/Index/{classId}");
            await Expect(page.Locator("#opens-class")).ToContainTextAsync("chuyển lớp sang trạng thái \"Đang học\"");

            // The second trainee misses the first two sessions (32 of 40 periods: 80%, just enough).
            var second = page.Locator("#attendance tbody tr").Nth(1).Locator("input.att");
            await second.Nth(0).FocusAsync();
            await page.Keyboard.PressAsync("k");
            await page.Keyboard.PressAsync("ArrowUp");
            await page.Keyboard.PressAsync("ArrowRight");
            await page.Keyboard.PressAsync("k");
            await page.ClickAsync("#fill-empty");
            await page.ClickAsync("#save-attendance");
            await Expect(page.Locator("main .alert-success")).ToHaveTextAsync("Đã lưu điểm danh (50 ô).");
            await page.GotoAsync($"/Classes/Details/{classId}");
            await Expect(page.Locator("#class-status")).ToHaveTextAsync("Đang học");

            // Scores, then a decision that must wait for the end of the class.
            await page.GotoAsync($"/Results/Index/{classId}");
            var rows = page.Locator("#results tbody tr");
            for (var i = 0; i < names.Count; i++)
            {
                await rows.Nth(i).Locator("input.score").First.FillAsync("7,5");
            }

            await page.ClickAsync("#save-results");
            await Expect(page.Locator("#results-summary")).ToContainTextAsync("Hoàn thành: 5");
            await DecideAsync(page);
            await Expect(page.Locator("#decision-error")).ToContainTextAsync("chỉ ghi quyết định công nhận hoàn thành sau khi kết thúc lớp");
            await page.GotoAsync($"/Classes/Details/{classId}");
            await page.Locator("#status-actions button", new PageLocatorOptions { HasText = "Kết thúc lớp" }).ClickAsync();
            await Expect(page.Locator("#class-status")).ToHaveTextAsync("Đã kết thúc");
            await page.GotoAsync($"/Results/Index/{classId}");
            await DecideAsync(page);
            await Expect(page.Locator("#decision-text")).ToHaveTextAsync("Quyết định số 25-QĐ/TTCT ngày 10/03/2026, người ký: Nguyễn Văn Giám.");

            // Certificates: the numbers are shown before they are taken.
            await page.GotoAsync($"/Certificates/Class/{classId}");
            await page.FillAsync("#Issue_IssueDate", "2026-03-12");
            await page.Locator("#issue-form button[type=submit]").ClickAsync();
            await Expect(page.Locator("#issue-count")).ToHaveTextAsync("5");
            await page.Locator("#confirm-form button[type=submit]").ClickAsync();
            await Expect(page.Locator("#all-issued")).ToBeVisibleAsync();

            // Frozen: roster, attendance, scores, the timetable and the class dates refuse, in Vietnamese.
            await page.GotoAsync($"/Roster/Index/{classId}");
            await Expect(page.Locator("#roster-locked")).ToContainTextAsync("danh sách học viên đã được chốt");
            await page.GotoAsync($"/Attendance/Index/{classId}");
            await Expect(page.Locator("main")).ToContainTextAsync("điểm danh đã được chốt");
            await Expect(page.Locator("#attendance input.att:not([readonly])")).ToHaveCountAsync(0);
            await page.GotoAsync($"/Results/Index/{classId}");
            await Expect(page.Locator("main")).ToContainTextAsync("điểm và kết quả đã được chốt");
            await page.GotoAsync($"/Classes/EditSession/{sessionIds[0]}");
            await page.FillAsync("#Periods", "10");
            await page.Locator("#session-form button[type=submit]").ClickAsync();
            await Expect(page.Locator("#session-form .alert-danger")).ToContainTextAsync("thời khóa biểu (buổi học, số tiết) đã được chốt");
            await page.GotoAsync($"/Classes/Edit/{classId}");
            await page.FillAsync("#EndDate", "2026-03-20");
            await page.Locator("main button[type=submit]", new PageLocatorOptions { HasText = "Lưu" }).First.ClickAsync();
            await Expect(page.Locator("main .alert-danger").First).ToContainTextAsync("đã được chốt");

            // An amendment with a reason reopens the timetable only; the missed morning had 10 periods.
            await page.GotoAsync($"/Classes/Details/{classId}");
            await page.CheckAsync("#part-Timetable");
            await page.FillAsync("#amendment-reason", "Buổi sáng 02/03 học 10 tiết, cán bộ nhập nhầm 4 tiết");
            await page.ClickAsync("#open-amendment-button");
            await Expect(page.Locator("#open-amendment")).ToContainTextAsync("thời khóa biểu");
            await page.GotoAsync($"/Classes/EditSession/{sessionIds[0]}");
            await page.FillAsync("#Periods", "10");
            await page.Locator("#session-form button[type=submit]").ClickAsync();
            await Expect(page.Locator("main .alert-success")).ToHaveTextAsync("Đã lưu buổi học.");
            await page.ClickAsync("#close-amendment");
            await Expect(page.Locator("main .alert-success")).ToContainTextAsync("1 giấy chứng nhận không còn đủ căn cứ");
            await Expect(page.Locator("#certificates-at-risk")).ToContainTextAsync(names[1]);
            await Expect(page.Locator("#amendments tbody tr")).ToHaveCountAsync(1);
            await Expect(page.Locator("#amendments")).ToContainTextAsync("cán bộ nhập nhầm 4 tiết");
            await ScreenshotAsync(page, "class-amended");

            // The public page, opened as a stranger would from the QR code, no longer says valid.
            var code = await CodeAsync(portal, names[1]);
            var stranger = await BrowserFixture.NewContextAsync(portal.BaseUrl);
            try
            {
                var visitor = await stranger.NewPageAsync();
                await visitor.GotoAsync($"/Verify/{code}");
                await Expect(visitor.Locator("#verify-status")).ToHaveAttributeAsync("data-state", "UnderReview");
                await Expect(visitor.Locator("#verify-status")).ToContainTextAsync("Đang xem xét lại");
                await Expect(visitor.Locator("#verify-status")).Not.ToContainTextAsync("Có hiệu lực");
                var other = await CodeAsync(portal, names[2]);
                await visitor.GotoAsync($"/Verify/{other}");
                await Expect(visitor.Locator("#verify-status")).ToContainTextAsync("Có hiệu lực");
            }
            finally
            {
                await stranger.CloseAsync();
            }
        });
    }

    private static async Task DecideAsync(IPage page)
    {
        await page.FillAsync("#Decision_Number", "25-QĐ/TTCT");
        await page.FillAsync("#Decision_Date", "2026-03-10");
        await page.FillAsync("#Decision_Signer", "Nguyễn Văn Giám");
        await page.ClickAsync("#save-decision");
    }

    private static async Task<string> CodeAsync(PortalApp portal, string fullName)
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Certificates.Where(c => c.Enrolment!.Trainee!.FullName == fullName).Select(c => c.VerificationCode).SingleAsync();
    }

    /// <summary>The centre with its director, a staff account, and a planned class of 5 with 10 sessions of 4 periods.</summary>
    private static async Task<(int ClassId, List<int> SessionIds, List<string> Names)> SeedAsync(PortalApp portal)
    {
        await PortalSeed.CentreWithStaffAsync(portal, Password);
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var centre = await db.TrainingCentres.SingleAsync();
        centre.DirectorName = "Nguyễn Văn Giám";

        var programme = await db.Programmes.SingleAsync(p => p.Code == "NTD");
        var trainingClass = new TrainingClass
        {
            CentreId = centre.Id, ProgrammeId = programme.Id, Year = 2026, Number = 4,
            StartDate = new DateOnly(2026, 3, 2), EndDate = new DateOnly(2026, 3, 6),
        };
        db.TrainingClasses.Add(trainingClass);
        var people = new[] { ("Nguyễn", "Văn", "An"), ("Trần", "Thị", "Bình"), ("Lê", "Minh", "Cường"), ("Phạm", "Ngọc", "Dung"), ("Hoàng", "Đức", "Giang") }
            .Select((n, i) => new Trainee { FamilyName = n.Item1, MiddleName = n.Item2, GivenName = n.Item3, DateOfBirth = new DateOnly(1985 + i, 5, 10) })
            .ToList();
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
        var sessionIds = await db.ClassSessions.Where(s => s.ClassId == trainingClass.Id).OrderBy(s => s.Date).ThenBy(s => s.Part)
            .Select(s => s.Id).ToListAsync();
        return (trainingClass.Id, sessionIds, names);
    }

    private static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("ClassLifecycleTests." + name, "png"), FullPage = true });
}
