using System.Net;
using System.Net.Http.Headers;
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

    private static MultipartFormDataContent Upload(byte[] bytes, string token, string name = "danh-sach.xlsx")
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "file", name);
        content.Add(new StringContent(token), "__RequestVerificationToken");
        return content;
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Staff_import_the_sample_and_see_it_in_Vietnamese_order(Provider provider)
    {
        await using var database = TestDatabase.Create(provider);
        var (factory, classId) = await PortalWithClassAsync(database);
        await using var _ = factory;
        var client = await factory.SignInAsync("giaovu");

        var uploadPage = await client.GetDocumentAsync($"/RosterImport/Upload/{classId}");
        var token = uploadPage.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var bytes = await File.ReadAllBytesAsync(RosterTestSupport.SamplePath("danh-sach-hoc-vien-cat-hanh.xlsx"));
        var previewResponse = await client.PostAsync($"/RosterImport/Upload/{classId}", Upload(bytes, token));
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
        await using var database = TestDatabase.Create(provider);
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
        var preview = await HtmlForms.ParseAsync(await onFirst.PostAsync($"/RosterImport/Upload/{classId}", Upload(bytes, antiforgery)));
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
        await using var database = TestDatabase.Create(Provider.Sqlite);
        var (factory, classId) = await PortalWithClassAsync(database);
        await using var _ = factory;
        var client = await factory.SignInAsync("giaovu");
        var page = await client.GetDocumentAsync($"/RosterImport/Upload/{classId}");
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await client.PostAsync($"/RosterImport/Upload/{classId}", Upload("Họ và tên;Ngày sinh"u8.ToArray(), token, "danh-sach.csv"));
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
        await using var database = TestDatabase.Create(Provider.Sqlite);
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

        var noReason = await client.SubmitFormAsync($"/Roster/Index/{classId}", new Dictionary<string, string> { ["reason"] = "" }, "#roster form[action*=Withdraw]");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Phải ghi lý do", await noReason.Content.ReadAsStringAsync());

        var withdrawn = await client.SubmitFormAsync($"/Roster/Index/{classId}", new Dictionary<string, string> { ["reason"] = "Chuyển công tác" }, "#roster form[action*=Withdraw]");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        page = await client.GetDocumentAsync($"/Roster/Index/{classId}");
        Assert.Empty(page.QuerySelectorAll("#roster tbody tr"));
        Assert.Contains("Chuyển công tác", page.QuerySelector("#withdrawn")!.TextContent);
    }

    [Fact]
    public async Task A_committee_official_reads_the_roster_but_cannot_change_it()
    {
        await using var database = TestDatabase.Create(Provider.Sqlite);
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
        await using var database = TestDatabase.Create(Provider.Sqlite);
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
