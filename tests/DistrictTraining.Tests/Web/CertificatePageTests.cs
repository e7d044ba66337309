using System.Net;
using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Excel;
using DistrictTraining.Core.Identity;
using DistrictTraining.Tests.Certificates;
using DistrictTraining.Tests.Excel;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.Tests.Web;

public class CertificatePageTests
{
    private static async Task<(PortalFactory Factory, int ClassId)> PortalWithDecidedClassAsync(TestDatabase database, int completed = 3, int notCompleted = 1)
    {
        var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var centre = await CertificateTestData.CentreAsync(db, (await db.TrainingCentres.FirstAsync()).Name);
        var c = await CertificateTestData.ClassAsync(db, centre.Id, completed, notCompleted);
        return (factory, c.Id);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Staff_issue_a_class_and_find_it_in_the_register_and_its_export(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, classId) = await PortalWithDecidedClassAsync(database);
        await using var _ = factory;
        var client = await factory.SignInAsync("giaovu");

        var page = await client.GetDocumentAsync($"/Certificates/Class/{classId}");
        Assert.Contains("1-QĐ/TTCT", page.QuerySelector("#decision")!.TextContent);
        Assert.Equal("Nguyễn Văn Giám", page.QuerySelector("#Issue_SignerName")!.GetAttribute("value"));

        // 21 days after the decision: the confirm step shows the numbers and asks for a confirmed reason.
        var confirm = await PreviewAsync(client, classId, "2026-03-31");
        Assert.Equal(("3", "000001/2026 – 000003/2026", "1/2026 – 3/2026"),
            (confirm.QuerySelector("#issue-count")!.TextContent, confirm.QuerySelector("#serial-range")!.TextContent, confirm.QuerySelector("#register-range")!.TextContent));
        Assert.Contains("vĩnh viễn", confirm.QuerySelector("#numbers-permanent")!.TextContent);
        Assert.Contains("quá thời hạn 15 ngày (hạn cuối 25/03/2026)", confirm.QuerySelector("#issue-warnings")!.TextContent);
        var unconfirmed = await client.PostFormAsync(confirm, "#confirm-form", new Dictionary<string, string> { ["Issue.ConfirmationReason"] = "Giám đốc đi công tác" });
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        var again = await HtmlForms.ParseAsync(unconfirmed);
        Assert.Contains("cần xác nhận", again.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal("Giám đốc đi công tác", again.QuerySelector("#Issue_ConfirmationReason")!.TextContent.Trim());
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Certificates.AnyAsync());
        }

        var issued = await client.PostFormAsync(again, "#confirm-form", new Dictionary<string, string>
        {
            ["Issue.Confirmed"] = "true", ["Issue.ConfirmationReason"] = again.QuerySelector("#Issue_ConfirmationReason")!.TextContent.Trim(),
        });
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var after = await client.GetDocumentAsync($"/Certificates/Class/{classId}");
        Assert.Contains("Đã cấp 3 giấy chứng nhận, số hiệu từ 000001/2026 đến 000003/2026.", after.QuerySelector("main")!.TextContent);
        Assert.Equal(["000001/2026", "000002/2026", "000003/2026", ""], after.QuerySelectorAll("#class-certificates tbody .serial").Select(s => s.TextContent.Trim()));
        Assert.Null(after.QuerySelector("#issue-form"));
        Assert.NotNull(after.QuerySelector("#all-issued"));
        var firstId = (await IdsAsync(factory))[0];
        var details = await client.GetDocumentAsync($"/Certificates/Details/{firstId}");
        Assert.Contains("quá thời hạn 15 ngày", details.QuerySelector("#issue-confirmation")!.TextContent);
        Assert.Contains("Lý do: Giám đốc đi công tác", details.QuerySelector("#issue-confirmation")!.TextContent);

        var register = await client.GetDocumentAsync("/Certificates?year=2026");
        Assert.Equal(["1/2026", "2/2026", "3/2026"], register.QuerySelectorAll("#register .register-number").Select(s => s.TextContent.Trim()));
        var filtered = await client.GetDocumentAsync("/Certificates?year=2026&q=nguyen+van+a001");
        Assert.Equal(["Nguyễn Văn A001"], filtered.QuerySelectorAll("#register .holder").Select(s => s.TextContent.Trim()));

