using DistrictTraining.BrowserTests.Infrastructure;

namespace DistrictTraining.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SmokeTests(BrowserFixture browser, SharedPortal portal, ITestOutputHelper output)
    : BrowserTest(browser, output)
{
    [Fact]
    public Task Home_page_answers_with_a_Vietnamese_page() => RunAsync(portal.App, async page =>
    {
        var response = await page.GotoAsync("/");

        // Redirects (to the setup page, the login page, ...) are followed; where they end must be a page.
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Equal("vi", await page.Locator("html").GetAttributeAsync("lang"));
        var text = await page.Locator("body").InnerTextAsync();
        Assert.True(PageChecks.HasVietnameseLetters(text), $"No Vietnamese text on {page.Url}: {text}");
    });
}
