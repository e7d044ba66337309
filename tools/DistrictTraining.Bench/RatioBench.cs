using System.Diagnostics;
using System.Globalization;
using System.Net;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Bench;

/// <summary>
/// The ratio benchmark of issue 14: each page of the portal against its bare twin (<see cref="RatioBareHost"/>: the
/// same service calls on the same database, the rows written as a plain table), at a fixed concurrency, interleaved.
///   ratio --provider Sqlite|PostgreSQL --connection "..." --user quantri --password ...
///         (--portal http://127.0.0.1:5350[,http://...] | --start path/DistrictTraining.Web.dll[,...] [--portal-port 5350])
///         [--labels main,branch] [--bare-port 5369] [--class ID | --class-size 500] [--clients 4] [--rounds 10]
///         [--requests 5] [--warmup 3] [--year 2025] [--q "nguyen van an"] [--pages roster,search,grades,dashboard]
/// --start runs each portal build as a child (Release, Production, content root the project folder when the DLL
/// sits in its bin/) on consecutive ports and stops it at the end; --portal uses portals already running. The bare
/// host always runs as a child process with the portal's server GC. Without --class, the roster page is the
/// smallest class of the account's centre with at least --class-size active trainees; if there is none, one is
/// created in that centre (a planned class of --class-size people who studied there, in the database given).
/// First every page of every target is warmed up (--warmup requests per client). Then, page by page, a round runs
/// for each target in turn (the order rotating each round) --clients clients each making --requests requests one
/// after another; requests/s is the sum of requests over the sum of those phases' wall times, "ratio" a portal's
/// requests/s over the bare twin's, "round ratio" the median of the rounds' ratios, "median ratio" the twin's
/// median latency over the portal's; the latencies are over every timed request. On a shared machine the three
/// ratios spread: read them together, with the load average printed beside them.
/// </summary>
internal static class RatioBench
{
    private sealed record Target(string Label, HttpClient Client, bool Bare);

    private sealed class Tally
    {
        public List<double> Ms { get; } = [];

        public double Seconds { get; set; }

        public List<double> RoundRates { get; } = [];

        public int Bytes { get; set; }

        public int Rows { get; set; }
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Seeder.Options(args);
        if (options.ContainsKey("bare-host"))
        {
            return await RatioBareHost.RunAsync(options);
        }

