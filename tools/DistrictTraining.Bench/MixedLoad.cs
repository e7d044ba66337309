using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DistrictTraining.Core.Excel;
using DistrictTraining.Core.Import;

namespace DistrictTraining.Bench;

/// <summary>
/// Many signed-in users at once against one or more portal nodes, as behind a balancer without sticky sessions:
///   mixed --base http://127.0.0.1:5301,http://127.0.0.1:5302 --user bench --password P --class 301
///         [--users 50] [--seconds 600] [--think-ms 1000] [--pids 1234,5678] [--out file.md]
/// Each virtual user signs in once, then repeats a weighted mix (dashboard, class list, roster page, trainee
/// search and look-up, a report, the certificate list, public verification, and a roster import whose preview
/// is posted to one node and cancelled on the other), each request sent to the next node in turn. Every user
/// sends its own X-Forwarded-For address (run the nodes with ForwardedHeaders__KnownProxies__0=127.0.0.1), as the
/// reverse proxy would, so the verification limit counts per visitor. A request is an error when it answers with
/// an unexpected status or throws. Peak memory: the largest VmRSS sampled each second and VmHWM of --pids.
/// Prints one line per request type: count, errors, p50/p95/p99 and maximum in milliseconds.
/// </summary>
internal static partial class MixedLoad
{
    private static readonly string[] Names = ["nguyen van an", "tran thi", "le", "pham hung", "hoang", "vu thi lan", "dang", "bui minh", "do", "ngo thanh"];

    private sealed record Step(string Name, int Weight);

    private static readonly Step[] Mix =
    [
        new("GET /Dashboard", 10), new("GET /Classes", 10), new("GET /Roster/Index/{class}", 15),
        new("GET /Trainees?q=", 15), new("GET /Trainees/Lookup?q=", 15), new("GET /Reports/Grades?year=2025", 5),
        new("GET /Certificates", 5), new("GET /Verify/{code}", 15), new("import preview on A, cancel on B", 5),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Seeder.Options(args);
        var nodes = options["base"].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(b => new Uri(b)).ToArray();
        var users = int.Parse(options.GetValueOrDefault("users", "50"), CultureInfo.InvariantCulture);
        var seconds = int.Parse(options.GetValueOrDefault("seconds", "600"), CultureInfo.InvariantCulture);
        var thinkMs = int.Parse(options.GetValueOrDefault("think-ms", "1000"), CultureInfo.InvariantCulture);
        var classId = options["class"];
        var pids = options.GetValueOrDefault("pids", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var workbook = SmallList(30);
        var samples = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        var errors = new ConcurrentDictionary<string, int>();
        var firstErrors = new ConcurrentQueue<string>();
        var peakRss = new ConcurrentDictionary<int, long>();

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var pid in pids)
                {
                    var rss = StatusKb(pid, "VmRSS:");
                    peakRss.AddOrUpdate(pid, rss, (_, old) => Math.Max(old, rss));
                }

                try
                {
                    await Task.Delay(1000, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });

        var started = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, users).Select(u => Task.Run(() => UserAsync(u))).ToArray();
        await Task.WhenAll(tasks);
        await sampler;

