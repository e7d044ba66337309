using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using DistrictTraining.Core.Classes;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Tests.Import;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.Tests.Web;

public class RosterPageTests
{
    private static async Task<(PortalFactory Factory, int ClassId)> PortalWithClassAsync(TestDatabase database)
    {
        var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var centre = await db.TrainingCentres.FirstAsync();
        var c = await TestData.ClassAsync(db, centre.Id);
        return (factory, c.Id);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Staff_import_the_sample_and_see_it_in_Vietnamese_order(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, classId) = await PortalWithClassAsync(database);
        await using var _ = factory;
        var client = await factory.SignInAsync("giaovu");

        var uploadPage = await client.GetDocumentAsync($"/RosterImport/Upload/{classId}");
        var token = uploadPage.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var bytes = await File.ReadAllBytesAsync(RosterTestSupport.SamplePath("danh-sach-hoc-vien-cat-hanh.xlsx"));
        var previewResponse = await client.PostAsync($"/RosterImport/Upload/{classId}", HtmlForms.Workbook(bytes, token));
        Assert.Equal(HttpStatusCode.OK, previewResponse.StatusCode);
        var preview = await HtmlForms.ParseAsync(previewResponse);
        Assert.Equal(25, preview.QuerySelectorAll("#preview tbody tr[data-kind=New]").Length);
        Assert.Equal("25", preview.QuerySelector("#import-summary [data-kind=new]")!.TextContent);

        var confirmForm = preview.QuerySelector("#confirm-form")!;
        var fields = confirmForm.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        var confirmed = await client.PostAsync(confirmForm.GetAttribute("action"), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);

        var roster = await client.GetDocumentAsync($"/Roster/Index/{classId}");
        var names = roster.QuerySelectorAll("#roster tbody .trainee-name").Select(n => n.TextContent.Trim()).ToList();
        Assert.Equal(25, names.Count);
        Assert.Equal(["Hoàng Đức An", "Huỳnh Ngọc Ánh", "Phan Thị Ân", "Dương Ngọc Bình"], names.Take(4));
        Assert.Null(roster.QuerySelector("#size-warning"));
    }

