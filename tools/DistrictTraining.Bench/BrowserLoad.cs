using System.Globalization;
using Microsoft.Playwright;

namespace DistrictTraining.Bench;

/// <summary>
/// Times how long a real browser takes to show pages of a running portal, signed in:
///   browser --base http://127.0.0.1:5090 --user bench --password Bench#2026-dt [--runs 5] [--warmup 1]
///           [--chromium /usr/bin/chromium] URL...
/// Headless Chromium (CHROMIUM_PATH or --chromium) through Playwright. Each run is a fresh navigation
/// in one signed-in context; the time is the navigation's own timing, from its start to the end of the
/// load event (the document downloaded, parsed, styled, laid out, with its scripts and styles), and the
/// server's part is the time to the response's first byte. Prints medians, 90th percentiles and the
/// transferred document size. URLs of several portals can be given interleaved ("A1 B1 A2 B2") with
/// full addresses; relative ones go to --base.
/// </summary>
internal static class BrowserLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Seeder.Options(args);
        var baseUrl = options["base"].TrimEnd('/');
        var runs = int.Parse(options.GetValueOrDefault("runs", "5"), CultureInfo.InvariantCulture);
        var warmup = int.Parse(options.GetValueOrDefault("warmup", "1"), CultureInfo.InvariantCulture);
        var chromium = options.GetValueOrDefault("chromium")
            ?? (Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : "/usr/bin/chromium");
        var urls = options.Where(o => o.Key.StartsWith('_')).OrderBy(o => int.Parse(o.Key[1..], CultureInfo.InvariantCulture))
            .Select(o => o.Value.StartsWith("http", StringComparison.Ordinal) ? o.Value : baseUrl + o.Value).ToList();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        });

        // One context per portal origin, each signed in once.
        var pages = new Dictionary<string, IPage>();
        async Task<IPage> PageForAsync(Uri url)
        {
            var origin = url.GetLeftPart(UriPartial.Authority);
            if (!pages.TryGetValue(origin, out var page))
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
                page = await context.NewPageAsync();
                page.SetDefaultNavigationTimeout(180_000);
                await page.GotoAsync(origin + "/Account/Login");
                await page.FillAsync("#UserName", options["user"]);
                await page.FillAsync("#Password", options["password"]);
                await Task.WhenAll(page.WaitForURLAsync(u => !u.Contains("/Account/Login", StringComparison.Ordinal)), page.Locator("main form button[type=submit]").First.ClickAsync());
                pages[origin] = page;
            }

            return page;
        }

        var samples = urls.ToDictionary(u => u, _ => new List<(double Load, double FirstByte, double Bytes)>());
        for (var i = 0; i < warmup + runs; i++)
        {
            foreach (var url in urls)
            {
                var page = await PageForAsync(new Uri(url));
                await page.GotoAsync("about:blank");
                var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
                if (response is null || response.Status != 200)
                {
                    throw new InvalidOperationException($"{url} answered {response?.Status}");
                }

                var timing = await page.EvaluateAsync<double[]>(
                    "() => { const n = performance.getEntriesByType('navigation')[0]; return [n.loadEventEnd - n.startTime, n.responseStart - n.startTime, n.transferSize || n.encodedBodySize]; }");
                if (i >= warmup)
                {
                    samples[url].Add((timing[0], timing[1], timing[2]));
                }
            }
        }

        Console.WriteLine($"{"page",-62} {"runs",4} {"load median ms",15} {"load p90 ms",12} {"first byte median ms",21} {"KB",8}");
        foreach (var url in urls)
        {
            var s = samples[url];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{url,-62} {s.Count,4} {Median(s.Select(x => x.Load)),15:N0} {P90(s.Select(x => x.Load)),12:N0} {Median(s.Select(x => x.FirstByte)),21:N0} {s[0].Bytes / 1024,8:N0}"));
        }

        return 0;
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    internal static double P90(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(0.9 * sorted.Length) - 1)];
    }
}