        var provider = Enum.Parse<DatabaseProvider>(options.GetValueOrDefault("provider", "Sqlite"), ignoreCase: true);
        var connection = options["connection"];
        var user = options.GetValueOrDefault("user", "quantri");
        int Int(string name, int fallback) => int.Parse(options.GetValueOrDefault(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var clients = Int("clients", 4);
        var rounds = Int("rounds", 10);
        var requests = Int("requests", 5);
        var warmup = Int("warmup", 3);
        var year = Int("year", 2025);
        var barePort = Int("bare-port", 5369);
        var q = WebUtility.UrlEncode(options.GetValueOrDefault("q", "nguyen van an"));
        var pageNames = options.GetValueOrDefault("pages", "roster,search,grades,dashboard").Split(',');

        var classId = options.TryGetValue("class", out var given)
            ? int.Parse(given, CultureInfo.InvariantCulture)
            : await BigClassAsync(provider, connection, user, Int("class-size", 500));

        var children = new List<Process>();
        try
        {
            children.Add(StartBare(options, provider, connection, user, barePort));
            var portals = new List<Uri>();
            if (options.TryGetValue("start", out var dlls))
            {
                var port = Int("portal-port", 5350);
                foreach (var dll in dlls.Split(','))
                {
                    children.Add(StartPortal(Path.GetFullPath(dll), port, provider, connection));
                    portals.Add(new Uri($"http://127.0.0.1:{port++}"));
                }
            }
            else
            {
                portals.AddRange(options["portal"].Split(',').Select(u => new Uri(u)));
            }

            var labels = options.TryGetValue("labels", out var l) ? l.Split(',') : portals.Select((_, i) => portals.Count == 1 ? "portal" : $"portal{i + 1}").ToArray();
            var bareUri = new Uri($"http://127.0.0.1:{barePort}");
            await WaitAsync(new Uri(bareUri, "/ready"), children[0]);
            for (var i = 0; i < portals.Count; i++)
            {
                await WaitAsync(new Uri(portals[i], "/healthz"), options.ContainsKey("start") ? children[i + 1] : null);
            }

            Console.Error.WriteLine($"processes: {string.Join(", ", children.Select(c => c.Id))} (bare host first)");
            var targets = new List<Target> { new("bare", Client(bareUri, null), true) };
            for (var i = 0; i < portals.Count; i++)
            {
                var cookies = new CookieContainer();
                var client = Client(portals[i], cookies);
                await SignInAsync(client, user, options["password"]);
                targets.Add(new Target(labels[i], client, false));
            }

            var pages = new Dictionary<string, (string Portal, string Bare)>
            {
                ["roster"] = ($"/Roster/Index/{classId}", $"/roster/{classId}"),
                ["search"] = ($"/Trainees?q={q}", $"/trainees?q={q}"),
                ["grades"] = ($"/Reports/Grades?year={year}", $"/grades?year={year}"),
                ["dashboard"] = ($"/Dashboard?year={year}", $"/dashboard?year={year}"),
            };

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio: {provider}, user {user}, class {classId}, {clients} clients × {requests} requests per phase, {rounds} rounds, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load {LoadAverage()}"));
            Console.WriteLine($"{"page",-10} {"target",-8} {"requests",8} {"req/s",7} {"ratio",6} {"round ratio",11} {"median ratio",12} {"median ms",9} {"p90 ms",7} {"KB",6} {"<tr>",5}");
            // Every page of every target is warmed up before any is timed: a portal just started runs its first
            // requests on unoptimised (tier-0) code, and the portal has much more code to warm than its twin.
            foreach (var name in pageNames)
            {
                foreach (var target in targets)
                {
                    await PhaseAsync(target.Client, target.Bare ? pages[name].Bare : pages[name].Portal, clients, warmup);
                }
            }

            foreach (var name in pageNames)
            {
                var (portalUrl, bareUrl) = pages[name];
                string Url(Target t) => t.Bare ? bareUrl : portalUrl;
                var tallies = targets.ToDictionary(t => t, _ => new Tally());
                foreach (var target in targets)
                {
                    var body = await GetAsync(target.Client, Url(target));
                    tallies[target].Bytes = body.Length;
                    tallies[target].Rows = CountRows(body);
                    await PhaseAsync(target.Client, Url(target), clients, 1);
                }

                for (var round = 0; round < rounds; round++)
                {
                    for (var k = 0; k < targets.Count; k++)
                    {
                        var target = targets[(k + round) % targets.Count];
                        var (seconds, ms) = await PhaseAsync(target.Client, Url(target), clients, requests);
                        var tally = tallies[target];
                        tally.Seconds += seconds;
                        tally.Ms.AddRange(ms);
                        tally.RoundRates.Add(ms.Count / seconds);
                    }
                }

                var bare = tallies[targets[0]];
                foreach (var target in targets)
                {
                    var t = tallies[target];
                    var rate = t.Ms.Count / t.Seconds;
                    var ratio = rate / (bare.Ms.Count / bare.Seconds);
                    var roundRatio = Median(t.RoundRates.Zip(bare.RoundRates, (a, b) => a / b));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{name,-10} {target.Label,-8} {t.Ms.Count,8} {rate,7:N1} {ratio,6:N2} {roundRatio,11:N2} {Median(bare.Ms) / Median(t.Ms),12:N2} {Median(t.Ms),9:N1} {Percentile(t.Ms, 0.9),7:N1} {t.Bytes / 1024.0,6:N0} {t.Rows,5}"));
                }
            }

            Console.WriteLine($"load at the end: {LoadAverage()}");
            foreach (var target in targets)
            {
                target.Client.Dispose();
            }

            return 0;
        }
        finally
        {
            foreach (var child in children)
            {
                if (!child.HasExited)
                {
                    child.Kill(entireProcessTree: true);
                }

                child.Dispose();
            }
        }
    }

    private static HttpClient Client(Uri baseAddress, CookieContainer? cookies) =>
        new(new SocketsHttpHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = cookies is not null, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2),
        };

    private static async Task SignInAsync(HttpClient client, string user, string password)
    {
        var login = await client.GetStringAsync("/Account/Login");
        using var signIn = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HttpLoad.Token(login), ["UserName"] = user, ["Password"] = password,
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in to {client.BaseAddress} failed: {(int)signIn.StatusCode}");
        }
    }

