using System.Net;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Web;

/// <summary>The lecturer's pages: linking an account, the home page, and what a lecturer is refused.</summary>
public class LecturerPagesTests
{
    private sealed record World(PortalFactory Factory, ClassFixture Mine, ClassFixture Theirs, int TraineeId, int HungId, int MySession, int TheirSession);

    /// <summary>
    /// Accounts giaovu (staff), gv.hung and gv.lan (lecturers, not linked yet); records Phạm Hùng and Lê Lan; class 1 with a
    /// session of Hùng's today, class 2 with a session of Lan's today. The first trainee of class 1 has CCCD, ethnicity, religion.
    /// </summary>
    private static async Task<World> SeedAsync(TestDatabase database)
    {
        var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        await factory.CreateUserAsync("gv.hung", Roles.Lecturer);
        var lanAccount = await factory.CreateUserAsync("gv.lan", Roles.Lecturer);
        await using var db = database.CreateContext();
        var centreId = await db.TrainingCentres.Select(c => c.Id).SingleAsync();
        var hung = await ClassTestData.LecturerAsync(db, centreId, "Phạm", "Hùng", null);
        var lan = await ClassTestData.LecturerAsync(db, centreId, "Lê", "Lan", lanAccount.Id);
        var mine = await ClassTestData.CreateAsync(db, trainees: 3, sessions: 0, centreId: centreId, number: 1);
        var theirs = await ClassTestData.CreateAsync(db, trainees: 2, sessions: 0, centreId: centreId, number: 2);
        var today = VietnamTime.DateOfUtc(DateTime.UtcNow);
        var my = new ClassSession { ClassId = mine.ClassId, Date = today, Part = DayPart.Morning, Topic = "Chủ nghĩa Mác – Lênin", Periods = 4, LecturerId = hung.Id };
        var their = new ClassSession { ClassId = theirs.ClassId, Date = today, Part = DayPart.Afternoon, Topic = "Lịch sử Đảng", Periods = 4, LecturerId = lan.Id };
        db.ClassSessions.AddRange(my, their);
        var trainee = await db.Enrolments.Where(e => e.Id == mine.EnrolmentIds[0]).Select(e => e.Trainee!).SingleAsync();
        (trainee.Cccd, trainee.Ethnicity, trainee.Religion) = ("001080012345", "Tày", "Phật giáo");
        await db.SaveChangesAsync();
        return new World(factory, mine, theirs, trainee.Id, hung.Id, my.Id, their.Id);
    }

    private static async Task LinkAsync(TestDatabase database, int lecturerId, string userName)
    {
        await using var db = database.CreateContext();
        var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        (await db.Lecturers.SingleAsync(l => l.Id == lecturerId)).UserId = userId;
        await db.SaveChangesAsync();
    }

