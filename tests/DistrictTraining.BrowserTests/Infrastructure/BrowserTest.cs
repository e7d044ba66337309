using System.Runtime.CompilerServices;

namespace DistrictTraining.BrowserTests.Infrastructure;

/// <summary>
/// Base of browser tests. Each test body runs through <see cref="RunAsync"/>, which gives it a
/// fresh browser context and page against a portal, and on failure saves a screenshot, the page's
/// HTML and a Playwright trace (open with 'playwright show-trace' or trace.playwright.dev) to
/// <see cref="TestArtifacts.Directory"/> before the failure is reported.
/// </summary>
public abstract class BrowserTest(BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>How long an action or an expectation waits before failing.</summary>
    protected const float DefaultTimeoutMs = 20_000;

    protected BrowserFixture BrowserFixture { get; } = browser;

    protected ITestOutputHelper Output { get; } = output;

    /// <summary>
    /// DT_BROWSER_TRACE=1 records a Playwright trace of every test (screenshots and DOM snapshots of each step), saved
    /// beside the screenshot and HTML of a failure. Off by default: recording cost a third of the browser tests' CPU
    /// (133 s against 96 s for the project, measured), which the unit tests beside them need on two cores.
    /// </summary>
    private static readonly bool TraceEnabled = Environment.GetEnvironmentVariable("DT_BROWSER_TRACE") == "1";

    protected async Task RunAsync(PortalApp portal, Func<IPage, Task> body, [CallerMemberName] string testName = "")
    {
        var fullName = $"{GetType().Name}.{testName}";
        var context = await BrowserFixture.NewContextAsync(portal.BaseUrl);
        try
        {
            context.SetDefaultTimeout(DefaultTimeoutMs);
            context.SetDefaultNavigationTimeout(30_000);
            if (TraceEnabled)
            {
                await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true, Sources = false });
            }

            var page = await context.NewPageAsync();
            var policyViolations = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type is "error" or "warning")
                {
                    Log($"[browser {message.Type}] {message.Text}");
                }

                // Chromium reports every script, style or image the content security policy blocked this way.
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                {
                    lock (policyViolations)
                    {
                        policyViolations.Add($"{page.Url}: {message.Text}");
                    }
                }
            };
            page.PageError += (_, error) => Log($"[page error] {error}");

            try
            {
                await body(page);
                lock (policyViolations)
                {
                    Assert.True(policyViolations.Count == 0, "Blocked by the content security policy:\n" + string.Join("\n", policyViolations));
                }
            }
            catch (Exception)
            {
                await SaveArtifactsAsync(context, page, fullName);
                throw;
            }
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private async Task SaveArtifactsAsync(IBrowserContext context, IPage page, string fullName)
    {
        // Each step on its own: a page that crashed must not hide the screenshot that worked.
        Log($"Failed at {page.Url}");
        await TryAsync("screenshot", TestArtifacts.PathFor(fullName, "png"),
            path => page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true }));
        await TryAsync("page HTML", TestArtifacts.PathFor(fullName, "html"),
            async path => await File.WriteAllTextAsync(path, await page.ContentAsync()));
        if (TraceEnabled)
        {
            await TryAsync("trace", TestArtifacts.PathFor(fullName, "trace.zip"),
                path => context.Tracing.StopAsync(new TracingStopOptions { Path = path }));
        }
    }

    private async Task TryAsync(string what, string path, Func<string, Task> save)
    {
        try
        {
            await save(path);
            Log($"Saved {what}: {path}");
        }
        catch (Exception ex) when (ex is PlaywrightException or IOException or TimeoutException)
        {
            Log($"Could not save {what}: {ex.Message}");
        }
    }

    private void Log(string line)
    {
        try
        {
            Output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The output helper refuses writes once the test is over (late console events).
        }
    }
}
