namespace DistrictTraining.BrowserTests.Infrastructure;

/// <summary>
/// One headless Chromium for the whole browser-test collection: Debian's /usr/bin/chromium
/// (or CHROMIUM_PATH), driven by Playwright. Playwright's own browser download is never used.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium is not started.");

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium not found at '{ChromiumPath}'. Run the tests through 'bash scripts/test.sh' " +
                "(it installs Debian's chromium), or 'apt-get install -y chromium', or set CHROMIUM_PATH.");
        }

        // Expect(...) waits 5 s by default: too short on a 2-core machine that is also building.
        Assertions.SetDefaultExpectTimeout(10_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    /// <summary>A fresh, isolated context (own cookies and storage) for one test.</summary>
    public Task<IBrowserContext> NewContextAsync(string baseUrl) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
