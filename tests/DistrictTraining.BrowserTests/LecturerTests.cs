using DistrictTraining.BrowserTests.Infrastructure;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Trainees;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace DistrictTraining.BrowserTests;

/// <summary>
/// A lecturer's first day: the administrator links their account to their lecturer record, they sign in,
/// find today's session on the home page, mark it, and cannot mark a colleague's session or open the registry.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LecturerTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private const string Password = "Giangvien#2026pass";

    private sealed record World(string HungAccountId, int ClassId, int OtherClassId, int HungSession, int LanSession);

    [Fact]
    public async Task An_administrator_links_the_account_and_the_lecturer_marks_their_own_session_only()
    {
        await using var portal = new PortalApp().Start();
        var w = await SeedAsync(portal);

        await RunAsync(portal, async page =>
        {
            // --- The administrator links gv.hung to Phạm Văn Hùng on the lecturer's page.
            await PortalSeed.SignInAsync(page, "quantri", Password);
            await page.GotoAsync("/Lecturers");
            await page.GetByRole(AriaRole.Link, new() { Name = "Phạm Văn Hùng" }).ClickAsync();
            await Expect(page.Locator("#UserId option")).ToHaveCountAsync(2); // none, gv.hung (gv.lan is Lan's)
            await page.SelectOptionAsync("#UserId", w.HungAccountId);
            await page.Locator("main form button[type=submit]").ClickAsync();
            await Expect(page.Locator("main")).ToContainTextAsync("Đã lưu thông tin giảng viên.");
            await page.Context.ClearCookiesAsync();

            // --- The lecturer signs in and finds today's session on the home page, not Lan's.
            await PortalSeed.SignInAsync(page, "gv.hung", Password);
            var upcoming = page.Locator("#upcoming-sessions tbody tr");
            await Expect(upcoming).ToHaveCountAsync(1);
            await Expect(upcoming).ToContainTextAsync("Chủ nghĩa Mác – Lênin");
            await Expect(page.Locator("main")).Not.ToContainTextAsync("Lịch sử Đảng");
            await Expect(page.Locator("a[href='/Trainees']")).ToHaveCountAsync(0);
            await upcoming.GetByRole(AriaRole.Link).ClickAsync();
            await page.WaitForURLAsync(url => PageChecks.IsPath(url, $"/Attendance/Index/{w.ClassId}"));

            // --- Only his column takes marks: three trainees, one editable cell each; Lan's column is read-only.
            var cells = page.Locator("#attendance input.att");
            await Expect(cells).ToHaveCountAsync(3);
            await Expect(page.Locator($"#attendance input.att[name$='.{w.HungSession}']")).ToHaveCountAsync(3);
            await Expect(page.Locator($"#attendance th.att-col.att-readonly[data-session='{w.LanSession}']")).ToHaveCountAsync(1);
            await cells.Nth(0).FocusAsync();
            await page.Keyboard.PressAsync("c");
            await page.Keyboard.PressAsync("c");
            await page.Keyboard.PressAsync("k");
            await Expect(cells.Nth(2)).ToHaveValueAsync("K");
            await page.ClickAsync("#save-attendance");
            await Expect(page.Locator("main")).ToContainTextAsync("Đã lưu điểm danh (3 ô).");
            await Expect(page.Locator($"#attendance input.att[name$='.{w.HungSession}']").Nth(0)).ToHaveValueAsync("C");

            // --- A class he does not teach is not his to open, let alone mark; nor is the trainee registry.
            await page.GotoAsync($"/Attendance/Index/{w.OtherClassId}");
            await Expect(page.Locator("main")).ToContainTextAsync("Không tìm thấy trang");
            await Expect(page.Locator("#attendance input.att")).ToHaveCountAsync(0);
            await page.GotoAsync("/Trainees");
            await Expect(page.Locator("main")).ToContainTextAsync("Không có quyền truy cập");
        });

        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var marks = await db.AttendanceRecords.Select(a => new { a.SessionId, a.Status, a.MarkedBy }).ToListAsync();
        Assert.Equal(3, marks.Count);
        Assert.All(marks, m => Assert.Equal((w.HungSession, "gv.hung"), (m.SessionId, m.MarkedBy)));
        Assert.Equal(1, marks.Count(m => m.Status == AttendanceStatus.Absent));
    }

    /// <summary>
    /// The administrator quantri; accounts gv.hung (not linked) and gv.lan (Lê Thị Lan's); a class of three with a
    /// session of each today, and a second class of Lan's only.
    /// </summary>
    private static async Task<World> SeedAsync(PortalApp portal)
    {
        using var scope = portal.Services.CreateScope();
        var services = scope.ServiceProvider;
        Assert.Empty(await services.GetRequiredService<SetupService>().CompleteAsync(new SetupRequest("Trung tâm Chính trị Phù Cát", "quantri", "Nguyễn Văn Quản", Password)));
        var db = services.GetRequiredService<AppDbContext>();
        var centre = await db.TrainingCentres.SingleAsync();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        async Task<AppUser> LecturerAccountAsync(string userName, string fullName)
        {
            var user = new AppUser { UserName = userName, FullName = fullName, CentreId = centre.Id, CreatedAt = DateTime.UtcNow, LockoutEnabled = true };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Lecturer)).Succeeded);
            return user;
        }

        var hungAccount = await LecturerAccountAsync("gv.hung", "Phạm Văn Hùng");
        var lanAccount = await LecturerAccountAsync("gv.lan", "Lê Thị Lan");
        var hung = new Lecturer { CentreId = centre.Id, FamilyName = "Phạm", MiddleName = "Văn", GivenName = "Hùng", Kind = LecturerKind.FullTime };
        var lan = new Lecturer { CentreId = centre.Id, FamilyName = "Lê", MiddleName = "Thị", GivenName = "Lan", Kind = LecturerKind.PartTime, UserId = lanAccount.Id };
        db.Lecturers.AddRange(hung, lan);

        var programme = await db.Programmes.SingleAsync(p => p.Code == "NTD");
        var today = VietnamTime.DateOfUtc(DateTime.UtcNow);
        TrainingClass Class(int number) => new()
        {
            CentreId = centre.Id, ProgrammeId = programme.Id, Year = today.Year, Number = number, StartDate = today, EndDate = today.AddDays(4),
        };
        var mine = Class(1);
        var other = Class(2);
        db.TrainingClasses.AddRange(mine, other);
        var people = new[] { ("Nguyễn", "Văn", "An"), ("Trần", "Thị", "Bình"), ("Lê", "Minh", "Cường") }
            .Select(n => new Trainee { FamilyName = n.Item1, MiddleName = n.Item2, GivenName = n.Item3, DateOfBirth = new DateOnly(1990, 5, 1) }).ToList();
        db.Trainees.AddRange(people);
        await db.SaveChangesAsync();
        db.Enrolments.AddRange(people.Select(p => new Enrolment { ClassId = mine.Id, TraineeId = p.Id, EnrolledAt = DateTime.UtcNow }));
        db.Enrolments.Add(new Enrolment { ClassId = other.Id, TraineeId = people[0].Id, EnrolledAt = DateTime.UtcNow });
        var hungs = new ClassSession { ClassId = mine.Id, Date = today, Part = DayPart.Morning, Topic = "Chủ nghĩa Mác – Lênin", Periods = 4, LecturerId = hung.Id };
        var lans = new ClassSession { ClassId = mine.Id, Date = today, Part = DayPart.Afternoon, Topic = "Lịch sử Đảng", Periods = 4, LecturerId = lan.Id };
        db.ClassSessions.AddRange(hungs, lans);
        db.ClassSessions.Add(new ClassSession { ClassId = other.Id, Date = today, Part = DayPart.Morning, Topic = "Lịch sử Đảng", Periods = 4, LecturerId = lan.Id });
        await db.SaveChangesAsync();
        return new World(hungAccount.Id, mine.Id, other.Id, hungs.Id, lans.Id);
    }
}