    private static async Task<byte[]> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.StatusCode == HttpStatusCode.OK
            ? body
            : throw new InvalidOperationException($"{client.BaseAddress}{url.TrimStart('/')} answered {(int)response.StatusCode}");
    }

    /// <summary><paramref name="clients"/> clients at once, each making <paramref name="requests"/> requests in turn: the wall time and every latency.</summary>
    private static async Task<(double Seconds, List<double> Ms)> PhaseAsync(HttpClient client, string url, int clients, int requests)
    {
        var clock = Stopwatch.StartNew();
        var lists = await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            var ms = new List<double>(requests);
            for (var i = 0; i < requests; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await GetAsync(client, url);
                ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            return ms;
        }));
        return (clock.Elapsed.TotalSeconds, lists.SelectMany(m => m).ToList());
    }

    private static int CountRows(byte[] body)
    {
        var count = 0;
        var span = body.AsSpan();
        int at;
        while ((at = span.IndexOf("<tr"u8)) >= 0)
        {
            count++;
            span = span[(at + 3)..];
        }

        return count;
    }

    private static double Median(IEnumerable<double> values) => Percentile(values.ToList(), 0.5);

    private static double Percentile(List<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        if (q == 0.5)
        {
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The smallest class of the account's centre with at least <paramref name="size"/> active trainees, made if there is none.</summary>
    private static async Task<int> BigClassAsync(DatabaseProvider provider, string connection, string userName, int size)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DataServiceCollectionExtensions.Configure(builder, provider, connection, Path.GetTempPath());
        await using var db = AppDbContext.Create(provider, builder.Options);
        var centreId = await db.Users.Where(u => u.UserName == userName).Select(u => u.CentreId).FirstAsync()
            ?? await db.TrainingCentres.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var existing = await db.Enrolments
            .Where(e => e.Status == EnrolmentStatus.Active && e.Class!.CentreId == centreId)
            .GroupBy(e => e.ClassId).Select(g => new { ClassId = g.Key, Count = g.Count() })
            .Where(g => g.Count >= size).OrderBy(g => g.Count).ThenBy(g => g.ClassId).Select(g => (int?)g.ClassId).FirstOrDefaultAsync();
        if (existing is { } id)
        {
            return id;
        }

        const int bigYear = 2025;
        var programmeId = await db.TrainingClasses.Where(c => c.CentreId == centreId)
            .GroupBy(c => c.ProgrammeId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var number = 1 + (await db.TrainingClasses.Where(c => c.CentreId == centreId && c.Year == bigYear).MaxAsync(c => (int?)c.Number) ?? 0);
        var people = await db.Enrolments.Where(e => e.Class!.CentreId == centreId)
            .Select(e => new { e.TraineeId, e.Trainee!.UnitId }).Distinct().OrderBy(p => p.TraineeId).Take(size).ToListAsync();
        var big = new TrainingClass
        {
            CentreId = centreId, ProgrammeId = programmeId, Year = bigYear, Number = number, Title = $"Lớp đo tải {size} học viên",
            StartDate = new DateOnly(bigYear, 11, 2), EndDate = new DateOnly(bigYear, 11, 30),
        };
        foreach (var person in people)
        {
            big.Enrolments.Add(new Enrolment { TraineeId = person.TraineeId, UnitId = person.UnitId, EnrolledAt = DateTime.UtcNow });
        }

        db.TrainingClasses.Add(big);
        await db.SaveChangesAsync();
        Console.Error.WriteLine($"made class {big.Id} of {people.Count} trainees in centre {centreId}");
        return big.Id;
    }

    private static Process StartBare(Dictionary<string, string> options, DatabaseProvider provider, string connection, string user, int port)
    {
        var start = new ProcessStartInfo { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.FileName = Environment.ProcessPath!;
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(RatioBench).Assembly.Location);
        }

        foreach (var arg in new[] { "ratio", "--bare-host", "--provider", provider.ToString(), "--connection", connection, "--user", user, "--port", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        // The portal runs with the web SDK's server GC; so does its twin.
        start.Environment["DOTNET_gcServer"] = options.GetValueOrDefault("bare-gc-server", "1");
        return Launch(start);
    }

    private static Process StartPortal(string dll, int port, DatabaseProvider provider, string connection)
    {
        var folder = Path.GetDirectoryName(dll)!;
        var project = Path.GetFullPath(Path.Combine(folder, "..", "..", ".."));
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = Directory.Exists(Path.Combine(project, "wwwroot")) ? project : folder,
        };
        start.ArgumentList.Add(dll);
        start.Environment["Database__Provider"] = provider.ToString();
        start.Environment["ConnectionStrings__Default"] = connection;
        start.Environment["Storage__DataDirectory"] = Path.Combine(Path.GetTempPath(), $"dt-ratio-portal-{port}");
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_HOSTBUILDER__RELOADCONFIGONCHANGE"] = "false";
        return Launch(start);
    }

    private static Process Launch(ProcessStartInfo start)
    {
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[{process.Id}] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitAsync(Uri url, Process? process)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 240; i++)
        {
            if (process is { HasExited: true })
            {
                throw new InvalidOperationException($"{url} never answered: its process ended ({process.ExitCode})");
            }

            try
            {
                using var response = await probe.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException($"{url} did not answer in two minutes");
    }
}