        var total = samples.Values.Sum(s => s.Count);
        var output = new StringBuilder();
        output.AppendLine(CultureInfo.InvariantCulture, $"{users} users, {nodes.Length} nodes, {started.Elapsed.TotalSeconds:N0} s, think time 0–{2 * thinkMs} ms: {total:N0} requests ({total / started.Elapsed.TotalSeconds:N1}/s), {errors.Values.Sum():N0} errors");
        output.AppendLine();
        output.AppendLine("| request | count | errors | p50 ms | p95 ms | p99 ms | max ms |");
        output.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var step in Mix)
        {
            var sorted = samples.GetValueOrDefault(step.Name)?.Order().ToArray() ?? [];
            double At(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1))];
            output.AppendLine(CultureInfo.InvariantCulture,
                $"| {step.Name} | {sorted.Length:N0} | {errors.GetValueOrDefault(step.Name):N0} | {At(0.50):N0} | {At(0.95):N0} | {At(0.99):N0} | {(sorted.Length == 0 ? 0 : sorted[^1]):N0} |");
        }

        output.AppendLine();
        foreach (var pid in pids)
        {
            output.AppendLine(CultureInfo.InvariantCulture, $"node pid {pid}: peak RSS sampled {peakRss.GetValueOrDefault(pid) / 1024.0:N0} MB, VmHWM {StatusKb(pid, "VmHWM:") / 1024.0:N0} MB");
        }

        foreach (var error in firstErrors.Take(20))
        {
            output.AppendLine(CultureInfo.InvariantCulture, $"error: {error}");
        }

        Console.Write(output);
        if (options.TryGetValue("out", out var file))
        {
            await File.WriteAllTextAsync(file, output.ToString());
        }

        return errors.Values.Sum() == 0 ? 0 : 1;

        async Task UserAsync(int user)
        {
            var random = new Random(user * 7919);
            var forwardedFor = $"10.77.{user / 250}.{(user % 250) + 1}";
            using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
            using var client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(2) };
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
            var turn = user;
            Uri Next() => nodes[turn++ % nodes.Length];

            // Users arrive over the first ten seconds, as a morning does.
            await Task.Delay(random.Next(10_000));
            await SignInAsync(client, Next(), options["user"], options["password"]);
            while (!stop.IsCancellationRequested)
            {
                var step = Pick(random);
                var stopwatch = Stopwatch.StartNew();
                string? failure;
                try
                {
                    failure = await RunStepAsync(client, step.Name, random, Next, classId, workbook);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
                {
                    if (stop.IsCancellationRequested)
                    {
                        break;
                    }

                    failure = e.GetType().Name + ": " + e.Message;
                }

                samples.GetOrAdd(step.Name, _ => []).Add(stopwatch.Elapsed.TotalMilliseconds);
                if (failure is not null)
                {
                    errors.AddOrUpdate(step.Name, 1, (_, n) => n + 1);
                    firstErrors.Enqueue($"{step.Name}: {failure}");
                }

                try
                {
                    await Task.Delay(random.Next(2 * thinkMs + 1), stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private static Step Pick(Random random)
    {
        var roll = random.Next(Mix.Sum(s => s.Weight));
        foreach (var step in Mix)
        {
            if (roll < step.Weight)
            {
                return step;
            }

            roll -= step.Weight;
        }

        return Mix[^1];
    }

    /// <summary>One request (or the two of an import); null when it answered as expected, else why not.</summary>
    private static async Task<string?> RunStepAsync(HttpClient client, string step, Random random, Func<Uri> next, string classId, byte[] workbook)
    {
        var name = Names[random.Next(Names.Length)];
        switch (step)
        {
            case "GET /Dashboard": return await GetAsync(client, next(), "/Dashboard");
            case "GET /Classes": return await GetAsync(client, next(), "/Classes");
            case "GET /Roster/Index/{class}": return await GetAsync(client, next(), $"/Roster/Index/{classId}");
            case "GET /Trainees?q=": return await GetAsync(client, next(), "/Trainees?q=" + Uri.EscapeDataString(name));
            case "GET /Trainees/Lookup?q=": return await GetAsync(client, next(), "/Trainees/Lookup?take=10&q=" + Uri.EscapeDataString(name));
            case "GET /Reports/Grades?year=2025": return await GetAsync(client, next(), "/Reports/Grades?year=2025");
            case "GET /Certificates": return await GetAsync(client, next(), "/Certificates");
            case "GET /Verify/{code}":
                // An unknown code is the expensive answer (the whole look-up runs and finds nothing): 404 is right.
                return await GetAsync(client, next(), $"/Verify/ZZ{random.Next(1_000_000):000000}", HttpStatusCode.NotFound);
            default:
                return await ImportAcrossNodesAsync(client, next(), next(), classId, workbook);
        }
    }

    private static async Task<string?> GetAsync(HttpClient client, Uri node, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(new Uri(node, path));
        await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == expected ? null : $"{path} on {node.Authority} answered {(int)response.StatusCode}";
    }

    /// <summary>Previews a commune list on one node and cancels the pending upload on the other.</summary>
    private static async Task<string?> ImportAcrossNodesAsync(HttpClient client, Uri a, Uri b, string classId, byte[] workbook)
    {
        var uploadUrl = new Uri(a, $"/RosterImport/Upload/{classId}");
        var form = await client.GetStringAsync(uploadUrl);
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(Token(form)), "__RequestVerificationToken");
        content.Add(new ByteArrayContent(workbook), "file", "danh-sach.xlsx");
        using var preview = await client.PostAsync(uploadUrl, content);
        var body = await preview.Content.ReadAsStringAsync();
        if (preview.StatusCode != HttpStatusCode.OK || !body.Contains("id=\"preview\"", StringComparison.Ordinal))
        {
            return $"preview on {a.Authority} answered {(int)preview.StatusCode}";
        }

        using var cancel = await client.PostAsync(new Uri(b, $"/RosterImport/Cancel/{classId}"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(body), ["token"] = PendingToken().Match(body).Groups[1].Value,
        }));
        return cancel.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.OK
            ? null
            : $"cancel on {b.Authority} answered {(int)cancel.StatusCode}";
    }

    private static async Task SignInAsync(HttpClient client, Uri node, string user, string password)
    {
        var login = await client.GetStringAsync(new Uri(node, "/Account/Login"));
        using var response = await client.PostAsync(new Uri(node, "/Account/Login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(login), ["UserName"] = user, ["Password"] = password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in on {node.Authority} answered {(int)response.StatusCode}");
        }
    }

    private static long StatusKb(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>A small commune list of new people in the template's layout.</summary>
    private static byte[] SmallList(int rows)
    {
        using var file = XlsxReportWriter.Create(
            new ExcelReport { Title = "DANH SÁCH HỌC VIÊN", Columns = RosterImportService.TemplateColumns },
            Enumerable.Range(1, rows).Select(i => new object?[]
            {
                i, "Nguyễn Văn", "An", $"{1 + (i % 28):00}/{1 + (i % 12):00}/{1970 + (i % 30)}", i % 2 == 0 ? "Nam" : "Nữ",
                null, "Kinh", "Không", "12/12", null, null, $"Xã Thử nghiệm {1 + (i % 40)}", null, null, null,
            }));
        using var copy = new MemoryStream();
        file.Stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Token(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("name=\"token\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex PendingToken();
}