        var export = await client.GetAsync(register.QuerySelector("#export-link")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(XlsxReportWriter.ContentType, export.Content.Headers.ContentType!.MediaType);
        Assert.Equal("so-goc-2026.xlsx", export.Content.Headers.ContentDisposition!.FileNameStar ?? export.Content.Headers.ContentDisposition.FileName);
        var sheet = XlsxTestReader.Open(await export.Content.ReadAsByteArrayAsync());
        var header = sheet.Rows.First(r => sheet.Value(r.CellReferences[0]) == "Số vào sổ").Number;
        Assert.Equal(["000001/2026", "000002/2026", "000003/2026"], sheet.Table(header).Rows.Select(r => r[1]!.Value));

        var print = await client.GetDocumentAsync(register.QuerySelector("#print-link")!.GetAttribute("href")!);
        Assert.Equal(3, print.QuerySelectorAll("#register-print tbody tr").Length);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Staff_reissue_and_revoke_with_a_reason_and_the_forms_keep_what_was_typed(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, classId) = await PortalWithDecidedClassAsync(database);
        await using var _ = factory;
        var client = await factory.SignInAsync("giaovu");
        await IssueAsync(client, classId, "2026-03-12");
        var ids = await IdsAsync(factory);

        // Another reason without its text: refused, the chosen reason and the date stay in the form.
        var refused = await client.SubmitFormAsync($"/Certificates/Details/{ids[0]}",
            new Dictionary<string, string> { ["Reissue.Kind"] = "Other", ["Reissue.Detail"] = "", ["Reissue.IssueDate"] = "2026-04-01" }, "#reissue-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await HtmlForms.ParseAsync(refused);
        Assert.Contains("Phải ghi rõ lý do cấp lại.", refusedPage.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal("Other", refusedPage.QuerySelector("#Reissue_Kind option[selected]")!.GetAttribute("value"));
        Assert.Equal("2026-04-01", refusedPage.QuerySelector("#Reissue_IssueDate")!.GetAttribute("value"));

        var reissued = await client.SubmitFormAsync($"/Certificates/Details/{ids[0]}",
            new Dictionary<string, string> { ["Reissue.Kind"] = "Lost", ["Reissue.Detail"] = "mất khi chuyển nhà", ["Reissue.IssueDate"] = "2026-04-01" }, "#reissue-form");
        Assert.Equal(HttpStatusCode.Redirect, reissued.StatusCode);
        var newPage = await client.GetDocumentAsync(reissued.Headers.Location!.OriginalString);
        Assert.Contains("000004/2026", newPage.QuerySelector("h1")!.TextContent);
        Assert.Contains("Mất: mất khi chuyển nhà", newPage.QuerySelector("#replaces")!.TextContent);
        var oldPage = await client.GetDocumentAsync($"/Certificates/Details/{ids[0]}");
        Assert.Equal("Đã cấp lại", oldPage.QuerySelector("#state")!.TextContent.Trim());
        Assert.Contains("000004/2026", oldPage.QuerySelector("#replaced-by")!.TextContent);
        Assert.Null(oldPage.QuerySelector("#revoke-form"));

        var noReason = await client.SubmitFormAsync($"/Certificates/Details/{ids[1]}", new Dictionary<string, string> { ["Revoke.Reason"] = "" }, "#revoke-form");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Lý do thu hồi", (await HtmlForms.ParseAsync(noReason)).QuerySelector("[data-valmsg-for='Revoke.Reason']")!.TextContent);
        var revoked = await client.SubmitFormAsync($"/Certificates/Details/{ids[1]}", new Dictionary<string, string> { ["Revoke.Reason"] = "Khai man hồ sơ" }, "#revoke-form");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var revokedPage = await client.GetDocumentAsync($"/Certificates/Details/{ids[1]}");
        Assert.Equal("Đã thu hồi", revokedPage.QuerySelector("#state")!.TextContent.Trim());
        Assert.Contains("Khai man hồ sơ", revokedPage.QuerySelector("#revoked")!.TextContent);

        var register = await client.GetDocumentAsync("/Certificates?year=2026");
        Assert.Equal(["Superseded", "Revoked", "Valid", "Valid"], register.QuerySelectorAll("#register tbody tr").Select(r => r.GetAttribute("data-state")));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_printable_certificate_carries_the_numbers_and_a_QR_code_of_the_public_address(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, classId) = await PortalWithDecidedClassAsync(database);
        await using var _ = factory;
        var client = await factory.SignInAsync("giaovu");
        await IssueAsync(client, classId, "2026-03-12");
        var ids = await IdsAsync(factory);
        string code;
        using (var scope = factory.Services.CreateScope())
        {
            code = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Certificates.Where(c => c.Id == ids[0]).Select(c => c.VerificationCode).SingleAsync();
        }

        var one = await client.GetDocumentAsync($"/Certificates/Print/{ids[0]}");
        var sheet = Assert.Single(one.QuerySelectorAll("article.sheet"));
        Assert.Equal("GIẤY CHỨNG NHẬN", sheet.QuerySelector(".title")!.TextContent.Trim());
        Assert.Equal("ĐẢNG CỘNG SẢN VIỆT NAM", sheet.QuerySelector(".party .body")!.TextContent.Trim());
        Assert.Equal("NGUYỄN VĂN A000", sheet.QuerySelector(".holder")!.TextContent.Trim());
        Assert.Contains("Sinh ngày: 01/01/1990", sheet.TextContent);
        Assert.Contains("Lớp thứ 1/2026, từ ngày 02/03/2026 đến ngày 06/03/2026", sheet.TextContent);
        Assert.Equal("Khá", sheet.QuerySelector(".grade")!.TextContent);
        Assert.Equal("Cát Hanh, ngày 12 tháng 03 năm 2026", sheet.QuerySelector(".place")!.TextContent);
        Assert.Equal(("GIÁM ĐỐC", "Nguyễn Văn Giám"), (sheet.QuerySelector(".signer-title")!.TextContent, sheet.QuerySelector(".signer-name")!.TextContent));
        Assert.Equal(("000001/2026", "1/2026"), (sheet.QuerySelector(".serial")!.TextContent, sheet.QuerySelector(".register")!.TextContent));

        // No public address is set: the QR code falls back to the address this browser used, and the page warns.
        var qr = sheet.QuerySelector("img.qr")!;
        var url = qr.GetAttribute("data-url")!;
        Assert.Equal($"http://localhost/Verify/{code}", url);
        Assert.Contains("chưa khai báo địa chỉ công khai", one.QuerySelector("#address-warning")!.TextContent);
        // The QR code holds the address plus the signed payload (ADR-013).
        var content = qr.GetAttribute("data-content")!;
        Assert.StartsWith(url + "?p=eyJ", content);
        Assert.Equal(DistrictTraining.Web.Infrastructure.CertificateLinks.QrDataUri(content), qr.GetAttribute("src"));
        Assert.StartsWith("data:image/svg+xml;base64,", qr.GetAttribute("src"));

        var all = await client.GetDocumentAsync($"/Certificates/PrintClass/{classId}");
        Assert.Equal(["000001/2026", "000002/2026", "000003/2026"], all.QuerySelectorAll("article.sheet").Select(s => s.GetAttribute("data-serial")));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Certificates/Print/{ids[^1] + 100}")).StatusCode);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Issuing_reissuing_revoking_and_printing_are_for_staff_only(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, classId) = await PortalWithDecidedClassAsync(database);
        await using var _ = factory;
        await factory.CreateUserAsync("lanhdao", Roles.CommitteeOfficial);
        await factory.CreateUserAsync("giangvien", Roles.Lecturer);
        await factory.CreateUserAsync("xa", Roles.UnitLiaison);
        var staff = await factory.SignInAsync("giaovu");
        await IssueAsync(staff, classId, "2026-03-12");
        var ids = await IdsAsync(factory);

        // A committee official reads the register and the class page, without the forms, and is refused the rest.
        var official = await factory.SignInAsync("lanhdao");
        Assert.Equal(3, (await official.GetDocumentAsync("/Certificates")).QuerySelectorAll("#register tbody tr").Length);
        var details = await official.GetDocumentAsync($"/Certificates/Details/{ids[0]}");
        Assert.Null(details.QuerySelector("#revoke-form"));
        Assert.Null(details.QuerySelector("#print-one"));
        // A valid antiforgery token of this user (from the layout's sign-out form): only the role is wrong.
        var token = (await official.GetDocumentAsync("/Certificates")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var (url, fields) in new[]
        {
            ($"/Certificates/Issue/{classId}", new Dictionary<string, string> { ["Issue.IssueDate"] = "2026-03-12" }),
            ($"/Certificates/Revoke/{ids[0]}", new Dictionary<string, string> { ["Revoke.Reason"] = "Thử" }),
            ($"/Certificates/Reissue/{ids[0]}", new Dictionary<string, string> { ["Reissue.Kind"] = "Lost", ["Reissue.IssueDate"] = "2026-03-12" }),
        })
        {
            fields["__RequestVerificationToken"] = token;
            var post = await official.PostAsync(url, new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", post.Headers.Location!.PathAndQuery);
        }

        foreach (var url in new[] { $"/Certificates/Print/{ids[0]}", $"/Certificates/PrintClass/{classId}", $"/Certificates/ConfirmIssue/{classId}?Issue.IssueDate=2026-03-12" })
        {
            var response = await official.GetAsync(url);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
        }

        // Lecturers and unit liaisons do not read the centre's register at all.
        foreach (var user in new[] { "giangvien", "xa" })
        {
            var client = await factory.SignInAsync(user);
            var response = await client.GetAsync("/Certificates");
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
        }

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(3, await db.Certificates.CountAsync(c => c.Status == CertificateStatus.Valid));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_confirm_page_left_open_while_another_class_is_issued_is_refused_with_the_new_numbers(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, classId) = await PortalWithDecidedClassAsync(database);
        await using var _ = factory;
        int otherId;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            otherId = (await CertificateTestData.ClassAsync(db, await CertificateTestData.CentreIdAsync(db), completed: 2, number: 2, tag: "B")).Id;
        }

        var client = await factory.SignInAsync("giaovu");
        var page = await client.GetDocumentAsync($"/Certificates/Class/{classId}");
        Assert.Equal(CertificateRules.DefaultIssueDate(CertificateTestData.DecisionDate, TimeProvider.System.VietnamToday()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            page.QuerySelector("#Issue_IssueDate")!.GetAttribute("value"));
        var stale = await PreviewAsync(client, classId, "2026-03-12");
        Assert.Equal("000001/2026 – 000003/2026", stale.QuerySelector("#serial-range")!.TextContent);
        Assert.Null(stale.QuerySelector("#confirmation")); // in the window, everyone with a birth date: nothing to confirm

        // Another tab issues the other class of the same register.
        var otherTab = await factory.SignInAsync("giaovu");
        Assert.Equal(HttpStatusCode.Redirect, (await IssueAsync(otherTab, otherId, "2026-03-12")).StatusCode);

        var refused = await client.PostFormAsync(stale, "#confirm-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var fresh = await HtmlForms.ParseAsync(refused);
        Assert.Contains("số hiệu từ 000003/2026 đến 000005/2026, số vào sổ từ 3/2026 đến 5/2026 (3 giấy)", fresh.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal("000003/2026 – 000005/2026", fresh.QuerySelector("#serial-range")!.TextContent);
        Assert.Equal(["000003/2026", "000004/2026", "000005/2026"], fresh.QuerySelectorAll("#issue-preview .serial").Select(s => s.TextContent));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(fresh, "#confirm-form", new Dictionary<string, string>())).StatusCode);
        using var check = factory.Services.CreateScope();
        var serials = await check.ServiceProvider.GetRequiredService<AppDbContext>().Certificates
            .Where(c => c.Enrolment!.ClassId == classId).OrderBy(c => c.SerialNumber).Select(c => c.SerialNumber).ToListAsync();
        Assert.Equal([3, 4, 5], serials);
    }

    /// <summary>The class page's issue form sent with <paramref name="issueDate"/>: the confirm step, nothing taken yet.</summary>
    internal static async Task<AngleSharp.Html.Dom.IHtmlDocument> PreviewAsync(HttpClient client, int classId, string issueDate) =>
        await client.GetFormAsync(await client.GetDocumentAsync($"/Certificates/Class/{classId}"), "#issue-form", new Dictionary<string, string> { ["Issue.IssueDate"] = issueDate });

    /// <summary>Both steps of an issue that needs no confirmation: the date, then the confirm button.</summary>
    internal static async Task<HttpResponseMessage> IssueAsync(HttpClient client, int classId, string issueDate) =>
        await client.PostFormAsync(await PreviewAsync(client, classId, issueDate), "#confirm-form", new Dictionary<string, string>());

    internal static async Task<List<int>> IdsAsync(PortalFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Certificates.OrderBy(c => c.SerialNumber).Select(c => c.Id).ToListAsync();
    }
}
