using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Tests.Classes;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.Tests.Web;

public class ClassesWebTests
{
    private const string ClassForm = "form#class-form";
    private const string SessionForm = "form#session-form";

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Staff_open_a_class_with_the_proposed_number_and_keep_its_timetable(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var (programmeId, lecturerId) = await SeedAsync(factory);
        var staff = await factory.SignInAsync("giaovu");

        var form = await staff.GetDocumentAsync($"/Classes/Create?programmeId={programmeId}&year=2025");
        Assert.Equal("1", Input(form, "Number").Value);
        Assert.Equal("lớp thứ 1/2025", form.QuerySelector("#number-label")!.TextContent.Trim());
        Assert.Equal(["Trần Thị Thu Hà"], form.QuerySelectorAll("#HeadLecturerId option").Skip(1).Select(o => o.TextContent.Trim()));

        var created = await staff.SubmitFormAsync($"/Classes/Create?programmeId={programmeId}&year=2025", ClassFields(programmeId, lecturerId), ClassForm);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var details = created.Headers.Location!.OriginalString;
        Assert.StartsWith("/Classes/Details/", details);
        var classId = int.Parse(details["/Classes/Details/".Length..]);

        var page = await staff.GetDocumentAsync(details);
        Assert.Equal("Lớp cảm tình Đảng đợt 1, lớp thứ 1/2025", page.QuerySelector("#class-name")!.TextContent.Trim());
        Assert.Equal("Kế hoạch", page.QuerySelector("#class-status")!.TextContent.Trim());
        Assert.Contains("10/03/2025 – 14/03/2025", page.QuerySelector("#class-facts")!.TextContent);
        Assert.Contains("Cụm xã: Cụm xã Cát Hanh", page.QuerySelector("#class-facts")!.TextContent);
        Assert.Contains("Xã hội hóa", page.QuerySelector("#class-facts")!.TextContent);
        Assert.Contains("Trần Thị Thu Hà", page.QuerySelector("#class-facts")!.TextContent);
        Assert.Equal("Lớp mới có 0 học viên, ít hơn mức tối thiểu 25.", Squash(page.QuerySelector("#size-warning")!.TextContent));
        Assert.Equal($"/Roster/Index/{classId}", page.QuerySelector("#roster-page")!.GetAttribute("href"));
        Assert.Equal("Danh sách học viên", page.QuerySelector("#roster-page")!.TextContent.Trim());

        // The next class of the programme and year is proposed as number 2.
        var again = await staff.GetDocumentAsync($"/Classes/Create?programmeId={programmeId}&year=2025");
        Assert.Equal("2", Input(again, "Number").Value);
        var json = await staff.GetStringAsync($"/Classes/ProposeNumber?programmeId={programmeId}&year=2025");
        using (var proposal = JsonDocument.Parse(json))
        {
            Assert.Equal(2, proposal.RootElement.GetProperty("number").GetInt32());
            Assert.Equal("lớp thứ 2/2025", proposal.RootElement.GetProperty("label").GetString());
        }

        // The timetable: a date outside the class is refused in Vietnamese, keeping what was typed.
        var addSession = $"/Classes/AddSession/{classId}";
        var outside = await staff.SubmitFormAsync(addSession, SessionFields("2025-03-20", "Chủ nghĩa Mác – Lênin", "5", lecturerId), SessionForm);
        Assert.Equal(HttpStatusCode.OK, outside.StatusCode);
        var outsidePage = await HtmlForms.ParseAsync(outside);
        Assert.Contains("Ngày học 20/03/2025 nằm ngoài thời gian học của lớp (từ 10/03/2025 đến 14/03/2025).", outsidePage.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal("Chủ nghĩa Mác – Lênin", Input(outsidePage, "Topic").Value);
        Assert.Equal("2025-03-20", Input(outsidePage, "Date").Value);

        var tooMany = await HtmlForms.ParseAsync(await staff.SubmitFormAsync(addSession, SessionFields("2025-03-10", "Chủ nghĩa Mác – Lênin", "12", lecturerId), SessionForm));
        Assert.Contains("Số tiết phải từ 1 đến 10.", tooMany.QuerySelector("[data-valmsg-for=Periods]")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync(addSession, SessionFields("2025-03-10", "Chủ nghĩa Mác – Lênin", "5", lecturerId), SessionForm)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync(addSession, SessionFields("2025-03-11", "Lịch sử Đảng", "4", null, "Afternoon"), SessionForm)).StatusCode);
        page = await staff.GetDocumentAsync(details);
        var rows = page.QuerySelectorAll("#timetable tbody tr").Select(r => r.QuerySelectorAll("td").Take(5).Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(["10/03/2025", "Sáng", "Chủ nghĩa Mác – Lênin", "Trần Thị Thu Hà", "5"], rows[0]);
        Assert.Equal(["11/03/2025", "Chiều", "Lịch sử Đảng", "—", "4"], rows[1]);
        Assert.Equal("9", page.QuerySelector("#total-periods")!.TextContent.Trim());

        // Edit a session, then delete one.
        var sessionIds = await WithDbAsync(factory, db => db.ClassSessions.OrderBy(s => s.Date).Select(s => s.Id).ToListAsync());
        var edited = await staff.SubmitFormAsync($"/Classes/EditSession/{sessionIds[1]}", SessionFields("2025-03-12", "Lịch sử Đảng Cộng sản Việt Nam", "3", lecturerId, "Evening"), SessionForm);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        // One form for the timetable: the first session's "Xóa" button posts to its own address.
        var deleted = await staff.PressAsync(await staff.GetDocumentAsync(details), "#timetable button[data-confirm]");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        page = await staff.GetDocumentAsync(details);
        rows = page.QuerySelectorAll("#timetable tbody tr").Select(r => r.QuerySelectorAll("td").Take(5).Select(td => td.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal([["12/03/2025", "Tối", "Lịch sử Đảng Cộng sản Việt Nam", "Trần Thị Thu Hà", "3"]], rows);
        Assert.Equal("Đã xóa buổi học khỏi thời khóa biểu.", page.QuerySelector(".alert-success")!.TextContent.Trim());

        // The list shows the class.
        var list = await staff.GetDocumentAsync("/Classes?Year=2025");
        var cells = list.QuerySelectorAll("#class-list tbody tr").Single().QuerySelectorAll("td").Select(td => Squash(td.TextContent)).ToArray();
        Assert.Equal(["lớp thứ 1/2025", "Bồi dưỡng nhận thức về Đảng Lớp cảm tình Đảng đợt 1", "10/03/2025 – 14/03/2025", "Cụm xã Cát Hanh Cụm xã", "Kế hoạch", "0"], cells);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_form_refuses_a_duplicate_number_and_wrong_dates_in_Vietnamese_keeping_what_was_typed(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var (programmeId, lecturerId) = await SeedAsync(factory);
        var staff = await factory.SignInAsync("giaovu");
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync("/Classes/Create", ClassFields(programmeId, lecturerId, number: "3"), ClassForm)).StatusCode);

        var duplicate = await staff.SubmitFormAsync("/Classes/Create", ClassFields(programmeId, lecturerId, number: "3", title: "Lớp thứ hai"), ClassForm);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        var page = await HtmlForms.ParseAsync(duplicate);
        Assert.Equal("Số lớp 3/2025 của chương trình này đã có.", page.QuerySelector(".validation-summary-errors li")!.TextContent.Trim());
        Assert.Equal("Lớp thứ hai", Input(page, "Title").Value);
        Assert.Equal("Cụm xã Cát Hanh", Input(page, "VenueName").Value);
        Assert.Equal("2025-03-10", Input(page, "StartDate").Value);
        Assert.Equal("3", Input(page, "Number").Value);
        Assert.Equal("Socialised", page.QuerySelector("#Funding option[selected]")!.GetAttribute("value"));
        Assert.Equal(lecturerId.ToString(), page.QuerySelector("#HeadLecturerId option[selected]")!.GetAttribute("value"));

        var backwards = await staff.SubmitFormAsync("/Classes/Create", ClassFields(programmeId, lecturerId, number: "4", start: "2025-03-14", end: "2025-03-10"), ClassForm);
        page = await HtmlForms.ParseAsync(backwards);
        Assert.Equal("Ngày bế giảng phải cùng ngày hoặc sau ngày khai giảng.", page.QuerySelector("[data-valmsg-for=EndDate]")!.TextContent.Trim());
        Assert.Equal("2025-03-14", Input(page, "StartDate").Value);

        var missing = await staff.SubmitFormAsync("/Classes/Create", new Dictionary<string, string> { ["Number"] = "", ["Year"] = "2025" }, ClassForm);
        page = await HtmlForms.ParseAsync(missing);
        Assert.Equal("Vui lòng chọn chương trình đào tạo.", page.QuerySelector("[data-valmsg-for=ProgrammeId]")!.TextContent.Trim());
        Assert.Equal("Vui lòng nhập Số lớp.", page.QuerySelector("[data-valmsg-for=Number]")!.TextContent.Trim());

        Assert.Equal(1, await WithDbAsync(factory, db => db.TrainingClasses.CountAsync()));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_stale_edit_form_is_told_what_the_other_person_saved(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        await factory.CreateUserAsync("giaovu2", Roles.CentreStaff);
        var (programmeId, lecturerId) = await SeedAsync(factory);
        var first = await factory.SignInAsync("giaovu");
        var second = await factory.SignInAsync("giaovu2");
        var created = await first.SubmitFormAsync("/Classes/Create", ClassFields(programmeId, lecturerId), ClassForm);
        var id = int.Parse(created.Headers.Location!.OriginalString["/Classes/Details/".Length..]);
        var edit = $"/Classes/Edit/{id}";

        // Both open the form; the first saves a new end date.
        var secondForm = await second.GetDocumentAsync(edit);
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitFormAsync(edit, ClassFields(programmeId, lecturerId, end: "2025-03-21"), ClassForm)).StatusCode);

        // The second posts the form they opened before (its old version), with a new title.
        var fields = Fields(secondForm, ClassForm, ClassFields(programmeId, lecturerId, title: "Lớp học tập nghị quyết"));
        var stale = await second.PostAsync("/Classes/Save", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await HtmlForms.ParseAsync(stale);
        var summary = page.QuerySelector(".validation-summary-errors")!.TextContent;
        Assert.Contains("Lớp học này vừa được người khác cập nhật trong lúc bạn đang sửa.", summary);
        Assert.Contains("Ngày bế giảng: 21/03/2025", summary);
        Assert.Equal("Người khác đã lưu: 21/03/2025", page.QuerySelector("[data-valmsg-for=EndDate]")!.TextContent.Trim());
        Assert.Equal("Lớp học tập nghị quyết", Input(page, "Title").Value);
        Assert.Equal("2025-03-14", Input(page, "EndDate").Value);
        Assert.Equal("Lớp cảm tình Đảng đợt 1", await WithDbAsync(factory, db => db.TrainingClasses.Select(c => c.Title).SingleAsync()));

        // The re-shown form carries the saved version: saving it again overwrites on purpose.
        var newVersion = Input(page, "Version").Value;
        Assert.Equal(await WithDbAsync(factory, db => db.TrainingClasses.Select(c => c.Version).SingleAsync()), Guid.Parse(newVersion));
        var again = await second.PostAsync("/Classes/Save", new FormUrlEncodedContent(Fields(page, ClassForm)));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var saved = await WithDbAsync(factory, db => db.TrainingClasses.Select(c => new { c.Title, c.EndDate }).SingleAsync());
        Assert.Equal(("Lớp học tập nghị quyết", new DateOnly(2025, 3, 14)), (saved.Title, saved.EndDate));
    }

    [Fact]
    public async Task Status_buttons_move_the_class_and_a_refused_move_is_explained()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var (programmeId, lecturerId) = await SeedAsync(factory);
        var staff = await factory.SignInAsync("giaovu");
        var created = await staff.SubmitFormAsync("/Classes/Create", ClassFields(programmeId, lecturerId), ClassForm);
        var details = created.Headers.Location!.OriginalString;

        var page = await staff.GetDocumentAsync(details);
        Assert.Equal(["Khai giảng (chuyển sang Đang học)", "Hủy lớp"], page.QuerySelectorAll("#status-actions button").Select(b => b.TextContent.Trim()));
        Assert.Equal(HttpStatusCode.Redirect, (await staff.SubmitFormAsync(details, new Dictionary<string, string>(), "#status-actions form")).StatusCode);
        page = await staff.GetDocumentAsync(details);
        Assert.Equal("Đang học", page.QuerySelector("#class-status")!.TextContent.Trim());
        Assert.Equal("Đã chuyển lớp sang trạng thái \"Đang học\".", page.QuerySelector(".alert-success")!.TextContent.Trim());
        Assert.Equal(["Kết thúc lớp", "Hủy lớp"], page.QuerySelectorAll("#status-actions button").Select(b => b.TextContent.Trim()));

        // A move the class rules refuse (back to planned) is explained, not applied.
        var refused = await staff.SubmitFormAsync(details, new Dictionary<string, string> { ["to"] = "Planned" }, "#status-actions form");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        page = await staff.GetDocumentAsync(details);
        Assert.Equal("Không thể chuyển lớp từ trạng thái \"Đang học\" sang \"Kế hoạch\".", page.QuerySelector(".alert-danger")!.TextContent.Trim());
        Assert.Equal("Đang học", page.QuerySelector("#class-status")!.TextContent.Trim());

        // Cancelling needs a reason.
        await staff.SubmitFormAsync(details, new Dictionary<string, string>(), "#cancel-form");
        page = await staff.GetDocumentAsync(details);
        Assert.Equal("Phải ghi lý do hủy lớp.", page.QuerySelector(".alert-danger")!.TextContent.Trim());
        await staff.SubmitFormAsync(details, new Dictionary<string, string> { ["reason"] = "Trùng lịch đại hội" }, "#cancel-form");
        page = await staff.GetDocumentAsync(details);
        Assert.Equal("Đã hủy", page.QuerySelector("#class-status")!.TextContent.Trim());
        Assert.Contains("Lý do hủy: Trùng lịch đại hội", page.QuerySelector("main")!.TextContent);
        Assert.Null(page.QuerySelector("#status-actions"));
        Assert.Null(page.QuerySelector("#add-session"));
        Assert.Null(page.QuerySelector("#size-warning"));
    }

    [Fact]
    public async Task A_committee_official_reads_classes_but_cannot_change_them()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        await factory.CreateUserAsync("lanhdao", Roles.CommitteeOfficial);
        var (programmeId, lecturerId) = await SeedAsync(factory);
        var staff = await factory.SignInAsync("giaovu");
        var created = await staff.SubmitFormAsync("/Classes/Create", ClassFields(programmeId, lecturerId), ClassForm);
        var details = created.Headers.Location!.OriginalString;
        var id = int.Parse(details["/Classes/Details/".Length..]);
        var added = await staff.SubmitFormAsync($"/Classes/AddSession/{id}", SessionFields("2025-03-10", "Điều lệ Đảng", "5", lecturerId), SessionForm);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var sessionId = await WithDbAsync(factory, db => db.ClassSessions.Select(s => s.Id).SingleAsync());

        var official = await factory.SignInAsync("lanhdao");
        var list = await official.GetDocumentAsync("/Classes");
        Assert.Single(list.QuerySelectorAll("#class-list tbody tr"));
        Assert.Null(list.QuerySelector("#create-class"));
        var page = await official.GetDocumentAsync(details);
        Assert.Contains("Điều lệ Đảng", page.QuerySelector("#timetable")!.TextContent);
        Assert.Null(page.QuerySelector("#status-actions"));
        Assert.Null(page.QuerySelector("#add-session"));
        Assert.Empty(page.QuerySelectorAll("#timetable form"));

        // Every change is refused, even posted by hand with a valid antiforgery token of their own.
        var ownToken = Input(await official.GetDocumentAsync("/Account/ChangePassword"), "__RequestVerificationToken").Value;
        foreach (var (url, body) in new (string, Dictionary<string, string>)[]
        {
            ("/Classes/Save", ClassFields(programmeId, lecturerId, number: "9")),
            ($"/Classes/Move/{id}", new() { ["to"] = "Open" }),
            ("/Classes/SaveSession", new() { ["ClassId"] = id.ToString(), ["Date"] = "2025-03-11", ["Part"] = "Morning", ["Topic"] = "X", ["Periods"] = "4" }),
            ($"/Classes/DeleteSession/{sessionId}", new() { ["classId"] = id.ToString() }),
        })
        {
            body["__RequestVerificationToken"] = ownToken;
            var response = await official.PostAsync(url, new FormUrlEncodedContent(body));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
        }

        foreach (var url in new[] { "/Classes/Create", $"/Classes/Edit/{id}", $"/Classes/AddSession/{id}", $"/Classes/EditSession/{sessionId}", $"/Classes/ProposeNumber?programmeId={programmeId}&year=2025" })
        {
            var response = await official.GetAsync(url);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
        }

        Assert.Equal((1, ClassStatus.Planned, 1), await WithDbAsync(factory, async db =>
            (await db.TrainingClasses.CountAsync(), await db.TrainingClasses.Select(c => c.Status).SingleAsync(), await db.ClassSessions.CountAsync())));
    }

