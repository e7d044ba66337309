using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Tests.Certificates;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace DistrictTraining.Tests.Web;

/// <summary>Signed certificates through the pages (ADR-013): the printed QR payload, the verification page, JWKS, status list, rotation.</summary>
public class SignedVerificationPageTests(ITestOutputHelper output)
{
    private static async Task<(PortalFactory Factory, List<int> Ids, List<string> Codes)> PortalAsync(
        TestDatabase database, IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var factory = new PortalFactory(database, settings, clock);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var centre = await CertificateTestData.CentreAsync(db, (await db.TrainingCentres.FirstAsync()).Name);
        var c = await CertificateTestData.ClassAsync(db, centre.Id, completed: 2);
        var trainee = await db.Enrolments.Where(e => e.ClassId == c.Id).Select(e => e.Trainee!).OrderBy(t => t.GivenName).FirstAsync();
        trainee.Cccd = "052090001234";
        await db.SaveChangesAsync();
        await new CertificateService(db, new FixedUserScope(centre.Id), TimeProvider.System).IssueForClassAsync(c.Id, new IssueRequest(new DateOnly(2026, 3, 12)));
        var rows = await db.Certificates.OrderBy(x => x.SerialNumber).Select(x => new { x.Id, x.VerificationCode }).ToListAsync();
        return (factory, rows.Select(r => r.Id).ToList(), rows.Select(r => r.VerificationCode).ToList());
    }

    private static async Task<string> PrintedQrAsync(HttpClient staff, int certificateId)
    {
        var print = await staff.GetDocumentAsync($"/Certificates/Print/{certificateId}");
        return print.QuerySelector("img.qr")!.GetAttribute("data-content")!;
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_printed_QR_code_opens_the_signed_data_beside_the_live_status_and_an_edited_one_is_named_forged(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, ids, codes) = await PortalAsync(database);
        await using var _ = factory;
        var staff = await factory.SignInAsync("giaovu");
        var qr = await PrintedQrAsync(staff, ids[0]);
        var uri = new Uri(qr);
        Assert.Equal($"/Verify/{codes[0]}", uri.AbsolutePath);
        Assert.True(qr.Length < 600, $"The QR code holds {qr.Length} characters.");

        var anonymous = factory.CreateBrowserlessClient();
        var page = await anonymous.GetDocumentAsync(uri.PathAndQuery);
        Assert.Equal("Valid", page.QuerySelector("#verify-status")!.GetAttribute("data-state"));
        Assert.Equal("Genuine", page.QuerySelector("#signed")!.GetAttribute("data-outcome"));
        Assert.Contains("Chữ ký hợp lệ", page.QuerySelector("#signed-status")!.TextContent);
        Assert.Equal("Nguyễn Văn A000", page.QuerySelector("#signed-holder")!.TextContent);
        Assert.Equal("01/01/1990", page.QuerySelector("#signed-birth")!.TextContent);
        Assert.Equal("000001/2026", page.QuerySelector("#signed-serial")!.TextContent);
        var signed = page.QuerySelector("#signed-details")!.TextContent;
        Assert.Contains("1-QĐ/TTCT ngày 10/03/2026", signed);
        Assert.DoesNotContain("052090001234", page.QuerySelector("main")!.TextContent);

        // The payload with the name changed and re-encoded: forged, in so many words; the live status still shows.
        var token = uri.Query[3..];
        var parts = token.Split('.');
        var json = Encoding.UTF8.GetString(Jws.FromBase64Url(parts[1])).Replace("A000", "A999", StringComparison.Ordinal);
        var edited = parts[0] + "." + Jws.Base64Url(Encoding.UTF8.GetBytes(json)) + "." + parts[2];
        page = await anonymous.GetDocumentAsync($"/Verify/{codes[0]}?p={edited}");
        Assert.Equal("Forged", page.QuerySelector("#signed")!.GetAttribute("data-outcome"));
        Assert.Equal("Chữ ký không hợp lệ — dữ liệu trong mã QR đã bị sửa hoặc giả mạo", page.QuerySelector("#signed-status")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("#signed-details"));
        Assert.DoesNotContain("A999", page.QuerySelector("main")!.TextContent);
        Assert.Equal("Valid", page.QuerySelector("#verify-status")!.GetAttribute("data-state"));

        // A genuine payload of the second certificate under the first one's code: said plainly.
        var other = new Uri(await PrintedQrAsync(staff, ids[1])).Query[3..];
        page = await anonymous.GetDocumentAsync($"/Verify/{codes[0]}?p={other}");
        Assert.Contains("thuộc giấy chứng nhận số 000002/2026", page.QuerySelector("#signed-status")!.TextContent);
        // Cut short: unreadable, not a 500.
        page = await anonymous.GetDocumentAsync($"/Verify/{codes[0]}?p={token[..40]}");
        Assert.Equal("Malformed", page.QuerySelector("#signed")!.GetAttribute("data-outcome"));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Anyone_reads_the_keys_and_the_signed_status_list_and_a_rotation_keeps_old_certificates_verifiable(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, ids, codes) = await PortalAsync(database);
        await using var _ = factory;
        var staff = await factory.SignInAsync("giaovu");
        var before = new Uri(await PrintedQrAsync(staff, ids[0])).PathAndQuery;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await new CertificateService(db, new FixedUserScope(await CertificateTestData.CentreIdAsync(db)), TimeProvider.System).RevokeAsync(ids[1], "Cấp nhầm");
        }

