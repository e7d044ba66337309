using System.Text.RegularExpressions;
using DistrictTraining.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace DistrictTraining.BrowserTests;

/// <summary>
/// The first run of a new portal: while no user exists every road leads to /Setup, where the centre
/// and its first administrator are created; then the administrator logs in and setup is closed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class FirstRunTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private const string CentreName = "Trung tâm Chính trị huyện Thử Nghiệm";
    private const string AdminUserName = "quantri";
    private const string AdminFullName = "Nguyễn Văn Quản";
    private const string Password = "Dt-Setup#2026pass";

    [Fact]
    public async Task Setup_creates_the_centre_and_its_administrator_then_closes()
    {
        // A portal of its own, on an empty file: the first start migrates it, as on a new install; and no user at all.
        await using var portal = new PortalApp(migrated: false).Start();

        await RunAsync(portal, async page =>
        {
            await page.GotoAsync("/");
            Assert.True(PageChecks.IsPath(page.Url, "/Setup"), $"Expected a redirect to /Setup, got {page.Url}");

            await page.FillAsync("#CentreName", CentreName);
            await page.FillAsync("#AdminUserName", AdminUserName);
            await page.FillAsync("#AdminFullName", AdminFullName);
            await page.FillAsync("#Password", Password);
            await page.FillAsync("#ConfirmPassword", Password);
            await SubmitFormOfAsync(page, "#CentreName");

            await page.WaitForURLAsync(url => PageChecks.IsPath(url, "/Account/Login"));
            await page.FillAsync("#UserName", AdminUserName);
            await page.FillAsync("#Password", Password);
            await SubmitFormOfAsync(page, "#UserName");

            await page.WaitForURLAsync(url => !PageChecks.IsPath(url, "/Account/Login"));
            await Expect(page.Locator("body")).ToContainTextAsync(CentreName);
            await Expect(page.Locator("body")).ToContainTextAsync("Quản trị viên");

            // Asked through the context's request API (same cookies): Chromium refuses to show
            // a bare 404 as a page, and a 404 is one of the accepted answers here.
            var again = await page.Context.APIRequest.GetAsync(portal.BaseUrl + "/Setup");
            var finalUrl = again.Url;
            Assert.True(again.Status == 404 || !PageChecks.IsPath(finalUrl, "/Setup"),
                $"/Setup must be refused once set up; got {again.Status} at {finalUrl}");
            Assert.DoesNotMatch(SetupFormField(), await again.TextAsync());
        });
    }

    [GeneratedRegex(@"id\s*=\s*[""']?CentreName\b")]
    private static partial Regex SetupFormField();

    /// <summary>Clicks the submit button of the form that holds <paramref name="fieldSelector"/>.</summary>
    private static Task SubmitFormOfAsync(IPage page, string fieldSelector) =>
        page.Locator("form").Filter(new LocatorFilterOptions { Has = page.Locator(fieldSelector) })
            .Locator("button[type=submit], input[type=submit], button:not([type])")
            .First.ClickAsync();
}