    [Fact]
    public async Task The_list_pages_with_its_filters_in_the_links()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var (programmeId, _) = await SeedAsync(factory);
        await WithDbAsync(factory, async db =>
        {
            var centreId = await db.TrainingCentres.Select(c => c.Id).FirstAsync();
            for (var i = 1; i <= 30; i++)
            {
                db.TrainingClasses.Add(new TrainingClass
                {
                    CentreId = centreId, ProgrammeId = programmeId, Year = 2024, Number = i,
                    VenueKind = VenueKind.CommuneCluster, VenueName = "Cụm xã Cát Tài", StartDate = new DateOnly(2024, 1, 1).AddDays(i),
                });
            }

            db.TrainingClasses.Add(new TrainingClass { CentreId = centreId, ProgrammeId = programmeId, Year = 2025, Number = 1 });
            return await db.SaveChangesAsync();
        });
        var staff = await factory.SignInAsync("giaovu");

        var page = await staff.GetDocumentAsync("/Classes?Year=2024&Venue=cat+tai");
        Assert.Equal(25, page.QuerySelectorAll("#class-list tbody tr").Length);
        Assert.Equal("lớp thứ 30/2024", page.QuerySelector("#class-list tbody tr td a")!.TextContent.Trim()); // latest start first
        Assert.Equal("2024", page.QuerySelector("#filter-year option[selected]")!.GetAttribute("value"));
        Assert.Equal("cat tai", page.QuerySelector("#filter-venue")!.GetAttribute("value"));
        var next = page.QuerySelectorAll(".pagination a").Single(a => a.TextContent.Trim() == "2").GetAttribute("href")!;
        Assert.Contains("Year=2024", next);
        Assert.Contains("Venue=cat%20tai", next);
        Assert.Contains("page=2", next);