    /// <summary>
    /// Two portal nodes on one database, as behind a balancer without sticky sessions: one browser (one cookie
    /// jar) previews on one node and confirms on the other; a stale second confirmation adds nothing; a
    /// colleague holding the token can neither cancel nor confirm it.
    /// </summary>
    [Theory]
    [InlineData(Provider.PostgreSQL)]
    [InlineData(Provider.Sqlite)]
    public async Task A_roster_previewed_on_one_node_is_confirmed_on_the_other_once_and_only_by_its_uploader(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (first, classId) = await PortalWithClassAsync(database);
        await using var _ = first;
        await first.CreateUserAsync("giaovu2", Roles.CentreStaff);
        await using var second = new PortalFactory(database);
        var jar = new CookieContainer();
        var onFirst = first.CreateDefaultClient(new CookieContainerHandler(jar));
        var onSecond = second.CreateDefaultClient(new CookieContainerHandler(jar));
        var signedIn = await onFirst.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["UserName"] = "giaovu", ["Password"] = TestPassword.Default });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var colleague = await second.SignInAsync("giaovu2");

        var uploadPage = await onFirst.GetDocumentAsync($"/RosterImport/Upload/{classId}");
        var antiforgery = uploadPage.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var bytes = await File.ReadAllBytesAsync(RosterTestSupport.SamplePath("danh-sach-hoc-vien-cat-hanh.xlsx"));
        var preview = await HtmlForms.ParseAsync(await onFirst.PostAsync($"/RosterImport/Upload/{classId}", HtmlForms.Workbook(bytes, antiforgery)));
        var confirmForm = preview.QuerySelector("#confirm-form")!;
        var fields = confirmForm.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);

        // A colleague holding the token can neither cancel nor confirm it.
        var colleaguePage = await colleague.GetDocumentAsync($"/RosterImport/Upload/{classId}");
        var colleagueAntiforgery = colleaguePage.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await colleague.PostAsync($"/RosterImport/Cancel/{classId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = fields["token"], ["__RequestVerificationToken"] = colleagueAntiforgery,
        }));
        var refused = await colleague.PostAsync(confirmForm.GetAttribute("action"), new FormUrlEncodedContent(new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = colleagueAntiforgery,
        }));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/RosterImport/Upload/", refused.Headers.Location!.OriginalString);

        // The same browser confirms the preview of the first node on the second (the key ring is shared).
        var confirmed = await onSecond.PostAsync(confirmForm.GetAttribute("action"), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains("/Roster/Index/", confirmed.Headers.Location!.OriginalString);

        // Sent again to the first node, the same form confirms nothing more.
        var again = await onFirst.PostAsync(confirmForm.GetAttribute("action"), new FormUrlEncodedContent(fields));
        Assert.Contains("/RosterImport/Upload/", again.Headers.Location!.OriginalString);
        var told = await onFirst.GetDocumentAsync(again.Headers.Location!.OriginalString);
        Assert.Contains("hết hạn hoặc đã được xử lý", told.QuerySelector("main")!.TextContent);

        await using var db = database.CreateContext();
        Assert.Equal(25, await db.Enrolments.CountAsync());
        Assert.Equal(25, await db.Trainees.CountAsync());
        Assert.False(await db.PendingUploads.AnyAsync(u => u.ConfirmedAt == null)); // kept, confirmed, only for its skipped-rows report
    }

    [Fact]
    public async Task A_file_that_is_not_a_workbook_is_refused_with_a_Vietnamese_message()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        var (factory, classId) = await PortalWithClassAsync(database);
        await using var _ = factory;
        var client = await factory.SignInAsync("giaovu");
        var page = await client.GetDocumentAsync($"/RosterImport/Upload/{classId}");
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await client.PostAsync($"/RosterImport/Upload/{classId}", HtmlForms.Workbook("Họ và tên;Ngày sinh"u8.ToArray(), token, "danh-sach.csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await HtmlForms.ParseAsync(response);
        var error = html.QuerySelector(".validation-summary-errors")!.TextContent;
        Assert.Contains(".xlsx", error);
        using var scope = factory.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Trainees.AnyAsync());
    }

    [Fact]
    public async Task Staff_add_a_new_person_by_hand_and_withdraw_them_with_a_reason()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        var (factory, classId) = await PortalWithClassAsync(database);
        await using var _ = factory;
        var client = await factory.SignInAsync("giaovu");

        var added = await client.SubmitFormAsync($"/Roster/Index/{classId}", new Dictionary<string, string>
        {
            ["NewTrainee.FamilyName"] = "Đặng", ["NewTrainee.MiddleName"] = "Thị", ["NewTrainee.GivenName"] = "Ánh",
            ["NewTrainee.Sex"] = "Female", ["NewTrainee.Birth"] = "1988",
        }, "#add-new");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = await client.GetDocumentAsync($"/Roster/Index/{classId}");
        var row = page.QuerySelector("#roster tbody tr")!;
        Assert.Equal("Đặng Thị Ánh", row.QuerySelector(".trainee-name")!.TextContent.Trim());
        Assert.Contains("1988", row.TextContent);
        Assert.Equal("Lớp mới có 1 học viên, ít hơn mức tối thiểu 25.", page.QuerySelector("#size-warning")!.TextContent.Trim());

        // The line's "Rút" button of the page's one form; its reason field is named after the enrolment.
        var enrolmentId = row.QuerySelector("button[name=enrolmentId]")!.GetAttribute("value");
        var noReason = await client.PressAsync(page, $"#roster button[name=enrolmentId][value='{enrolmentId}']:not([formaction])", new Dictionary<string, string> { [$"reason.{enrolmentId}"] = "" });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Phải ghi lý do", await noReason.Content.ReadAsStringAsync());

        var withdrawn = await client.PressAsync(page, $"#roster button[name=enrolmentId][value='{enrolmentId}']:not([formaction])", new Dictionary<string, string> { [$"reason.{enrolmentId}"] = "Chuyển công tác" });
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        page = await client.GetDocumentAsync($"/Roster/Index/{classId}");
        Assert.Empty(page.QuerySelectorAll("#roster tbody tr"));
        Assert.Contains("Chuyển công tác", page.QuerySelector("#withdrawn")!.TextContent);
    }

    /// <summary>The class of <see cref="PortalWithClassAsync"/> with <paramref name="trainees"/> more people enrolled, in roster order.</summary>
    private static async Task<List<int>> EnrolAsync(TestDatabase database, int classId, int trainees)
    {
        await using var db = database.CreateContext();
        var people = Enumerable.Range(0, trainees).Select(i => ClassTestData.Name(i))
            .Select(n => new Core.Trainees.Trainee { FamilyName = n.Family, MiddleName = n.Middle, GivenName = n.Given }).ToList();
        db.Trainees.AddRange(people);
        await db.SaveChangesAsync();
        db.Enrolments.AddRange(people.Select(p => new Enrolment { ClassId = classId, TraineeId = p.Id, EnrolledAt = DateTime.UtcNow }));
        await db.SaveChangesAsync();
        return await db.Enrolments.Where(e => e.ClassId == classId).OrderBy(e => e.Trainee!.SortKey).ThenBy(e => e.TraineeId).Select(e => e.Id).ToListAsync();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_line_action_goes_through_the_one_form_of_the_page_and_touches_that_line_only(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, classId) = await PortalWithClassAsync(database);
        await using var _ = factory;
        var ids = await EnrolAsync(database, classId, 3);
        var client = await factory.SignInAsync("giaovu");
        var url = $"/Roster/Index/{classId}";
        var page = await client.GetDocumentAsync(url);

        // One form and one antiforgery token for the whole table; Enter in a field presses a disabled button.
        var form = page.QuerySelector("#roster-form")!;
        Assert.Empty(page.QuerySelectorAll("#roster form, #withdrawn form"));
        Assert.Single(form.QuerySelectorAll("input[name=__RequestVerificationToken]"));
        var firstButton = (IHtmlButtonElement)form.QuerySelector("button")!;
        Assert.True(firstButton.IsDisabled);
        Assert.Equal(3, form.QuerySelectorAll("#roster button[name=enrolmentId]:not([formaction])").Length);

        // The second line becomes the monitor through its own button; the other lines keep their role.
        var role = await client.PressAsync(page, $"#roster button[name=enrolmentId][value='{ids[1]}'][formaction*=SetRole]", new Dictionary<string, string> { [$"role.{ids[1]}"] = "Monitor" });
        Assert.Equal(HttpStatusCode.Redirect, role.StatusCode);
        Assert.EndsWith($"#e{ids[1]}", role.Headers.Location!.OriginalString);
        await using (var db = database.CreateContext())
        {
            var roles = await db.Enrolments.Where(e => e.ClassId == classId).ToDictionaryAsync(e => e.Id, e => e.Role);
            Assert.Equal([ClassRole.Member, ClassRole.Monitor, ClassRole.Member], ids.Select(id => roles[id]));
        }

        // The page read before that change is stale for the second line only: its role is refused, the third line withdraws.
        var stale = await client.PressAsync(page, $"#roster button[name=enrolmentId][value='{ids[1]}'][formaction*=SetRole]", new Dictionary<string, string> { [$"role.{ids[1]}"] = "DeputyMonitor" });
        Assert.Contains("vừa được người khác thay đổi", (await client.GetDocumentAsync(stale.Headers.Location!.OriginalString)).QuerySelector("main")!.TextContent);
        var withdrawn = await client.PressAsync(page, $"#roster button[name=enrolmentId][value='{ids[2]}']:not([formaction])", new Dictionary<string, string>
        {
            [$"reason.{ids[0]}"] = "Không phải dòng này", [$"reason.{ids[2]}"] = "Chuyển công tác",
        });
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        await using (var db = database.CreateContext())
        {
            var lines = await db.Enrolments.Where(e => e.ClassId == classId).ToDictionaryAsync(e => e.Id);
            Assert.Equal([EnrolmentStatus.Active, EnrolmentStatus.Active, EnrolmentStatus.Withdrawn], ids.Select(id => lines[id].Status));
            Assert.Equal("Chuyển công tác", lines[ids[2]].WithdrawalReason);
            Assert.Equal(ClassRole.Monitor, lines[ids[1]].Role);
        }

        // The withdrawn line comes back through the same form's "Đưa lại vào lớp".
        page = await client.GetDocumentAsync(url);
        Assert.Single(page.QuerySelectorAll("#roster-form input[name=__RequestVerificationToken]"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.PressAsync(page, "#withdrawn button[name=traineeId]")).StatusCode);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(EnrolmentStatus.Active, (await db.Enrolments.SingleAsync(e => e.Id == ids[2])).Status);
        }
    }

    [Fact]
    public async Task The_roster_of_a_class_of_600_is_shown_200_lines_a_page_each_page_bounded_in_size()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        var (factory, classId) = await PortalWithClassAsync(database);
        await using var _ = factory;
        var ids = await EnrolAsync(database, classId, 600);
        var client = await factory.SignInAsync("giaovu");

        var seen = new List<int>();
        for (var p = 1; p <= 3; p++)
        {
            var response = await client.GetAsync($"/Roster/Index/{classId}?page={p}");
            var html = await response.Content.ReadAsStringAsync();
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
            var rows = page.QuerySelectorAll("#roster tbody tr").ToList();
            Assert.Equal(200, rows.Count);
            Assert.Equal($"{((p - 1) * 200) + 1}", rows[0].QuerySelector("td")!.TextContent);
            seen.AddRange(rows.Select(r => int.Parse(r.Id![1..], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Single(page.QuerySelectorAll("input[name=__RequestVerificationToken]"), t => t.Closest("#roster-form") is not null);

            // The page's own lines, plus a few characters per enrolled trainee (the entry box's list of who is in the class).
            var bound = 40_000 + (200 * 1_100) + (ids.Count * 8);
            Assert.True(Encoding.UTF8.GetByteCount(html) < bound, $"Page {p} weighs {Encoding.UTF8.GetByteCount(html):N0} bytes, over {bound:N0}");
        }

        Assert.Equal(ids, seen);

        // Past the end: the last page.
        var last = await client.GetDocumentAsync($"/Roster/Index/{classId}?page=9");
        Assert.Equal("401", last.QuerySelector("#roster tbody td")!.TextContent);
    }

    [Fact]
    public async Task A_committee_official_reads_the_roster_but_cannot_change_it()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        var (factory, classId) = await PortalWithClassAsync(database);
        await using var _ = factory;
        await factory.CreateUserAsync("lanhdao", Roles.CommitteeOfficial);
        var client = await factory.SignInAsync("lanhdao");
        var page = await client.GetDocumentAsync($"/Roster/Index/{classId}");
        Assert.Null(page.QuerySelector("#add-new"));
        var token = page.QuerySelector("form input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        var post = await client.PostAsync($"/Roster/AddNew/{classId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["NewTrainee.FamilyName"] = "Lê", ["NewTrainee.GivenName"] = "Tám",
        }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", post.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/RosterImport/Upload/{classId}")).StatusCode);
    }

    [Fact]
    public async Task The_template_downloads_as_a_workbook()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        var (factory, _) = await PortalWithClassAsync(database);
        await using var __ = factory;
        var client = await factory.SignInAsync("giaovu");
        var response = await client.GetAsync("/RosterImport/Template");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Single(RosterTestSupport.ReadOk(bytes).Rows);
    }
}
