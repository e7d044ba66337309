using System.Text;
using DistrictTraining.BrowserTests.Infrastructure;
using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace DistrictTraining.BrowserTests;

/// <summary>
/// The offline verifier (ADR-013): a stranger opens it once with network, it keeps the keys and the status list,
/// and then, offline, it checks printed QR payloads in the browser: genuine and valid, genuine and revoked, edited and forged.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OfflineVerifierTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private const string Password = "Dt-Kiemtra#2026";

    [Fact]
    public async Task Once_loaded_the_offline_verifier_tells_valid_revoked_and_forged_payloads_apart_without_network()
    {
        await using var portal = new PortalApp().Start();
        var ids = await SeedAsync(portal);

        await RunAsync(portal, async page =>
        {
            // Staff print the two certificates; their QR codes, decoded from the printed image, hold the verification
            // address and the signed payload.
            await PortalSeed.SignInAsync(page, PortalSeed.StaffUserName, Password);
            var qr = new List<string>();
            foreach (var id in ids)
            {
                await page.GotoAsync($"/Certificates/Print/{id}");
                var content = (await page.Locator("img.qr").GetAttributeAsync("data-content"))!;

                // The printed image itself is decoded, as a phone would: jsQR (the portal's own copy) reads the
                // pixels of the QR drawn on a white canvas, and must find exactly the address with its payload.
                await page.AddScriptTagAsync(new PageAddScriptTagOptions { Url = "/lib/jsqr/jsQR.js" });
                var decoded = await page.EvaluateAsync<string?>(
                    """
                    async () => {
                        const img = document.querySelector('img.qr');
                        await img.decode();
                        const canvas = document.createElement('canvas');
                        canvas.width = canvas.height = 640;
                        const context = canvas.getContext('2d');
                        context.fillStyle = '#fff';
                        context.fillRect(0, 0, 640, 640);
                        context.drawImage(img, 40, 40, 560, 560);
                        const pixels = context.getImageData(0, 0, 640, 640);
                        const code = jsQR(pixels.data, 640, 640);
                        return code ? code.data : null;
                    }
                    """);
                Assert.Equal(content, decoded);
                qr.Add(decoded!);
            }

            // Online, the decoded address opens the verification page, which checks the signature.
            await page.GotoAsync(new Uri(qr[0]).PathAndQuery);
            await Expect(page.Locator("#signed")).ToHaveAttributeAsync("data-outcome", "Genuine");
            await Expect(page.Locator("#signed-holder")).ToHaveTextAsync("Nguyễn Thị Hồng");

            Assert.All(qr, q => Assert.Contains("/Verify/", q));
            Assert.All(qr, q => Assert.Contains("?p=", q));

            var stranger = await BrowserFixture.NewContextAsync(portal.BaseUrl);
            try
            {
                var visitor = await stranger.NewPageAsync();
                var violations = new List<string>();
                visitor.Console += (_, m) =>
                {
                    if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                    {
                        violations.Add(m.Text);
                    }
                };
                await visitor.GotoAsync("/Verify/Offline");
                await Expect(visitor.Locator("#offline-cache")).ToHaveAttributeAsync("data-keys", "1");
                await Expect(visitor.Locator("#offline-cache")).ToContainTextAsync("1 danh sách tình trạng");
                await visitor.EvaluateAsync("() => navigator.serviceWorker.ready.then(() => true)");

                await stranger.SetOfflineAsync(true);
                Assert.False(await visitor.EvaluateAsync<bool>("() => navigator.onLine"));

                async Task<string> CheckAsync(string text)
                {
                    await visitor.FillAsync("#offline-payload", text);
                    await visitor.Locator("#offline-form button[type=submit]").ClickAsync();
                    await Expect(visitor.Locator("#offline-result")).Not.ToHaveAttributeAsync("data-outcome", "");
                    var outcome = (await visitor.Locator("#offline-result").GetAttributeAsync("data-outcome"))!;
                    await visitor.EvalOnSelectorAsync("#offline-result", "e => e.dataset.outcome = ''");
                    return outcome;
                }

                // The whole scanned address of a valid certificate.
                Assert.Equal("valid", await CheckAsync(qr[0]));
                await Expect(visitor.Locator("#offline-result")).ToContainTextAsync("Chữ ký hợp lệ. Giấy chứng nhận có hiệu lực");
                await Expect(visitor.Locator("#offline-details [data-claim='h']")).ToHaveTextAsync("Nguyễn Thị Hồng");
                await Expect(visitor.Locator("#offline-details [data-claim='b']")).ToHaveTextAsync("14/05/1990");
                await Expect(visitor.Locator("#offline-details [data-claim='n']")).ToHaveTextAsync("000002/2026");
                await Expect(visitor.Locator("#offline-details [data-claim='decision']")).ToHaveTextAsync("15-QĐ/TTCT ngày 10/03/2026");
                await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("OfflineVerifierTests.valid", "png"), FullPage = true });

                // The revoked one (the status list was fetched after the revocation).
                Assert.Equal("revoked", await CheckAsync(qr[1]));
                await Expect(visitor.Locator("#offline-result")).ToContainTextAsync("đã bị thu hồi");

                // The payload alone, its name edited and re-encoded: forged; so is one flipped signature character.
                var token = qr[0][(qr[0].IndexOf("?p=", StringComparison.Ordinal) + 3)..];
                var parts = token.Split('.');
                var json = Encoding.UTF8.GetString(Jws.FromBase64Url(parts[1])).Replace("Hồng", "Hằng", StringComparison.Ordinal);
                Assert.Equal("forged", await CheckAsync(parts[0] + "." + Jws.Base64Url(Encoding.UTF8.GetBytes(json)) + "." + parts[2]));
                await Expect(visitor.Locator("#offline-result")).ToHaveTextAsync("Chữ ký không hợp lệ — dữ liệu trong mã QR đã bị sửa hoặc giả mạo");
                await Expect(visitor.Locator("#offline-details")).ToBeHiddenAsync();
                await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("OfflineVerifierTests.forged", "png"), FullPage = true });
                var flipped = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];
                Assert.Equal("forged", await CheckAsync(flipped));
                Assert.Equal("malformed", await CheckAsync("không phải mã QR"));

                // Reopened without network, the page comes from the service worker and still checks.
                await visitor.ReloadAsync();
                await Expect(visitor.Locator("#offline-cache")).ToHaveAttributeAsync("data-keys", "1");
                Assert.Equal("valid", await CheckAsync(qr[0]));
                Assert.Empty(violations);
            }
            finally
            {
                await stranger.CloseAsync();
            }
        });
    }

    /// <summary>The first run, staff, and a decided class of two with certificates issued; Hồng's first, Bình's revoked.</summary>
    private static async Task<List<int>> SeedAsync(PortalApp portal)
    {
        var centreId = await PortalSeed.CentreWithStaffAsync(portal, Password);
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var programme = await db.Programmes.SingleAsync(p => p.Code == "NTD");
        var trainingClass = new TrainingClass
        {
            CentreId = centreId, ProgrammeId = programme.Id, Year = 2026, Number = 2,
            StartDate = new DateOnly(2026, 3, 2), EndDate = new DateOnly(2026, 3, 6),
        }.FinishAndDecide("15-QĐ/TTCT", new DateOnly(2026, 3, 10), "Lê Văn Thành");
        foreach (var (given, birth) in new[] { ("Hồng", new DateOnly(1990, 5, 14)), ("Bình", new DateOnly(1985, 1, 2)) })
        {
            trainingClass.Enrolments.Add(new Enrolment
            {
                Trainee = new Trainee { FamilyName = "Nguyễn", MiddleName = "Thị", GivenName = given, DateOfBirth = birth, Cccd = null },
                EnrolledAt = DateTime.UtcNow,
                Result = new AssessmentResult { Score = 8m, Completed = true, GradeName = "Giỏi" },
            });
        }

        db.TrainingClasses.Add(trainingClass);
        await db.SaveChangesAsync();
        var certificates = new CertificateService(db, new FixedUserScope(centreId), TimeProvider.System);
        await certificates.IssueForClassAsync(trainingClass.Id, new IssueRequest(new DateOnly(2026, 3, 16), "Lê Văn Thành", "Giám đốc"));
        var ids = await db.Certificates.OrderBy(c => c.Enrolment!.Trainee!.GivenName != "Hồng").Select(c => c.Id).ToListAsync(); // Hồng first
        await certificates.RevokeAsync(ids[1], "Cấp nhầm");
        return ids;
    }
}