        var second = await staff.GetDocumentAsync(next);
        Assert.Equal(5, second.QuerySelectorAll("#class-list tbody tr").Length);
        Assert.Equal("lớp thứ 5/2024", second.QuerySelector("#class-list tbody tr td a")!.TextContent.Trim());
        Assert.Contains("Trang 2 / 2", second.QuerySelector(".pagination")!.ParentElement!.TextContent);

        var all = await staff.GetDocumentAsync("/Classes");
        Assert.Contains("tổng số 31", all.QuerySelector("main")!.TextContent);
        Assert.Equal("lớp thứ 1/2025", all.QuerySelector("#class-list tbody tr td a")!.TextContent.Trim());
        var none = await staff.GetDocumentAsync("/Classes?Status=Finished");
        Assert.NotNull(none.QuerySelector("#no-classes"));
    }

    private static async Task<(int ProgrammeId, int LecturerId)> SeedAsync(PortalFactory factory) =>
        await WithDbAsync(factory, async db =>
        {
            var centreId = await db.TrainingCentres.Select(c => c.Id).FirstAsync();
            var lecturer = new Lecturer { CentreId = centreId, FamilyName = "Trần", MiddleName = "Thị Thu", GivenName = "Hà", Kind = LecturerKind.FullTime };
            db.Lecturers.Add(new Lecturer { CentreId = centreId, FamilyName = "Phạm", GivenName = "Nghỉ", Kind = LecturerKind.PartTime, IsActive = false });
            db.Lecturers.Add(lecturer);
            await db.SaveChangesAsync();
            var programmeId = await db.Programmes.OrderBy(p => p.DisplayOrder).Select(p => p.Id).FirstAsync();
            return (programmeId, lecturer.Id);
        });

    private static async Task<T> WithDbAsync<T>(PortalFactory factory, Func<AppDbContext, Task<T>> work)
    {
        using var scope = factory.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static Dictionary<string, string> ClassFields(
        int programmeId, int lecturerId, string number = "1", string? title = "Lớp cảm tình Đảng đợt 1", string start = "2025-03-10", string end = "2025-03-14") => new()
        {
            ["ProgrammeId"] = programmeId.ToString(),
            ["Year"] = "2025",
            ["Number"] = number,
            ["Title"] = title ?? "",
            ["VenueKind"] = "CommuneCluster",
            ["VenueName"] = "Cụm xã Cát Hanh",
            ["StartDate"] = start,
            ["EndDate"] = end,
            ["Funding"] = "Socialised",
            ["Partner"] = "Ban Tuyên giáo",
            ["HeadLecturerId"] = lecturerId.ToString(),
            ["AcademicOfficerName"] = "Lê Thị Mai",
        };

    private static Dictionary<string, string> SessionFields(string date, string topic, string periods, int? lecturerId, string part = "Morning") => new()
    {
        ["Date"] = date, ["Part"] = part, ["Topic"] = topic, ["Periods"] = periods, ["LecturerId"] = lecturerId?.ToString() ?? "",
    };

    /// <summary>
    /// The fields of a form already loaded, as a browser would post them (selects with their selected
    /// option), with <paramref name="overrides"/> replacing fields of the same name.
    /// </summary>
    private static List<KeyValuePair<string, string>> Fields(IHtmlDocument page, string formSelector, IDictionary<string, string>? overrides = null)
    {
        overrides ??= new Dictionary<string, string>();
        var form = page.QuerySelector(formSelector)!;
        var fields = form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>().Select(i => KeyValuePair.Create(i.Name!, i.Value))
            .Concat(form.QuerySelectorAll("select[name]").OfType<IHtmlSelectElement>().Select(s => KeyValuePair.Create(s.Name!, s.Value ?? "")))
            .Where(f => !overrides.ContainsKey(f.Key))
            .ToList();
        fields.AddRange(overrides);
        return fields;
    }

    private static IHtmlInputElement Input(IHtmlDocument page, string name) =>
        (IHtmlInputElement)(page.QuerySelector($"main input[name='{name}']") ?? throw new InvalidOperationException($"No input {name}"));

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
