using System.Text.RegularExpressions;
using DistrictTraining.BrowserTests.Infrastructure;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Trainees;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace DistrictTraining.BrowserTests;

/// <summary>
/// From the completion decision to the certificate in the hands of a stranger: staff issue a class's
/// certificates, print one (screenshot and PDF kept for a look), an anonymous visitor opens the
/// address in its QR code, staff revoke it and the visitor sees the page say so.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class CertificateTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private const string Password = "Dt-Chungnhan#2026";

    /// <summary>The centre's public address, given at first run (http: the portal under test serves it).</summary>
    private const string PublicAddress = "http://xacminh.ttct-cathanh.vn";

    private static readonly (string Family, string Middle, string Given, string Grade)[] People =
    [
        ("Nguyễn", "Thị", "Hồng", "Khá"),
        ("Trần", "Văn", "Bình", "Giỏi"),
        ("Lê", "Hoàng", "Yến", "Xuất sắc"),
        ("Phạm", "Đức", "Anh", "Trung bình"),
        ("Võ", "Thị Ngọc", "Ánh", ""),
    ];

    [Fact]
    public async Task Staff_issue_print_and_revoke_and_the_public_page_follows()
    {
        await using var portal = new PortalApp().Start();
        var classId = await SeedAsync(portal);

        await RunAsync(portal, async page =>
        {
            await page.GotoAsync("/Account/Login");
            await page.FillAsync("#UserName", "giaovu");
            await page.FillAsync("#Password", Password);
            await page.Locator("form").Filter(new LocatorFilterOptions { Has = page.Locator("#UserName") }).Locator("button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(url => !PageChecks.IsPath(url, "/Account/Login"));

            // The class waits in the list of decided classes; issue its certificates in one step.
            await page.GotoAsync("/Certificates/Classes");
            var row = page.Locator($"#decided-classes tr[data-class-id='{classId}']");
            await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("4"); // four completed, none issued yet
            await row.GetByRole(AriaRole.Link, new() { Name = "Cấp giấy chứng nhận" }).ClickAsync();
            // The window of the decision of 10/03 closed on 25/03: the form starts on its last day.
            await Expect(page.Locator("#Issue_IssueDate")).ToHaveValueAsync("2026-03-25");
            await page.FillAsync("#Issue_IssueDate", "2026-03-16");
            await page.Locator("#issue-form button[type=submit]").ClickAsync();

            // The confirm step shows the numbers it will take, before any is taken, and says they are permanent.
            await Expect(page.Locator("#issue-count")).ToHaveTextAsync("4");
            await Expect(page.Locator("#serial-range")).ToHaveTextAsync("000001/2026 – 000004/2026");
            await Expect(page.Locator("#register-range")).ToHaveTextAsync("1/2026 – 4/2026");
            await Expect(page.Locator("#numbers-permanent")).ToContainTextAsync("vĩnh viễn");
            await Expect(page.Locator("#issue-preview tbody .serial")).ToHaveTextAsync(["000001/2026", "000002/2026", "000003/2026", "000004/2026"]);
            await Expect(page.Locator("#confirmation")).ToHaveCountAsync(0); // inside the window, every birth date known
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("CertificateTests.confirm", "png"), FullPage = true });
            await page.Locator("#confirm-form button[type=submit]").ClickAsync();
            await Expect(page.Locator("main")).ToContainTextAsync("Đã cấp 4 giấy chứng nhận, số hiệu từ 000001/2026 đến 000004/2026.");
            await Expect(page.Locator("#class-certificates tbody tr").Filter(new() { HasText = "Võ Thị Ngọc Ánh" })).ToContainTextAsync("Không hoàn thành");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("CertificateTests.class", "png"), FullPage = true });

            // Print one: the screen view and a PDF from Chromium, one A4 landscape page.
            var holder = page.Locator("#class-certificates tbody tr").Filter(new() { HasText = "Nguyễn Thị Hồng" });
            var printUrl = await holder.GetByRole(AriaRole.Link, new() { Name = "In" }).GetAttributeAsync("href");
            await page.GotoAsync(printUrl!);
            var sheet = page.Locator("article.sheet");
            await Expect(sheet).ToHaveCountAsync(1);
            await Expect(sheet.Locator(".holder")).ToHaveTextAsync("NGUYỄN THỊ HỒNG");
            await Expect(sheet.Locator(".title")).ToHaveTextAsync("GIẤY CHỨNG NHẬN");
            await Expect(sheet.Locator(".grade")).ToHaveTextAsync("Khá");
            await Expect(sheet.Locator(".place")).ToHaveTextAsync("Cát Hanh, ngày 16 tháng 03 năm 2026");
            // Nothing spills out of the frame: the content fits the A4 sheet.
            var overflow = await page.EvaluateAsync<bool>("() => { const f = document.querySelector('.frame'); return f.scrollHeight > f.clientHeight + 1 || f.scrollWidth > f.clientWidth + 1; }");
            Assert.False(overflow, "The certificate's content overflows its frame.");
            var qrLoaded = await page.EvaluateAsync<bool>("() => { const i = document.querySelector('img.qr'); return i.complete && i.naturalWidth > 0; }");
            Assert.True(qrLoaded, "The QR code image did not load.");

            var screenshot = TestArtifacts.PathFor("CertificateTests.certificate", "png");
            await sheet.ScreenshotAsync(new LocatorScreenshotOptions { Path = screenshot });
            Output.WriteLine($"Certificate screenshot: {screenshot}");
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            var pdfPath = TestArtifacts.PathFor("CertificateTests.certificate", "pdf");
            var pdf = await page.PdfAsync(new PagePdfOptions { Path = pdfPath, PreferCSSPageSize = true, PrintBackground = true });
            Output.WriteLine($"Certificate PDF: {pdfPath}");
            Assert.Equal(1, PdfPageCount(pdf));
            Assert.Matches(LandscapeA4(), System.Text.Encoding.Latin1.GetString(pdf));

            // The whole class in one document: one page per certificate.
            await page.GotoAsync($"/Certificates/PrintClass/{classId}");
            await Expect(page.Locator("article.sheet")).ToHaveCountAsync(4);
            var classPdf = await page.PdfAsync(new PagePdfOptions { Path = TestArtifacts.PathFor("CertificateTests.class", "pdf"), PreferCSSPageSize = true, PrintBackground = true });
            Assert.True(PdfPageCount(classPdf) == 4, $"The class document printed on {PdfPageCount(classPdf)} pages, not 4.");
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Null });

            // A stranger scans the QR code: it holds the centre's public address, not the one the clerk browsed.
            await page.GotoAsync(printUrl!);
            var verifyUrl = await page.Locator("img.qr").GetAttributeAsync("data-url");
            Assert.StartsWith(PublicAddress + "/Verify/", verifyUrl);
            await Expect(page.Locator(".url")).ToHaveTextAsync(verifyUrl!);
            await Expect(page.Locator("#address-warning")).ToHaveCountAsync(0);
            var stranger = await BrowserFixture.NewContextAsync(portal.BaseUrl);
            try
            {
                Assert.Empty(await stranger.CookiesAsync());

                // No DNS knows the public name here: its requests are served by the portal under test.
                await stranger.RouteAsync(PublicAddress + "/**", async route =>
                {
                    var response = await route.FetchAsync(new() { Url = portal.BaseUrl + new Uri(route.Request.Url).PathAndQuery });
                    await route.FulfillAsync(new() { Response = response });
                });
                var visitor = await stranger.NewPageAsync();
                await visitor.GotoAsync(verifyUrl!);
                Assert.True(PageChecks.IsPath(visitor.Url, new Uri(verifyUrl!).AbsolutePath), $"The visitor was sent to {visitor.Url}");
                await Expect(visitor.Locator("#holder")).ToHaveTextAsync("Nguyễn Thị Hồng");
                await Expect(visitor.Locator("#verify-status")).ToContainTextAsync("Có hiệu lực");
                await Expect(visitor.Locator("#verify-status")).ToContainTextAsync("16/03/2031");
                await Expect(visitor.Locator("main")).Not.ToContainTextAsync("1990");
                await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("CertificateTests.verify-valid", "png"), FullPage = true });

                // Staff revoke the certificate with a reason...
                await page.GotoAsync(printUrl!.Replace("/Print/", "/Details/", StringComparison.Ordinal));
                await page.FillAsync("#Revoke_Reason", "Khai man lý lịch");
                await page.Locator("#revoke-form button[type=submit]").ClickAsync();
                await Expect(page.Locator("#state")).ToHaveTextAsync("Đã thu hồi");
                await Expect(page.Locator("#revoked")).ToContainTextAsync("Khai man lý lịch");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("CertificateTests.details-revoked", "png"), FullPage = true });

                // ...and the public page says so, without the reason.
                await visitor.ReloadAsync();
                await Expect(visitor.Locator("#verify-status")).ToContainTextAsync("Đã thu hồi");
                await Expect(visitor.Locator("main")).Not.ToContainTextAsync("Khai man");
                await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("CertificateTests.verify-revoked", "png"), FullPage = true });

                // A code typed by hand in the form, lower case and grouped, finds the same certificate.
                await visitor.GotoAsync("/Verify");
                var code = new Uri(verifyUrl!).AbsolutePath["/Verify/".Length..];
                await visitor.FillAsync("#Code", string.Join('-', code.Chunk(4).Select(c => new string(c))).ToLowerInvariant());
                await visitor.Locator("#verify-form button[type=submit]").ClickAsync();
                await Expect(visitor.Locator("#holder")).ToHaveTextAsync("Nguyễn Thị Hồng");
            }
            finally
            {
                await stranger.CloseAsync();
            }

            // Printed again, a revoked certificate says so across the page.
            await page.GotoAsync(printUrl!);
            await Expect(page.Locator("article.sheet .void")).ToHaveTextAsync("ĐÃ THU HỒI");
            await page.Locator("article.sheet").ScreenshotAsync(new LocatorScreenshotOptions { Path = TestArtifacts.PathFor("CertificateTests.certificate-revoked", "png") });

            // Other kinds fit their frame too: the elementary diploma's long title, the new-member programme's long name.
            foreach (var code in new[] { "SC", "DVM" })
            {
                var otherClassId = await SeedIssuedClassAsync(portal, code);
                await page.GotoAsync($"/Certificates/PrintClass/{otherClassId}");
                await Expect(page.Locator("article.sheet")).ToHaveCountAsync(1);
                var spills = await page.EvaluateAsync<bool>("() => { const f = document.querySelector('.frame'); return f.scrollHeight > f.clientHeight + 1 || f.scrollWidth > f.clientWidth + 1; }");
                Assert.False(spills, $"The {code} certificate's content overflows its frame.");
                await page.Locator("article.sheet").ScreenshotAsync(new LocatorScreenshotOptions { Path = TestArtifacts.PathFor($"CertificateTests.certificate-{code}", "png") });
            }

            // The register shows the year's entries with the revocation.
            await page.GotoAsync("/Certificates?year=2026");
            await Expect(page.Locator("#register tbody tr")).ToHaveCountAsync(6);
            await Expect(page.Locator("#register tbody tr[data-state='Revoked']")).ToContainTextAsync("Khai man lý lịch");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("CertificateTests.register", "png"), FullPage = true });
        });
    }

    /// <summary>Pages of a PDF as Chromium writes it: one "/Type /Page" object per page.</summary>
    private static int PdfPageCount(byte[] pdf) => PageObject().Matches(System.Text.Encoding.Latin1.GetString(pdf)).Count;

    [GeneratedRegex(@"/Type\s*/Page(?![s\w])")]
    private static partial Regex PageObject();

    // A4 landscape is 297 x 210 mm: 842 x 595 points (Chromium writes 841.92 x 594.96).
    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+84[12](\.\d+)?\s+59[45](\.\d+)?\s*\]")]
    private static partial Regex LandscapeA4();

    /// <summary>A decided class of one trainee of the given programme, its certificate issued through the service.</summary>
    private static async Task<int> SeedIssuedClassAsync(PortalApp portal, string programmeCode)
    {
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var centreId = await db.TrainingCentres.Select(c => c.Id).SingleAsync();
        var programme = await db.Programmes.SingleAsync(p => p.Code == programmeCode);
        var trainingClass = new TrainingClass
        {
            CentreId = centreId, ProgrammeId = programme.Id, Year = 2026, Number = 1,
            StartDate = new DateOnly(2026, 9, 7), EndDate = new DateOnly(2026, 10, 16),
        }.FinishAndDecide("40-QĐ/TTCT", new DateOnly(2026, 10, 20), "Lê Văn Thành");
        trainingClass.Enrolments.Add(new Enrolment
        {
            Trainee = new Trainee { FamilyName = "Tôn Nữ", MiddleName = "Thị Phương", GivenName = "Khuê", DateOfBirth = new DateOnly(1988, 12, 30) },
            EnrolledAt = DateTime.UtcNow,
            Result = new AssessmentResult { Score = 9.5m, Completed = true, GradeName = "Xuất sắc" },
        });
        db.TrainingClasses.Add(trainingClass);
        await db.SaveChangesAsync();
        var issued = await new Core.Certificates.CertificateService(db, new Core.Common.FixedUserScope(centreId), TimeProvider.System)
            .IssueForClassAsync(trainingClass.Id, new Core.Certificates.IssueRequest(new DateOnly(2026, 10, 22)));
        Assert.Equal(1, issued.Count);
        return trainingClass.Id;
    }

    /// <summary>
    /// The portal's first run, a staff account, and a finished awareness class of five whose results and
    /// completion decision are written straight to the database (attendance and results are another feature).
    /// </summary>
    private static async Task<int> SeedAsync(PortalApp portal)
    {
        using var scope = portal.Services.CreateScope();
        var services = scope.ServiceProvider;
        var errors = await services.GetRequiredService<SetupService>().CompleteAsync(
            new SetupRequest("Trung tâm Chính trị xã Cát Hanh", "quantri", "Nguyễn Văn Quản", "Dt-Trungtam#2026", PublicAddress));
        Assert.Empty(errors);
        var db = services.GetRequiredService<AppDbContext>();
        var centre = await db.TrainingCentres.SingleAsync();
        centre.ParentBodyName = "ĐẢNG ỦY XÃ CÁT HANH";
        centre.PlaceName = "Cát Hanh";
        centre.DirectorName = "Lê Văn Thành";

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var staff = new AppUser { UserName = "giaovu", FullName = "Trần Thị Giáo Vụ", CentreId = centre.Id, CreatedAt = DateTime.UtcNow, LockoutEnabled = true };
        Assert.True((await users.CreateAsync(staff, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(staff, Roles.CentreStaff)).Succeeded);

        var programme = await db.Programmes.SingleAsync(p => p.Code == "NTD");
        var trainingClass = new TrainingClass
        {
            CentreId = centre.Id, ProgrammeId = programme.Id, Year = 2026, Number = 2,
            StartDate = new DateOnly(2026, 3, 2), EndDate = new DateOnly(2026, 3, 6),
        }.FinishAndDecide("15-QĐ/TTCT", new DateOnly(2026, 3, 10), "Lê Văn Thành");
        var birth = new DateOnly(1990, 5, 14);
        foreach (var (family, middle, given, grade) in People)
        {
            var completed = grade.Length > 0;
            trainingClass.Enrolments.Add(new Enrolment
            {
                Trainee = new Trainee { FamilyName = family, MiddleName = middle, GivenName = given, DateOfBirth = birth },
                EnrolledAt = DateTime.UtcNow,
                Result = new AssessmentResult
                {
                    Score = completed ? 7.5m : 4.0m, Completed = completed, GradeName = completed ? grade : null,
                    NotCompletedReason = completed ? null : "Điểm bài thu hoạch dưới 5,0",
                },
            });
            birth = birth.AddYears(1).AddDays(37);
        }

        db.TrainingClasses.Add(trainingClass);
        await db.SaveChangesAsync();
        return trainingClass.Id;
    }
}