        var anonymous = factory.CreateBrowserlessClient();
        var jwksResponse = await anonymous.GetAsync("/.well-known/jwks.json");
        Assert.Equal(HttpStatusCode.OK, jwksResponse.StatusCode);
        Assert.Equal("application/json", jwksResponse.Content.Headers.ContentType!.MediaType);
        Assert.Contains("public", jwksResponse.Headers.CacheControl!.ToString());
        var jwks = JsonDocument.Parse(await jwksResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("keys");
        var key = Assert.Single(jwks.EnumerateArray());
        Assert.Equal(("EC", "P-256", "ES256"), (key.GetProperty("kty").GetString(), key.GetProperty("crv").GetString(), key.GetProperty("alg").GetString()));
        Assert.False(key.TryGetProperty("d", out var _d)); // never the private key

        var statusResponse = await anonymous.GetAsync("/.well-known/certificate-status.jws");
        Assert.Equal(HttpStatusCode.OK, statusResponse.StatusCode);
        var list = Jws.Parse((await statusResponse.Content.ReadAsStringAsync()).Trim())!;
        Assert.True(Jws.Verify(list, key.GetProperty("x").GetString()!, key.GetProperty("y").GetString()!));
        var states = JsonDocument.Parse(list.PayloadJson).RootElement.GetProperty("s");
        Assert.Equal(("v", "r"), (states.GetProperty("000001/2026").GetString(), states.GetProperty("000002/2026").GetString()));

        // The administrator rotates the key on the centre's page; the old certificate's QR code still verifies.
        var admin = await factory.SignInAsync("admin");
        var keysPage = await admin.GetDocumentAsync("/Centre/SigningKeys");
        var oldKid = keysPage.QuerySelector("#signing-keys tbody tr")!.GetAttribute("data-kid");
        var rotated = await admin.PostFormAsync(keysPage, "#rotate-form", new Dictionary<string, string>(), "/Centre/SigningKeys");
        Assert.Equal(HttpStatusCode.Redirect, rotated.StatusCode);
        keysPage = await admin.GetDocumentAsync("/Centre/SigningKeys");
        var rows = keysPage.QuerySelectorAll("#signing-keys tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal((oldKid, "False"), (rows[1].GetAttribute("data-kid"), rows[1].GetAttribute("data-active")));
        Assert.Equal(2, JsonDocument.Parse(await anonymous.GetStringAsync("/.well-known/jwks.json")).RootElement.GetProperty("keys").GetArrayLength());
        var page = await anonymous.GetDocumentAsync(before);
        Assert.Equal("Genuine", page.QuerySelector("#signed")!.GetAttribute("data-outcome"));
        Assert.Contains(rows[0].GetAttribute("data-kid")!, await PrintedQrAsync(staff, ids[0]) is var after ? Encoding.UTF8.GetString(Jws.FromBase64Url(new Uri(after).Query[3..].Split('.')[0])) : "");

        // Staff cannot open the key page, let alone rotate.
        var refused = await staff.GetAsync("/Centre/SigningKeys");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_keys_and_the_status_list_are_rate_limited_like_verification()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        // A clock that stands still in the middle of a minute: the limit's window cannot turn between requests.
        var (factory, _, _) = await PortalAsync(database, new Dictionary<string, string?> { ["Verification:PermitPerMinute"] = "3" }, new FakeTimeProvider(StillClock.MidMinute()));
        await using var __ = factory;
        var anonymous = factory.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/.well-known/jwks.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/.well-known/certificate-status.jws")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Verify/Offline")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.GetAsync("/.well-known/jwks.json")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.GetAsync("/.well-known/certificate-status.jws")).StatusCode);
    }

    /// <summary>
    /// A long real-world case (a long programme name, a compound name, a long public address): the QR code printed
    /// at 35 mm keeps modules of at least 0.3 mm, which a phone camera reads at a hand's distance.
    /// </summary>
    [Fact]
    public void A_long_signed_QR_code_printed_at_35_mm_keeps_modules_a_phone_reads()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var claims = new SignedCertificateClaims(
            12, "Trung tâm Chính trị xã Cát Hanh", "000123/2026", "123/2026", "Tôn Nữ Thị Phương Khuê", "30/12/1988",
            "Bồi dưỡng kiến thức quốc phòng – an ninh, đối tượng 4", "lớp thứ 12/2026", "125-QĐ/TTCT", new DateOnly(2026, 10, 20), new DateOnly(2026, 10, 22));
        var content = DistrictTraining.Web.Infrastructure.CertificateLinks.SignedVerifyUrl(
            "https://ttct.cathanh.binhdinh.gov.vn/Verify/" + VerificationCode.New(), Jws.Sign(claims.ToJson(), "ABCDEFGHJK", key));
        var uri = DistrictTraining.Web.Infrastructure.CertificateLinks.QrDataUri(content);
        var svg = Encoding.UTF8.GetString(Convert.FromBase64String(uri["data:image/svg+xml;base64,".Length..]));
        var box = System.Text.RegularExpressions.Regex.Match(svg, "viewBox=\"0 0 ([0-9.]+) ");
        Assert.True(box.Success, svg[..Math.Min(300, svg.Length)]);
        var modules = (int)double.Parse(box.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture); // one unit a module, quiet zone included
        Assert.Equal(0, (modules - 8 - 17) % 4); // a QR code of version v is 17 + 4v modules a side
        var moduleMm = 35.0 / modules;
        output.WriteLine($"{content.Length} characters; {modules - 8} modules a side (+8 quiet zone); {moduleMm:0.000} mm a module at 35 mm.");
        Assert.True(moduleMm >= 0.3, $"{content.Length} characters make {modules - 8} modules a side: {moduleMm:0.000} mm a module at 35 mm.");
    }
}