    private static void AssertRefused(HttpResponseMessage response, string url)
    {
        var refused = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.PathAndQuery.StartsWith("/Account/AccessDenied", StringComparison.Ordinal));
        Assert.True(refused, $"{url} answered {(int)response.StatusCode} to a lecturer.");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task An_administrator_links_accounts_from_both_pages_and_is_told_why_a_link_is_refused(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var w = await SeedAsync(database);
        await using var _ = w.Factory;
        var admin = await w.Factory.SignInAsync("admin");
        string hungAccountId, lanAccountId;
        await using (var db = database.CreateContext())
        {
            hungAccountId = await db.Users.Where(u => u.UserName == "gv.hung").Select(u => u.Id).SingleAsync();
            lanAccountId = await db.Users.Where(u => u.UserName == "gv.lan").Select(u => u.Id).SingleAsync();
        }

        // The lecturer page offers the free Lecturer accounts (gv.lan is Lan's already, giaovu is staff).
        var edit = await admin.GetDocumentAsync($"/Lecturers/Edit/{w.HungId}");
        Assert.Equal(["", hungAccountId], edit.QuerySelectorAll("select#UserId option").Select(o => o.GetAttribute("value")));
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/Lecturers/Edit/{w.HungId}", new Dictionary<string, string> { ["Kind"] = "PartTime", ["UserId"] = hungAccountId })).StatusCode);

        // A tampered post naming Lan's account is refused, in Vietnamese, on the form.
        var refused = await admin.SubmitFormAsync($"/Lecturers/Edit/{w.HungId}", new Dictionary<string, string> { ["Kind"] = "PartTime", ["UserId"] = lanAccountId });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Tài khoản gv.lan đã được gắn với giảng viên Lê Lan.", (await HtmlForms.ParseAsync(refused)).QuerySelector(".alert-danger")!.TextContent);

        // The account page shows the link, and refuses Lan's record for gv.hung.
        var account = await admin.GetDocumentAsync($"/Users/Edit/{hungAccountId}");
        Assert.Equal(w.HungId.ToString(System.Globalization.CultureInfo.InvariantCulture), account.QuerySelector("select#LecturerId option[selected]")!.GetAttribute("value"));
        int lanId;
        await using (var db = database.CreateContext())
        {
            lanId = await db.Lecturers.Where(l => l.UserId == lanAccountId).Select(l => l.Id).SingleAsync();
        }

        var taken = await admin.SubmitFormAsync($"/Users/Edit/{hungAccountId}", new Dictionary<string, string>
        {
            ["Role"] = Roles.Lecturer, ["LecturerId"] = lanId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Contains("Hồ sơ giảng viên Lê Lan đã được gắn với tài khoản gv.lan.", (await HtmlForms.ParseAsync(taken)).QuerySelector("main")!.TextContent);

        await using (var db = database.CreateContext())
        {
            Assert.Equal(hungAccountId, await db.Lecturers.Where(l => l.Id == w.HungId).Select(l => l.UserId).SingleAsync());
            var entityId = w.HungId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var changes = await db.AuditEntries.Where(a => a.EntityType == "Lecturer" && a.EntityId == entityId && a.UserName == "admin").Select(a => a.Changes).ToListAsync();
            Assert.Equal($"{{\"UserId\":[null,\"{hungAccountId}\"]}}", Assert.Single(changes));
        }

        // Staff see the link but cannot change it.
        var staff = await w.Factory.SignInAsync("giaovu");
        var staffEdit = await staff.GetDocumentAsync($"/Lecturers/Edit/{w.HungId}");
        Assert.Null(staffEdit.QuerySelector("select#UserId"));
        Assert.StartsWith("gv.hung", staffEdit.QuerySelector("#UserId-shown")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_lecturer_sees_only_their_sessions_at_home_and_is_refused_the_registry_and_other_classes(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var w = await SeedAsync(database);
        await using var _ = w.Factory;

        // Not linked yet: the home page says so, and says who can fix it.
        var before = await (await w.Factory.SignInAsync("gv.hung")).GetDocumentAsync("/");
        Assert.Contains("Tài khoản chưa được gắn với hồ sơ giảng viên; đề nghị quản trị viên gắn", before.QuerySelector("#not-linked")!.TextContent);

        await LinkAsync(database, w.HungId, "gv.hung");
        var client = await w.Factory.SignInAsync("gv.hung");
        var home = await client.GetDocumentAsync("/");
        Assert.Null(home.QuerySelector("#not-linked"));
        Assert.Equal([w.MySession.ToString(System.Globalization.CultureInfo.InvariantCulture)], home.QuerySelectorAll("#upcoming-sessions tbody tr").Select(r => r.GetAttribute("data-session-id")));
        Assert.Equal($"/Attendance/Index/{w.Mine.ClassId}", home.QuerySelector("#upcoming-sessions tbody a")!.GetAttribute("href"));
        Assert.Contains("Chủ nghĩa Mác – Lênin", home.QuerySelector("#upcoming-sessions")!.TextContent);
        Assert.DoesNotContain("Lịch sử Đảng", home.QuerySelector("main")!.TextContent);
        Assert.Equal([w.Mine.ClassId.ToString(System.Globalization.CultureInfo.InvariantCulture)], home.QuerySelectorAll("#my-classes tbody tr").Select(r => r.GetAttribute("data-class-id")));
        Assert.Null(home.QuerySelector("a[href='/Trainees']"));
        Assert.NotNull(home.QuerySelector("a[href='/Classes']"));

        // The registry and the person pages are closed to a lecturer; so are the classes they do not teach.
        foreach (var url in new[] { "/Trainees", $"/Trainees/Details/{w.TraineeId}", "/Trainees/Index?q=001080012345" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
        }

        foreach (var url in new[] { $"/Roster/Index/{w.Theirs.ClassId}", $"/Attendance/Index/{w.Theirs.ClassId}", $"/Results/Index/{w.Theirs.ClassId}", $"/Classes/Details/{w.Theirs.ClassId}", $"/Results/Excel/{w.Theirs.ClassId}" })
        {
            AssertRefused(await client.GetAsync(url), url);
        }

        // Their own class's roster: names, no CCCD, ethnicity or religion, no link into the registry, no forms.
        var roster = await client.GetAsync($"/Roster/Index/{w.Mine.ClassId}");
        var html = await roster.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, roster.StatusCode);
        Assert.DoesNotContain("001080012345", html);
        Assert.DoesNotContain("CCCD", html);
        Assert.DoesNotContain("Phật giáo", html);
        Assert.DoesNotContain("/Trainees/", html);
        var rosterPage = await HtmlForms.ParseAsync(roster);
        Assert.Equal(3, rosterPage.QuerySelectorAll("#roster tbody tr").Length);
        Assert.Null(rosterPage.QuerySelector("form[action*='Withdraw']"));
        var token = rosterPage.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var withdraw = await client.PostAsync($"/Roster/Withdraw/{w.Mine.ClassId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["enrolmentId"] = w.Mine.EnrolmentIds[0].ToString(System.Globalization.CultureInfo.InvariantCulture), ["reason"] = "thử",
        }));
        Assert.StartsWith("/Account/AccessDenied", withdraw.Headers.Location!.PathAndQuery);

        // The attendance grid of their class: names, marks only for their session, nothing of the registry.
        var grid = await client.GetAsync($"/Attendance/Index/{w.Mine.ClassId}");
        var gridHtml = await grid.Content.ReadAsStringAsync();
        Assert.DoesNotContain("001080012345", gridHtml);
        Assert.DoesNotContain("Tày", gridHtml);
        Assert.Equal(3, (await HtmlForms.ParseAsync(grid)).QuerySelectorAll("#attendance input.att").Length);
    }
}
