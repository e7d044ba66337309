using System.Net;
using AngleSharp.Html.Dom;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Identity;
using DistrictTraining.Tests.Import;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Web;

public class ResultsPageTests
{
    /// <summary>A class of 4 × 10 sessions; everyone present except the first trainee (28/40 periods).</summary>
    private static async Task<(PortalFactory Factory, ClassFixture Class, List<string> Names)> PortalWithClassAsync(TestDatabase database)
    {
        var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        await using var db = database.CreateContext();
        var centre = await db.TrainingCentres.FirstAsync();
        var c = await ClassTestData.CreateAsync(db, trainees: 4, sessions: 10, centreId: centre.Id);
        await ClassTestData.MarkAsync(db,
            from e in c.EnrolmentIds
            from s in c.SessionIds
            select (e, s, e == c.EnrolmentIds[0] && c.SessionIds.Take(3).Contains(s) ? AttendanceStatus.Absent : AttendanceStatus.Present));
        var names = new List<string>();
        foreach (var id in c.EnrolmentIds)
        {
            names.Add(await db.Enrolments.Where(e => e.Id == id).Select(e => e.Trainee!.FullName).SingleAsync());
        }

        return (factory, c, names);
    }

    private static string Text(AngleSharp.Dom.IElement? element) =>
        System.Text.RegularExpressions.Regex.Replace(element?.TextContent ?? string.Empty, @"\s+", " ").Trim();

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Staff_enter_scores_with_a_comma_and_see_grades_failures_and_the_resit(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, c, names) = await PortalWithClassAsync(database);
        await using var _ = factory;
        var client = await factory.SignInAsync("giaovu");
        var url = $"/Results/Index/{c.ClassId}";

        var page = await client.GetDocumentAsync(url);
        Assert.Equal($"/Roster/Index/{c.ClassId}", page.QuerySelector("#back-to-roster")!.GetAttribute("href"));
        Assert.Contains("Khá từ 7,0 đến dưới 8,0", page.QuerySelector("main")!.TextContent);
        Assert.True(((IHtmlInputElement)page.QuerySelector("input[name='rows[0].Score']")!).IsReadOnly);

