using System.Net;
using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Tests.Certificates;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DistrictTraining.Tests.Web;

public class VerificationPageTests
{
    /// <summary>
    /// A portal with one issued class; the codes in number order, the one with markup in the holder's
    /// name (who also has an ID number, a unit and a phone) first.
    /// </summary>
    private static async Task<(PortalFactory Factory, List<string> Codes)> PortalWithCertificatesAsync(
        TestDatabase database, IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var factory = new PortalFactory(database, settings, clock);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var centre = await CertificateTestData.CentreAsync(db, (await db.TrainingCentres.FirstAsync()).Name);
        var c = await CertificateTestData.ClassAsync(db, centre.Id, completed: 3);
        var unit = await TestData.UnitAsync(db, "Chi bộ Thôn Hòa Bình");
        var first = await db.Enrolments.Where(e => e.ClassId == c.Id).Select(e => e.Trainee!).OrderBy(t => t.GivenName).FirstAsync();
        first.GivenName = "<script>alert(1)</script>An";
        first.Cccd = "052090001234";
        first.UnitId = unit.Id;
        first.Phone = "0905123456";
        await db.SaveChangesAsync();
        await new CertificateService(db, new FixedUserScope(centre.Id), TimeProvider.System).IssueForClassAsync(c.Id, new IssueRequest(new DateOnly(2026, 3, 12)));
        var codes = await db.Certificates.OrderBy(x => x.Enrolment!.TraineeId != first.Id).ThenBy(x => x.SerialNumber).Select(x => x.VerificationCode).ToListAsync();
        return (factory, codes);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task An_anonymous_visitor_sees_only_the_name_programme_class_issue_date_and_status(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, codes) = await PortalWithCertificatesAsync(database);
        await using var _ = factory;
        var anonymous = factory.CreateBrowserlessClient();

        var response = await anonymous.GetAsync($"/Verify/{codes[0]}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("noindex, nofollow", response.Headers.GetValues("X-Robots-Tag").Single());
        var html = await response.Content.ReadAsStringAsync();
        var page = await HtmlForms.ParseAsync(new HttpResponseMessage { Content = new StringContent(html) });
        Assert.Equal("Nguyễn Văn <script>alert(1)</script>An", page.QuerySelector("#holder")!.TextContent);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;An", html);
        Assert.DoesNotContain("<script>alert(1)", html);
        var details = page.QuerySelector("#verify-details")!.TextContent;
        Assert.Contains("Bồi dưỡng nhận thức về Đảng", details);
        Assert.Contains("lớp thứ 1/2026", details);
        Assert.Contains("12/03/2026", details);
        Assert.Matches(@"^00000[1-3]/2026$", page.QuerySelector("#serial")!.TextContent);
        Assert.Equal("Valid", page.QuerySelector("#verify-status")!.GetAttribute("data-state"));
        Assert.Contains("Có hiệu lực", page.QuerySelector("#verify-status")!.TextContent);
        Assert.Contains("12/03/2031", page.QuerySelector("#verify-status")!.TextContent); // the awareness class: 60 months

        // Nothing else about the person: no birth date, ID number, unit, phone, grade or the register number.
        foreach (var secret in new[] { "01/01/1990", "1990", "052090001234", "Chi bộ Thôn Hòa Bình", "0905123456", "Khá", "Giám", "Số vào sổ" })
        {
            Assert.DoesNotContain(secret, page.QuerySelector("main")!.TextContent);
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_page_follows_reissue_and_revocation(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, codes) = await PortalWithCertificatesAsync(database);
        await using var _ = factory;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var service = new CertificateService(db, new FixedUserScope(await db.TrainingCentres.Select(c => c.Id).FirstAsync()), TimeProvider.System);
            var ids = await db.Certificates.Where(x => codes.Contains(x.VerificationCode)).Select(x => new { x.Id, x.VerificationCode }).ToListAsync();
            ids = [.. ids.OrderBy(x => codes.IndexOf(x.VerificationCode))];
            await service.ReissueAsync(ids[1].Id, new ReissueRequest(ReissueReasonKind.Lost, null, new DateOnly(2026, 4, 1)));
            await service.RevokeAsync(ids[2].Id, "Khai man hồ sơ");
        }

        var anonymous = factory.CreateBrowserlessClient();
        var superseded = await anonymous.GetDocumentAsync($"/Verify/{codes[1]}");
        Assert.Equal("Superseded", superseded.QuerySelector("#verify-status")!.GetAttribute("data-state"));
        Assert.Contains("đã được cấp lại bằng giấy chứng nhận số 000004/2026", superseded.QuerySelector("#verify-status")!.TextContent);

        var revoked = await anonymous.GetDocumentAsync($"/Verify/{VerificationCode.Grouped(codes[2]).ToLowerInvariant()}");
        Assert.Equal("Revoked", revoked.QuerySelector("#verify-status")!.GetAttribute("data-state"));
        Assert.Contains("Đã thu hồi", revoked.QuerySelector("#verify-status")!.TextContent);
        Assert.DoesNotContain("Khai man", revoked.QuerySelector("main")!.TextContent); // the reason stays inside the centre
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task An_unknown_or_malformed_code_gets_the_same_plain_not_found(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, codes) = await PortalWithCertificatesAsync(database);
        await using var _ = factory;
        var anonymous = factory.CreateBrowserlessClient();

        var almost = codes[0][..^1] + (codes[0][^1] == '0' ? '1' : '0');
        var unknown = await anonymous.GetAsync($"/Verify/{almost}");
        var malformed = await anonymous.GetAsync("/Verify/%3Cb%3Ex%3C%2Fb%3E'%20OR%201=1");
        var tooLong = await anonymous.GetAsync($"/Verify/{new string('A', 300)}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, tooLong.StatusCode);
        var unknownHtml = await unknown.Content.ReadAsStringAsync();
        Assert.Equal(unknownHtml, await malformed.Content.ReadAsStringAsync());
        Assert.Equal(unknownHtml, await tooLong.Content.ReadAsStringAsync());
        var page = await HtmlForms.ParseAsync(new HttpResponseMessage { Content = new StringContent(unknownHtml) });
        Assert.Equal("Không tìm thấy giấy chứng nhận", page.QuerySelector("#verify-result")!.TextContent);

        // The form: a typed code is tidied and sent to its page; an empty one is asked for again.
        var typed = await anonymous.GetAsync($"/Verify?Code={Uri.EscapeDataString(VerificationCode.Grouped(codes[0]).ToLowerInvariant())}");
        Assert.Equal(HttpStatusCode.Redirect, typed.StatusCode);
        Assert.Equal($"/Verify/{codes[0]}", typed.Headers.Location!.OriginalString);
        var empty = await anonymous.GetDocumentAsync("/Verify?Code=--");
        Assert.Contains("Vui lòng nhập mã tra cứu", empty.QuerySelector("#verify-form")!.TextContent);
        Assert.NotNull((await anonymous.GetDocumentAsync("/Verify")).QuerySelector("#verify-form"));
    }

    [Fact]
    public async Task Too_many_look_ups_from_one_address_get_a_Vietnamese_429()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        // A clock that stands still in the middle of a minute: the limit's window cannot turn between requests.
        var (factory, codes) = await PortalWithCertificatesAsync(
            database, new Dictionary<string, string?> { ["Verification:PermitPerMinute"] = "3" }, new FakeTimeProvider(StillClock.MidMinute()));
        await using var _ = factory;
        var anonymous = factory.CreateBrowserlessClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/Verify/{codes[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Verify/KHONGCO")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Verify")).StatusCode);
        var limited = await anonymous.GetAsync($"/Verify/{codes[0]}");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("60", limited.Headers.GetValues("Retry-After").Single());
        var page = await HtmlForms.ParseAsync(limited);
        Assert.Contains("Quá nhiều yêu cầu", page.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("Nguyễn", page.QuerySelector("main")!.TextContent);

        // Only the verification page is limited: the rest of the portal answers as usual.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Account/Login")).StatusCode);
    }
}
