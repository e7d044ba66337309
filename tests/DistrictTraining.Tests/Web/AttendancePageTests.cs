using System.Net;
using AngleSharp.Html.Dom;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Identity;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DistrictTraining.Tests.Web;

public class AttendancePageTests
{
    /// <summary>The portal with a staff account and a class of <paramref name="trainees"/> × 10 sessions of 4 periods.</summary>
    private static async Task<(PortalFactory Factory, ClassFixture Class)> PortalWithClassAsync(TestDatabase database, int trainees = 3)
    {
        var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        await using var db = database.CreateContext();
        var centre = await db.TrainingCentres.FirstAsync();
        return (factory, await ClassTestData.CreateAsync(db, trainees, sessions: 10, centreId: centre.Id));
    }

    private static string Mark(int enrolmentId, int sessionId) => $"m.{enrolmentId}.{sessionId}";

    private static async Task<Dictionary<(int, int), AttendanceStatus>> StoredAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.AttendanceRecords.ToDictionaryAsync(a => (a.EnrolmentId, a.SessionId), a => a.Status);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Before_the_first_session_nobody_is_shown_in_red_and_later_only_who_can_no_longer_reach_the_threshold(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        // 10:00 on 1 March 2026 in Vietnam; the class's ten sessions run from 2 to 6 March.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 3, 0, 0, TimeSpan.Zero));
        await using var factory = new PortalFactory(database, clock: clock);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        ClassFixture c;
        await using (var db = database.CreateContext())
        {
            var centre = await db.TrainingCentres.FirstAsync();
            c = await ClassTestData.CreateAsync(db, trainees: 3, sessions: 10, centreId: centre.Id, status: ClassStatus.Planned);
        }

        var client = await factory.SignInAsync("giaovu");
        var url = $"/Attendance/Index/{c.ClassId}";
        var page = await client.GetDocumentAsync(url);
        Assert.NotNull(page.QuerySelector("#not-started"));
        Assert.Null(page.QuerySelector("#not-eligible-count"));
        Assert.Empty(page.QuerySelectorAll("#attendance .not-eligible, #attendance .cannot-reach, #attendance .text-danger"));
        Assert.All(page.QuerySelectorAll("#attendance tbody .att-eligibility"), td => Assert.Equal("Chưa đến buổi học nào", td.TextContent.Trim()));

        // 3 March: the first trainee missed the first three sessions (28 of 40 periods at best), the second one.
        await using (var db = database.CreateContext())
        {
            await ClassTestData.MarkAsync(db,
                from e in c.EnrolmentIds
                from s in c.SessionIds.Take(3)
                select (e, s, e == c.EnrolmentIds[0] || (e == c.EnrolmentIds[1] && s == c.SessionIds[0]) ? AttendanceStatus.Absent : AttendanceStatus.Present));
        }

        clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 3, 0, 0, TimeSpan.Zero));
        client = await factory.SignInAsync("giaovu"); // two days on, the sign-in has expired
        page = await client.GetDocumentAsync(url);
        var standing = page.QuerySelectorAll("#attendance tbody .att-eligibility [data-standing]").Select(e => e.GetAttribute("data-standing")).ToList();
        Assert.Equal(["CannotReach", "AtRisk", "OnTrack"], standing);
        var first = page.QuerySelectorAll("#attendance tbody .att-eligibility")[0].TextContent;
        Assert.Contains("Không thể đạt điều kiện dự kiểm tra cuối khóa", first);
        Assert.Contains("Dù có mặt cả 28 tiết còn lại cũng chỉ đạt 28/40 tiết", first);
        Assert.Null(page.QuerySelector("#not-started"));
        Assert.StartsWith("1 học viên", page.QuerySelector("#not-eligible-count")!.TextContent.Trim());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Staff_mark_the_grid_and_see_who_is_not_eligible_with_the_reason(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, c) = await PortalWithClassAsync(database);
        await using var _ = factory;
        var client = await factory.SignInAsync("giaovu");
        var url = $"/Attendance/Index/{c.ClassId}";

        var page = await client.GetDocumentAsync(url);
        Assert.Equal($"/Roster/Index/{c.ClassId}", page.QuerySelector("#back-to-roster")!.GetAttribute("href"));
        Assert.Equal(30, page.QuerySelectorAll("#attendance input.att").Length);
        Assert.Equal(10, page.QuerySelectorAll("#attendance thead th.att-col").Length);

        // Everyone present, except three absences (one excused) for the first trainee: 28/40 periods.
        var fields = new Dictionary<string, string>();
        foreach (var e in c.EnrolmentIds)
        {
            foreach (var s in c.SessionIds)
            {
                fields[Mark(e, s)] = "c";
            }
        }

        fields[Mark(c.EnrolmentIds[0], c.SessionIds[0])] = "K";
        fields[Mark(c.EnrolmentIds[0], c.SessionIds[1])] = "2";
        fields[Mark(c.EnrolmentIds[0], c.SessionIds[2])] = "K";
        fields[$"n.{c.EnrolmentIds[0]}.{c.SessionIds[1]}"] = "Ốm, có giấy";
        var saved = await client.SubmitFormAsync(url, fields, "#grid-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        page = await client.GetDocumentAsync(url);
        Assert.Contains("Đã lưu điểm danh (30 ô).", page.QuerySelector("main")!.TextContent);
        var rows = page.QuerySelectorAll("#attendance tbody tr").ToList();
        Assert.Contains("Không đủ điều kiện dự kiểm tra cuối khóa", rows[0].TextContent);
        Assert.Contains("Tham dự 28/40 tiết (70,0%), dưới mức 80%", rows[0].TextContent);
        Assert.Contains("100,0%", rows[1].TextContent);
        Assert.Null(rows[1].QuerySelector(".not-eligible"));
        var note = (IHtmlInputElement)page.QuerySelector($"input[name='n.{c.EnrolmentIds[0]}.{c.SessionIds[1]}']")!;
        Assert.Equal("Ốm, có giấy", note.Value);
        Assert.Equal("P", ((IHtmlInputElement)page.QuerySelector($"input[name='{Mark(c.EnrolmentIds[0], c.SessionIds[1])}']")!).Value);

        var stored = await StoredAsync(database);
        Assert.Equal(30, stored.Count);
        Assert.Equal(AttendanceStatus.ExcusedAbsence, stored[(c.EnrolmentIds[0], c.SessionIds[1])]);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_stale_page_is_refused_naming_the_cells_and_keeps_what_was_typed(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, c) = await PortalWithClassAsync(database);
        await using var _ = factory;
        await factory.CreateUserAsync("giaovu2", Roles.CentreStaff);
        var first = await factory.SignInAsync("giaovu");
        var second = await factory.SignInAsync("giaovu2");
        var url = $"/Attendance/Index/{c.ClassId}";

        // The first user loads the page, the second saves a mark meanwhile.
        var stale = await first.GetDocumentAsync(url);
        var cell = Mark(c.EnrolmentIds[1], c.SessionIds[0]);
        Assert.Equal(HttpStatusCode.Redirect, (await second.SubmitFormAsync(url, new Dictionary<string, string> { [cell] = "P" }, "#grid-form")).StatusCode);

        var form = (IHtmlFormElement)stale.QuerySelector("#grid-form")!;
        var values = form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>().ToDictionary(i => i.Name!, i => i.Value);
        values[cell] = "K";
        values[Mark(c.EnrolmentIds[2], c.SessionIds[3])] = "C";
        var refused = await first.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlForms.ParseAsync(refused);
        var errors = page.QuerySelector("#attendance-errors")!.TextContent;
        Assert.Contains("vừa được người khác điểm danh sau khi bạn mở trang", errors);
        Assert.Contains("buổi sáng 02/03/2026 (hiện là «Vắng có phép», do giaovu2 ghi", errors);
        var kept = (IHtmlInputElement)page.QuerySelector($"input[name='{cell}']")!;
        Assert.Equal("K", kept.Value);
        Assert.Contains("att-conflict", kept.ParentElement!.ClassName);
        Assert.Equal("C", ((IHtmlInputElement)page.QuerySelector($"input[name='{Mark(c.EnrolmentIds[2], c.SessionIds[3])}']")!).Value);

        var stored = await StoredAsync(database);
        Assert.Single(stored);
        Assert.Equal(AttendanceStatus.ExcusedAbsence, stored[(c.EnrolmentIds[1], c.SessionIds[0])]);

        // Saving the page shown again overwrites deliberately.
        var again = (IHtmlFormElement)page.QuerySelector("#grid-form")!;
        var againValues = again.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>().ToDictionary(i => i.Name!, i => i.Value);
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync(again.GetAttribute("action"), new FormUrlEncodedContent(againValues))).StatusCode);
        stored = await StoredAsync(database);
        Assert.Equal(AttendanceStatus.Absent, stored[(c.EnrolmentIds[1], c.SessionIds[0])]);
        Assert.Equal(AttendanceStatus.Present, stored[(c.EnrolmentIds[2], c.SessionIds[3])]);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Mark_all_present_fills_empty_cells_and_overwriting_asks_to_confirm_first(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, c) = await PortalWithClassAsync(database);
        await using var _ = factory;
        await using (var db = database.CreateContext())
        {
            await ClassTestData.MarkAsync(db, [(c.EnrolmentIds[0], c.SessionIds[0], AttendanceStatus.Absent)]);
        }

        var client = await factory.SignInAsync("giaovu");
        var url = $"/Attendance/Index/{c.ClassId}";
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(url, new Dictionary<string, string>(), "#fill-form")).StatusCode);
        var stored = await StoredAsync(database);
        Assert.Equal(30, stored.Count);
        Assert.Equal(AttendanceStatus.Absent, stored[(c.EnrolmentIds[0], c.SessionIds[0])]);
        Assert.Contains("Đã đánh dấu có mặt 29 ô còn trống", (await client.GetDocumentAsync(url)).QuerySelector("main")!.TextContent);

        // The overwrite is a page of its own that says what will be replaced, then a confirmed post.
        var confirm = await client.GetDocumentAsync($"/Attendance/Overwrite/{c.ClassId}");
        Assert.Contains("Đánh dấu tất cả có mặt, kể cả ô đã điểm danh?", confirm.QuerySelector("h1")!.TextContent);
        Assert.Contains("1 ô đã điểm danh vắng sẽ bị thay bằng Có mặt", System.Text.RegularExpressions.Regex.Replace(confirm.QuerySelector("#overwrite-summary")!.TextContent, @"\s+", " "));
        Assert.Equal(AttendanceStatus.Absent, (await StoredAsync(database))[(c.EnrolmentIds[0], c.SessionIds[0])]);

        var unconfirmed = await client.SubmitFormAsync($"/Attendance/Overwrite/{c.ClassId}", new Dictionary<string, string> { ["confirmed"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, unconfirmed.StatusCode);
        Assert.Equal(AttendanceStatus.Absent, (await StoredAsync(database))[(c.EnrolmentIds[0], c.SessionIds[0])]);

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync($"/Attendance/Overwrite/{c.ClassId}", new Dictionary<string, string>())).StatusCode);
        Assert.All((await StoredAsync(database)).Values, s => Assert.Equal(AttendanceStatus.Present, s));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_lecturer_marks_their_own_session_only_and_a_reader_marks_nothing(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, c) = await PortalWithClassAsync(database);
        await using var _ = factory;
        var user = await factory.CreateUserAsync("giangvien", Roles.Lecturer);
        await factory.CreateUserAsync("lanhdao", Roles.CommitteeOfficial);
        await using (var db = database.CreateContext())
        {
            var lecturer = await ClassTestData.LecturerAsync(db, c.CentreId, "Phạm", "Hùng", user.Id);
            var session = await db.ClassSessions.SingleAsync(s => s.Id == c.SessionIds[4]);
            session.LecturerId = lecturer.Id;
            await db.SaveChangesAsync();
        }

        var client = await factory.SignInAsync("giangvien");
        var url = $"/Attendance/Index/{c.ClassId}";
        var page = await client.GetDocumentAsync(url);
        var inputs = page.QuerySelectorAll("#attendance input.att").OfType<IHtmlInputElement>().ToList();
        Assert.Equal(3, inputs.Count);
        Assert.All(inputs, i => Assert.EndsWith($".{c.SessionIds[4]}", i.Name));
        Assert.Single(page.QuerySelectorAll(".att-fill"));

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(url, new Dictionary<string, string> { [Mark(c.EnrolmentIds[0], c.SessionIds[4])] = "K" }, "#grid-form")).StatusCode);
        var refused = await client.SubmitFormAsync(url, new Dictionary<string, string> { [Mark(c.EnrolmentIds[0], c.SessionIds[0])] = "K" }, "#grid-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Bạn chỉ được điểm danh các buổi mình giảng", (await HtmlForms.ParseAsync(refused)).QuerySelector("#attendance-errors")!.TextContent);
        Assert.Equal([(c.EnrolmentIds[0], c.SessionIds[4])], (await StoredAsync(database)).Keys);

        var reader = await factory.SignInAsync("lanhdao");
        var readOnly = await reader.GetDocumentAsync(url);
        Assert.Empty(readOnly.QuerySelectorAll("#attendance input.att"));
        Assert.Contains("Không đủ điều kiện dự kiểm tra cuối khóa", readOnly.QuerySelector("#attendance")!.TextContent);
        var token = readOnly.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await reader.PostAsync($"/Attendance/Save/{c.ClassId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, [Mark(c.EnrolmentIds[1], c.SessionIds[0])] = "C",
        }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", post.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_roster_of_100_by_20_sessions_renders_and_saves_in_one_post()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        var factory = new PortalFactory(database);
        await using var _ = factory;
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        ClassFixture c;
        await using (var db = database.CreateContext())
        {
            c = await ClassTestData.CreateAsync(db, trainees: 100, sessions: 20, centreId: (await db.TrainingCentres.FirstAsync()).Id);
        }

        var client = await factory.SignInAsync("giaovu");
        var url = $"/Attendance/Index/{c.ClassId}";
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(2000, System.Text.RegularExpressions.Regex.Count(html, "class=\"att\""));
        Assert.True(html.Length < 900_000, $"The page weighs {html.Length:N0} characters"); // about 640,000 when measured

        // Every cell posted at once: 2,000 marks and 2,000 notes, past the default 1,024-value form limit.
        var fields = (from e in c.EnrolmentIds from s in c.SessionIds select (e, s)).ToDictionary(x => Mark(x.e, x.s), _ => "C");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(url, fields, "#grid-form")).StatusCode);
        Assert.Equal(2000, (await StoredAsync(database)).Count);
    }

    /// <summary>
    /// A class of 250 is three pages. A save of page 2 (loaded before others marked a cell of page 1 and one of
    /// page 2) writes page 2's changed cells only: the other marks stay, page 3 stays empty. A conflict on page
    /// 2 is still refused and shown on page 2; a cell of another page slipped into page 2's form writes nothing.
    /// </summary>
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_save_on_page_2_changes_page_2_rows_only(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, c) = await PortalWithClassAsync(database, trainees: 250);
        await using var _ = factory;
        await factory.CreateUserAsync("giaovu2", Roles.CentreStaff);
        var first = await factory.SignInAsync("giaovu");
        var second = await factory.SignInAsync("giaovu2");
        var e = c.EnrolmentIds;
        var s = c.SessionIds;
        var url = $"/Attendance/Index/{c.ClassId}?page=2";

        var page2 = await first.GetDocumentAsync(url);
        Assert.Equal(e.Skip(100).Take(100), page2.QuerySelectorAll("#attendance tbody tr").Select(r => int.Parse(r.GetAttribute("data-enrolment")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(1_000, page2.QuerySelectorAll("#attendance input.att").Length);
        Assert.Equal("101", page2.QuerySelector("#attendance tbody td.att-stt")!.TextContent);
        Assert.Contains("Trang 2/3", page2.QuerySelector("#page-note")!.TextContent);

        // Meanwhile a colleague marks a cell of page 1 and one of page 2.
        Assert.Equal(HttpStatusCode.Redirect, (await second.SubmitFormAsync($"/Attendance/Index/{c.ClassId}", new Dictionary<string, string> { [Mark(e[0], s[0])] = "K" }, "#grid-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.SubmitFormAsync(url, new Dictionary<string, string> { [Mark(e[150], s[1])] = "P" }, "#grid-form")).StatusCode);

        // The page loaded before: everyone of page 2 present at the first session.
        var fields = e.Skip(100).Take(100).ToDictionary(id => Mark(id, s[0]), _ => "C");
        var saved = await first.PostFormAsync(page2, "#grid-form", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("page=2", saved.Headers.Location!.OriginalString);
        var stored = await StoredAsync(database);
        Assert.Equal(102, stored.Count);
        Assert.Equal(AttendanceStatus.Absent, stored[(e[0], s[0])]);
        Assert.Equal(AttendanceStatus.ExcusedAbsence, stored[(e[150], s[1])]);
        Assert.All(e.Skip(100).Take(100), id => Assert.Equal(AttendanceStatus.Present, stored[(id, s[0])]));
        Assert.DoesNotContain(stored.Keys, k => e.Skip(200).Contains(k.Item1) || (e.Take(100).Contains(k.Item1) && k != (e[0], s[0])));

        // A cell of page 2 changed by the colleague after the page was loaded: refused, shown again on page 2.
        var stale = await first.GetDocumentAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, (await second.SubmitFormAsync(url, new Dictionary<string, string> { [Mark(e[120], s[2])] = "K" }, "#grid-form")).StatusCode);
        var refused = await first.PostFormAsync(stale, "#grid-form", new Dictionary<string, string> { [Mark(e[120], s[2])] = "C", [Mark(e[121], s[2])] = "C" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = await HtmlForms.ParseAsync(refused);
        Assert.Contains("vừa được người khác điểm danh sau khi bạn mở trang", shown.QuerySelector("#attendance-errors")!.TextContent);
        Assert.Contains("Trang 2/3", shown.QuerySelector("#page-note")!.TextContent);
        Assert.Contains("att-conflict", shown.QuerySelector($"input[name='{Mark(e[120], s[2])}']")!.ParentElement!.ClassName);
        stored = await StoredAsync(database);
        Assert.Equal(AttendanceStatus.Absent, stored[(e[120], s[2])]);
        Assert.False(stored.ContainsKey((e[121], s[2])));

        // A cell of page 1 slipped into page 2's form: nothing is written.
        var slipped = await first.PostFormAsync(await first.GetDocumentAsync(url), "#grid-form", new Dictionary<string, string> { [Mark(e[1], s[1])] = "C", [Mark(e[101], s[1])] = "C" });
        Assert.Equal(HttpStatusCode.Redirect, slipped.StatusCode);
        stored = await StoredAsync(database);
        Assert.False(stored.ContainsKey((e[1], s[1])));
        Assert.False(stored.ContainsKey((e[101], s[1])));
    }

    [Fact]
    public async Task The_grid_of_a_class_of_600_is_shown_100_rows_a_page_each_page_bounded_in_size()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        var factory = new PortalFactory(database);
        await using var _ = factory;
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        ClassFixture c;
        await using (var db = database.CreateContext())
        {
            c = await ClassTestData.CreateAsync(db, trainees: 600, sessions: 10, centreId: (await db.TrainingCentres.FirstAsync()).Id);
            await ClassTestData.MarkAllPresentAsync(db, c);
        }

        var client = await factory.SignInAsync("giaovu");
        foreach (var p in new[] { 1, 6 })
        {
            var html = await (await client.GetAsync($"/Attendance/Index/{c.ClassId}?page={p}")).Content.ReadAsStringAsync();
            Assert.Equal(1_000, System.Text.RegularExpressions.Regex.Count(html, "class=\"att\""));
            Assert.Contains($"data-enrolment=\"{c.EnrolmentIds[(p - 1) * 100]}\"", html);
            Assert.DoesNotContain($"data-enrolment=\"{c.EnrolmentIds[p == 1 ? 100 : 499]}\"", html);

            // Per row: its ten cells and its totals; the page's snapshot holds its own 1,000 marks only.
            var bytes = System.Text.Encoding.UTF8.GetByteCount(html);
            var bound = 40_000 + (100 * ((10 * 230) + 700));
            Assert.True(bytes < bound, $"Page {p} weighs {bytes:N0} bytes, over {bound:N0}");
        }
    }
}