        // A score for the trainee who is not eligible is refused; what was typed stays.
        var refused = await client.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["rows[0].Score"] = "8", ["rows[1].Score"] = "7,5", ["rows[2].Score"] = "4.0", ["rows[3].Score"] = "9",
        }, "#results-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        page = await HtmlForms.ParseAsync(refused);
        Assert.Contains($"{names[0]}: Không đủ điều kiện dự kiểm tra cuối khóa", Text(page.QuerySelector("#results-errors")));
        Assert.Equal("7,5", ((IHtmlInputElement)page.QuerySelector("input[name='rows[1].Score']")!).Value);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(0, await db.AssessmentResults.CountAsync());
        }

        var saved = await client.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["rows[1].Score"] = "7,5", ["rows[2].Score"] = "4.0", ["rows[3].Score"] = "9",
        }, "#results-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        page = await client.GetDocumentAsync(url);
        var rows = page.QuerySelectorAll("#results tbody tr").Select(Text).ToList();
        Assert.Contains("Không hoàn thành Không đủ điều kiện dự kiểm tra cuối khóa: Tham dự 28/40 tiết (70,0%), dưới mức 80%", rows[0]);
        Assert.Contains("Khá Hoàn thành", rows[1]);
        Assert.Contains("Không hoàn thành Điểm 4,0 dưới điểm đạt 5,0", rows[2]);
        Assert.Contains("Xuất sắc Hoàn thành", rows[3]);
        Assert.Equal("4,0", ((IHtmlInputElement)page.QuerySelector("input[name='rows[2].Score']")!).Value);

        // The trainee who failed passes at the resit.
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(url, new Dictionary<string, string> { ["rows[2].Resit"] = "6,5" }, "#results-form")).StatusCode);
        page = await client.GetDocumentAsync(url);
        Assert.Contains("Trung bình Hoàn thành", Text(page.QuerySelectorAll("#results tbody tr")[2]));
        Assert.Contains("Hoàn thành: 3", Text(page.QuerySelector("#results-summary")));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_class_roster_with_attendance_and_results_exports_the_numbers_of_the_page(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, c, names) = await PortalWithClassAsync(database);
        await using var _ = factory;
        var client = await factory.SignInAsync("giaovu");
        var url = $"/Results/Index/{c.ClassId}";
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["rows[1].Score"] = "7,5", ["rows[2].Score"] = "4", ["rows[3].Score"] = "9",
        }, "#results-form")).StatusCode);

        var response = await client.GetAsync($"/Results/Excel/{c.ClassId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sheet = Excel.XlsxTestReader.Open(await response.Content.ReadAsByteArrayAsync());
        var table = sheet.Table(sheet.Cells.Values.Where(x => x.Text == "STT").Select(x => int.Parse(x.Reference[1..], System.Globalization.CultureInfo.InvariantCulture)).Single());
        Assert.Equal("Họ và tên", table.Headers[1]);
        var data = table.Rows.Where(r => r[0]?.Number is not null).ToList();
        Assert.Equal(names, data.Select(r => r[1]!.Text));
        Assert.Equal([28.0, 40.0, 0.7], [data[0][3]!.Number!.Value, data[0][4]!.Number!.Value, data[0][5]!.Number!.Value]);
        Assert.Equal("Không đủ", data[0][6]!.Text);
        Assert.Equal(7.5, data[1][7]!.Number);
        Assert.Equal("Khá", data[1][9]!.Text);
        Assert.Equal("Không hoàn thành", data[2][10]!.Text);
        Assert.Equal("Xuất sắc", data[3][9]!.Text);
        Assert.Contains("4 học viên, 2 hoàn thành", string.Join(" ", table.Rows.Last().Select(x => x?.Text)));

        // A committee official reads it too; another centre's class is not found.
        await factory.CreateUserAsync("lanhdao", Roles.CommitteeOfficial);
        var official = await factory.SignInAsync("lanhdao");
        Assert.Equal(HttpStatusCode.OK, (await official.GetAsync($"/Results/Excel/{c.ClassId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await official.GetAsync($"/Results/Excel/{c.ClassId + 999}")).StatusCode);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_stale_results_page_is_refused_with_what_changed_and_keeps_the_typed_scores(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, c, names) = await PortalWithClassAsync(database);
        await using var _ = factory;
        await factory.CreateUserAsync("giaovu2", Roles.CentreStaff);
        var first = await factory.SignInAsync("giaovu");
        var second = await factory.SignInAsync("giaovu2");
        var url = $"/Results/Index/{c.ClassId}";

        var stale = await first.GetDocumentAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, (await second.SubmitFormAsync(url, new Dictionary<string, string> { ["rows[1].Score"] = "6" }, "#results-form")).StatusCode);

        var form = (IHtmlFormElement)stale.QuerySelector("#results-form")!;
        var values = form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>().ToDictionary(i => i.Name!, i => i.Value);
        values["rows[1].Score"] = "8,5";
        var refused = await first.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlForms.ParseAsync(refused);
        Assert.Contains($"{names[1]}: Người khác vừa ghi: điểm 6,0", Text(page.QuerySelector("#results-errors")));
        Assert.Equal("8,5", ((IHtmlInputElement)page.QuerySelector("input[name='rows[1].Score']")!).Value);
        Assert.Contains("Người khác vừa ghi", Text(page.QuerySelector("tr.table-danger .row-notice")));
        await using (var db = database.CreateContext())
        {
            Assert.Equal(6m, (await db.AssessmentResults.SingleAsync()).Score);
        }

        // Submitting the page shown again replaces the other score on purpose.
        var again = (IHtmlFormElement)page.QuerySelector("#results-form")!;
        var againValues = again.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>().ToDictionary(i => i.Name!, i => i.Value);
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostAsync(again.GetAttribute("action"), new FormUrlEncodedContent(againValues))).StatusCode);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(8.5m, (await db.AssessmentResults.SingleAsync()).Score);
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_decision_form_waits_for_every_result_then_records_and_closes_the_scores(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, c, names) = await PortalWithClassAsync(database);
        await using var _ = factory;
        var client = await factory.SignInAsync("giaovu");
        var url = $"/Results/Index/{c.ClassId}";
        await client.SubmitFormAsync(url, new Dictionary<string, string> { ["rows[1].Score"] = "7" }, "#results-form");

        var decision = new Dictionary<string, string>
        {
            ["Decision.Number"] = "25-QĐ/TTCT", ["Decision.Date"] = "2026-03-10", ["Decision.Signer"] = "Nguyễn Văn Giám đốc",
        };
        var waiting = await client.SubmitFormAsync(url, decision, "#decision-form");
        Assert.Equal(HttpStatusCode.OK, waiting.StatusCode);
        var page = await HtmlForms.ParseAsync(waiting);
        var error = Text(page.QuerySelector("#decision-error"));
        Assert.Contains("2 học viên chưa có kết quả", error);
        Assert.Contains(names[2], error);
        Assert.Equal("25-QĐ/TTCT", ((IHtmlInputElement)page.QuerySelector("#Decision_Number")!).Value);
        Assert.Equal("2026-03-10", ((IHtmlInputElement)page.QuerySelector("#Decision_Date")!).Value);

        var missing = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Decision.Number"] = "25-QĐ/TTCT" }, "#decision-form");
        Assert.Contains("Vui lòng nhập Người ký.", Text((await HtmlForms.ParseAsync(missing)).QuerySelector("#decision-form")));

        await client.SubmitFormAsync(url, new Dictionary<string, string> { ["rows[2].Score"] = "5", ["rows[3].Score"] = "6" }, "#results-form");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(url, decision, "#decision-form")).StatusCode);
        page = await client.GetDocumentAsync(url);
        Assert.Equal("Quyết định số 25-QĐ/TTCT ngày 10/03/2026, người ký: Nguyễn Văn Giám đốc.", Text(page.QuerySelector("#decision-text")));
        Assert.Null(page.QuerySelector("#results-form input[name='rows[1].Score']"));
        Assert.Contains("điểm và kết quả đã được chốt", page.QuerySelector("main")!.TextContent);
        Assert.Equal("Sửa quyết định", Text(page.QuerySelector("#save-decision")));

        // Correcting the decision works and is in the audit trail.
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Decision.Number"] = "26-QĐ/TTCT" }, "#decision-form")).StatusCode);
        await using var db = database.CreateContext();
        Assert.Equal("26-QĐ/TTCT", (await db.TrainingClasses.SingleAsync()).CompletionDecisionNumber);
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityType == "TrainingClass" && a.Changes.Contains("CompletionDecisionNumber") && a.UserName == "giaovu"));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Scores_are_imported_from_Excel_through_a_preview(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, c, names) = await PortalWithClassAsync(database);
        await using var _ = factory;
        var client = await factory.SignInAsync("giaovu");

        var upload = await client.GetDocumentAsync($"/ScoreImport/Upload/{c.ClassId}");
        var token = upload.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var bytes = XlsxBuilder.FromGrid(["Họ và tên", "Điểm", "Điểm thi lại"], [names[1], "7,5", null], [names[2], "3", "5.5"], ["Người Lạ", "6", null]);
        var response = await client.PostAsync($"/ScoreImport/Upload/{c.ClassId}", HtmlForms.Workbook(bytes, token, "diem.xlsx"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await HtmlForms.ParseAsync(response);
        Assert.Equal("2", preview.QuerySelector("#import-summary [data-kind=matched]")!.TextContent);
        Assert.Equal("1", preview.QuerySelector("#import-summary [data-kind=unmatched]")!.TextContent);
        Assert.Equal("2", preview.QuerySelector("#write-count")!.TextContent);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(0, await db.AssessmentResults.CountAsync());
        }

        var confirm = preview.QuerySelector("#confirm-form")!;
        var fields = confirm.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        var confirmed = await client.PostAsync(confirm.GetAttribute("action"), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var results = await client.GetDocumentAsync($"/Results/Index/{c.ClassId}");
        Assert.Contains("Đã nhập điểm của 2 học viên.", results.QuerySelector("main")!.TextContent);
        Assert.Contains("Trung bình Hoàn thành", Text(results.QuerySelectorAll("#results tbody tr")[2]));

        // A file that is not a workbook is refused on the upload page.
        var refused = await client.PostAsync($"/ScoreImport/Upload/{c.ClassId}", HtmlForms.Workbook("Họ và tên;Điểm"u8.ToArray(), token, "diem.csv"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("không phải bảng tính Excel .xlsx", (await HtmlForms.ParseAsync(refused)).QuerySelector("main")!.TextContent);

        // The class's score sheet downloads as a workbook.
        var template = await client.GetAsync($"/ScoreImport/Template/{c.ClassId}");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", template.Content.Headers.ContentType!.MediaType);
        Assert.Equal("PK"u8.ToArray(), (await template.Content.ReadAsByteArrayAsync())[..2]);
    }

    [Fact]
    public async Task A_lecturer_reads_the_results_but_cannot_enter_scores()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        var (factory, c, _) = await PortalWithClassAsync(database);
        await using var _f = factory;
        var user = await factory.CreateUserAsync("giangvien", Roles.Lecturer);
        var client = await factory.SignInAsync("giangvien");

        // A lecturer reads the results of the classes they teach only.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Results/Index/{c.ClassId}")).StatusCode);
        await using (var db = database.CreateContext())
        {
            var lecturer = await ClassTestData.LecturerAsync(db, c.CentreId, "Phạm", "Hùng", user.Id);
            (await db.ClassSessions.SingleAsync(s => s.Id == c.SessionIds[0])).LecturerId = lecturer.Id;
            await db.SaveChangesAsync();
        }

        var page = await client.GetDocumentAsync($"/Results/Index/{c.ClassId}");
        Assert.Null(page.QuerySelector("#results-form input.score"));
        Assert.Null(page.QuerySelector("#decision-form"));
        var token = page.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await client.PostAsync($"/Results/Save/{c.ClassId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["rows[0].EnrolmentId"] = c.EnrolmentIds[1].ToString(System.Globalization.CultureInfo.InvariantCulture), ["rows[0].Score"] = "9",
        }));
        Assert.StartsWith("/Account/AccessDenied", post.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/ScoreImport/Upload/{c.ClassId}")).StatusCode);
    }

    /// <summary>A class of 250, all present: page 2 shows lines 101–200; its save writes those lines only; the counts are the class's.</summary>
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_save_on_page_2_of_the_results_changes_page_2_lines_only(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var factory = new PortalFactory(database);
        await using var _ = factory;
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        ClassFixture c;
        await using (var db = database.CreateContext())
        {
            c = await ClassTestData.CreateAsync(db, trainees: 250, sessions: 2, centreId: (await db.TrainingCentres.FirstAsync()).Id);
            await ClassTestData.MarkAllPresentAsync(db, c);
        }

        var client = await factory.SignInAsync("giaovu");
        var url = $"/Results/Index/{c.ClassId}?page=2";
        var page = await client.GetDocumentAsync(url);
        Assert.Equal(c.EnrolmentIds.Skip(100).Take(100), page.QuerySelectorAll("#results tbody tr").Select(r => int.Parse(r.GetAttribute("data-enrolment")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("101", page.QuerySelector("#results tbody td")!.TextContent);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(page.DocumentElement.OuterHtml);
        Assert.True(bytes < 40_000 + (100 * 1_400), $"Page 2 weighs {bytes:N0} bytes");

        var saved = await client.PostFormAsync(page, "#results-form", new Dictionary<string, string> { ["rows[0].Score"] = "8", ["rows[1].Score"] = "6,5" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("page=2", saved.Headers.Location!.OriginalString);
        await using (var db = database.CreateContext())
        {
            var written = await db.AssessmentResults.ToDictionaryAsync(r => r.EnrolmentId, r => r.Score);
            Assert.Equal(new Dictionary<int, decimal?> { [c.EnrolmentIds[100]] = 8m, [c.EnrolmentIds[101]] = 6.5m }, written);
        }

        // The counts on any page are the whole class's.
        var first = await client.GetDocumentAsync($"/Results/Index/{c.ClassId}");
        Assert.Contains("Hoàn thành: 2", Text(first.QuerySelector("#results-summary")));
        Assert.Contains("Chưa có kết quả: 248", Text(first.QuerySelector("#results-summary")));
        Assert.Equal(100, first.QuerySelectorAll("#results tbody tr").Length);
    }
}
