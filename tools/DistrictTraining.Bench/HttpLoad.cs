using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DistrictTraining.Core.Excel;
using DistrictTraining.Core.Import;

namespace DistrictTraining.Bench;

/// <summary>
/// Times real HTTP requests against a running portal, signed in like a browser:
///   http --base http://127.0.0.1:5090 --user bench --password Bench#2026-dt [--runs 30] [--warmup 3]
///        [--upload CLASS_ID --rows 5000 [--confirm --variant 1]] URL...
/// Requests run one after another (a single user's latency, not throughput). Prints per URL the
/// median, 90th percentile, minimum and maximum in milliseconds, and the response size.
/// --upload posts a generated commune list of --rows rows to /RosterImport/Upload/CLASS_ID (the preview).
/// --confirm then confirms each previewed list (possible matches: a new person where allowed, else skipped) and times
/// the confirmation apart; every run uploads another list (--variant, +1 a run: other CCCDs, other birth dates), so each
/// confirmation writes --rows new people and enrolments.
/// </summary>
internal static partial class HttpLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Seeder.Options(args);
        var baseUrl = new Uri(options["base"]);
        var runs = int.Parse(options.GetValueOrDefault("runs", "30"), CultureInfo.InvariantCulture);
        var warmup = int.Parse(options.GetValueOrDefault("warmup", "3"), CultureInfo.InvariantCulture);
        var urls = options.Where(o => o.Key.StartsWith('_')).OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => o.Value).ToList();

        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
        var login = await client.GetStringAsync("/Account/Login");
        var signIn = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(login),
            ["UserName"] = options["user"],
            ["Password"] = options["password"],
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            Console.Error.WriteLine($"Sign-in failed: {(int)signIn.StatusCode}");
            return 1;
        }

        Console.WriteLine($"{"request",-60} {"runs",5} {"median ms",10} {"p90 ms",8} {"min ms",8} {"max ms",8} {"KB",8}");
        foreach (var url in urls)
        {
            Report(url, await TimeAsync(warmup, runs, async () =>
            {
                using var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
                }

                return body.Length;
            }));
        }

        if (options.TryGetValue("upload", out var classId) && options.ContainsKey("confirm"))
        {
            await UploadAndConfirmAsync(client, classId, options, warmup, runs);
        }
        else if (options.TryGetValue("upload", out classId))
        {
            var rows = int.Parse(options.GetValueOrDefault("rows", "5000"), CultureInfo.InvariantCulture);
            var workbook = List(rows);
            var uploadUrl = $"/RosterImport/Upload/{classId}";
            var formToken = Token(await client.GetStringAsync(uploadUrl));
            Report($"POST {uploadUrl} ({rows:N0} rows, {workbook.Length / 1024:N0} KB)", await TimeAsync(Math.Min(warmup, 1), Math.Max(3, runs / 3), async () =>
            {
                using var content = new MultipartFormDataContent();
                content.Add(new StringContent(formToken), "__RequestVerificationToken");
                content.Add(new ByteArrayContent(workbook), "file", "danh-sach.xlsx");
                using var response = await client.PostAsync(uploadUrl, content);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK || !body.Contains("id=\"preview\"", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Upload answered {(int)response.StatusCode} without a preview");
                }

                // Forget the pending import so runs do not pile up files.
                var token = TokenValue().Match(body).Groups[1].Value;
                await client.PostAsync($"/RosterImport/Cancel/{classId}", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = Token(body), ["token"] = token,
                }));
                return body.Length;
            }));
        }

        return 0;
    }

    /// <summary>Uploads a new list and confirms it, warm-ups included, each run; times the preview and the confirmation apart.</summary>
    private static async Task UploadAndConfirmAsync(HttpClient client, string classId, Dictionary<string, string> options, int warmup, int runs)
    {
        var rows = int.Parse(options.GetValueOrDefault("rows", "5000"), CultureInfo.InvariantCulture);
        var variant = int.Parse(options.GetValueOrDefault("variant", "1"), CultureInfo.InvariantCulture);
        var uploadUrl = $"/RosterImport/Upload/{classId}";
        var previews = new List<(double Ms, int Bytes)>();
        var confirms = new List<(double Ms, int Bytes)>();
        for (var run = 0; run < warmup + runs; run++, variant++)
        {
            var workbook = List(rows, variant);
            var formToken = Token(await client.GetStringAsync(uploadUrl));
            using var content = new MultipartFormDataContent();
            content.Add(new StringContent(formToken), "__RequestVerificationToken");
            content.Add(new ByteArrayContent(workbook), "file", "danh-sach.xlsx");
            var stopwatch = Stopwatch.StartNew();
            using var uploaded = await client.PostAsync(uploadUrl, content);
            var body = await uploaded.Content.ReadAsStringAsync();
            var previewMs = stopwatch.Elapsed.TotalMilliseconds;
            if (uploaded.StatusCode != HttpStatusCode.OK || !body.Contains("id=\"preview\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Upload answered {(int)uploaded.StatusCode} without a preview");
            }

            // A possible match becomes a new person where the page offers it, else the row is skipped.
            var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", Token(body)), new("token", TokenValue().Match(body).Groups[1].Value), new("fileUnitId", string.Empty) };
            var decisions = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match radio in DecisionRadio().Matches(body))
            {
                var row = radio.Groups[1].Value;
                if (radio.Groups[2].Value == "new" || !decisions.ContainsKey(row))
                {
                    decisions[row] = radio.Groups[2].Value == "new" ? "new" : "skip";
                }
            }

            fields.AddRange(decisions.Select(d => new KeyValuePair<string, string>($"decisions[{d.Key}]", d.Value)));
            stopwatch.Restart();
            using var confirmed = await client.PostAsync($"/RosterImport/Confirm/{classId}", new FormUrlEncodedContent(fields));
            var answer = await confirmed.Content.ReadAsStringAsync();
            var confirmMs = stopwatch.Elapsed.TotalMilliseconds;
            if (confirmed.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Confirm answered {(int)confirmed.StatusCode}: {ErrorSummary().Match(answer).Value}");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run + 1} (list {variant}{(run < warmup ? ", warm-up" : "")}): preview {previewMs:N0} ms, confirm {confirmMs:N0} ms, {decisions.Count} possible matches, then {confirmed.Headers.Location}"));
            if (run >= warmup)
            {
                previews.Add((previewMs, body.Length));
                confirms.Add((confirmMs, answer.Length));
            }
        }

        if (runs > 0)
        {
            Report($"POST {uploadUrl} ({rows:N0} rows, new lists)", previews);
            Report($"POST /RosterImport/Confirm/{classId} ({rows:N0} rows)", confirms);
        }
    }

    private static async Task<List<(double Ms, int Bytes)>> TimeAsync(int warmup, int runs, Func<Task<int>> request)
    {
        for (var i = 0; i < warmup; i++)
        {
            await request();
        }

        var samples = new List<(double, int)>();
        for (var i = 0; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            var bytes = await request();
            samples.Add((stopwatch.Elapsed.TotalMilliseconds, bytes));
        }

        return samples;
    }

    private static void Report(string name, List<(double Ms, int Bytes)> samples)
    {
        var sorted = samples.Select(s => s.Ms).Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-60} {samples.Count,5} {median,10:N1} {At(0.9),8:N1} {sorted[0],8:N1} {sorted[^1],8:N1} {samples[0].Bytes / 1024.0,8:N0}"));
    }

    /// <summary>
    /// A commune list of <paramref name="rows"/> new people, in the template's layout. Lists of another
    /// <paramref name="variant"/> (1–99) have other birth dates and CCCDs.
    /// </summary>
    private static byte[] List(int rows, int variant = 0)
    {
        var random = new Random(5000 + variant);
        string[] family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
        string[] given = ["An", "Bình", "Cường", "Dũng", "Hà", "Lan", "Mai", "Nam", "Tâm", "Yến"];
        using var file = XlsxReportWriter.Create(
            new ExcelReport { Title = "DANH SÁCH HỌC VIÊN", Columns = RosterImportService.TemplateColumns },
            Enumerable.Range(1, rows).Select(i => new object?[]
            {
                i, $"{family[random.Next(family.Length)]} {family[random.Next(family.Length)]}", given[random.Next(given.Length)],
                $"{1 + random.Next(28):00}/{1 + random.Next(12):00}/{1960 + random.Next(45)}", i % 2 == 0 ? "Nam" : "Nữ",
                string.Create(CultureInfo.InvariantCulture, $"099{i % 4}{(variant == 0 ? random.Next(100) : variant % 100):00}{i:000000}"), "Kinh", "Không", "12/12", null, null,
                $"Xã Thử nghiệm {1 + (i % 40)}", null, null, null,
            }));
        using var copy = new MemoryStream();
        file.Stream.CopyTo(copy);
        return copy.ToArray();
    }

    internal static string Token(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("name=\"token\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex TokenValue();

    [GeneratedRegex("name=\"decisions\\[(\\d+)\\]\" id=\"[^\"]+\" value=\"([^\"]+)\"")]
    private static partial Regex DecisionRadio();

    [GeneratedRegex("<div class=\"[^\"]*alert-danger[^\"]*\"[^>]*>.*?</div>", RegexOptions.Singleline)]
    private static partial Regex ErrorSummary();
}
