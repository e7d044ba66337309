using System.Diagnostics;
using System.Globalization;
using DistrictTraining.Core.Excel;

// Benchmarks run by hand (not tests); see docs/performance.md for the numbers and exact commands.
//   seed ...   fills a database of a given size (Seeder.cs)
//   http ...   times real HTTP requests against a running portal (HttpLoad.cs)
//   mixed ...  many users at once on one or more nodes, a mix of pages and writes (MixedLoad.cs)
//   browser .. times how long headless Chromium takes to show pages of a running portal (BrowserLoad.cs)
//   xlsx-compare .. the export writer against SpreadCheetah 1.28, CPU, memory and file size (XlsxCompare.cs)
//   search ... trainee name search through the index, in isolation and over HTTP (SearchBench.cs)
//   ratio ...  each page of the portal against a bare host running the same queries, interleaved (RatioBench.cs)
// Without a sub-command: memory and speed of XlsxReportWriter on certificate-register-like rows,
//   dotnet run -c Release --project tools/DistrictTraining.Bench                 (20,000 and 200,000 rows, 3 runs each)
//   dotnet run -c Release --project tools/DistrictTraining.Bench -- 200000 5     (one size, 5 runs)
//   dotnet run -c Release --project tools/DistrictTraining.Bench -- --single 20000 --keep out.xlsx
// Each measured run is a fresh child process, so peak working sets do not mix; the parent prints
// the medians. "baseline" runs generate the same rows without writing them, to show what the
// runtime and the row source cost on their own.

var culture = CultureInfo.InvariantCulture;
switch (args.FirstOrDefault())
{
    case "seed":
        return await DistrictTraining.Bench.Seeder.RunAsync(args[1..]);
    case "http":
        return await DistrictTraining.Bench.HttpLoad.RunAsync(args[1..]);
    case "certificates":
        return await DistrictTraining.Bench.CertificateBench.RunAsync(args[1..]);
    case "mixed":
        return await DistrictTraining.Bench.MixedLoad.RunAsync(args[1..]);
    case "browser":
        return await DistrictTraining.Bench.BrowserLoad.RunAsync(args[1..]);
    case "province":
        return await DistrictTraining.Bench.ProvinceDataset.RunAsync(args[1..]);
    case "xlsx-compare":
        return await DistrictTraining.Bench.XlsxCompare.RunAsync(args[1..]);
    case "search":
        return await DistrictTraining.Bench.SearchBench.RunAsync(args[1..]);
    case "ratio":
        return await DistrictTraining.Bench.RatioBench.RunAsync(args[1..]);
}

if (args.Length >= 2 && args[0] == "--single")
{
    var rows = int.Parse(args[1], culture);
    var mode = args.Length >= 3 && args[2] == "--baseline" ? "baseline" : "writer";
    var keep = args.Length >= 4 && args[2] == "--keep" ? args[3] : null;
    await Bench.RunSingleAsync(rows, mode, keep);
    return 0;
}

int[] sizes = args.Length >= 1 ? [int.Parse(args[0], culture)] : [20_000, 200_000];
var runs = args.Length >= 2 ? int.Parse(args[1], culture) : 3;

Console.WriteLine($"{"mode",-9} {"rows",9} {"runs",4} {"elapsed ms",11} {"peak WS MB",11} {"allocated MB",13} {"heap after MB",14} {"GC 0/1/2",10} {"GC pause ms",12} {"file MB",8}");
foreach (var size in sizes)
{
    foreach (var mode in new[] { "baseline", "writer" })
    {
        var results = new List<Bench.Result>();
        for (var i = 0; i < runs; i++)
        {
            results.Add(Bench.RunChild(size, mode));
        }

        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var gc = results[results.Count / 2];
        Console.WriteLine(string.Create(culture,
            $"{mode,-9} {size,9:N0} {runs,4} {Median(results.Select(r => r.ElapsedMs)),11:N0} {Median(results.Select(r => r.PeakWorkingSetMb)),11:N1} "
            + $"{Median(results.Select(r => r.AllocatedMb)),13:N1} {Median(results.Select(r => r.HeapAfterMb)),14:N1} "
            + $"{gc.Gen0}/{gc.Gen1}/{gc.Gen2,-6} {Median(results.Select(r => r.GcPauseMs)),12:N0} {Median(results.Select(r => r.FileMb)),8:N2}"));
    }
}

return 0;

internal static class Bench
{
    internal sealed record Result(double ElapsedMs, double PeakWorkingSetMb, double AllocatedMb, double HeapAfterMb,
        int Gen0, int Gen1, int Gen2, double GcPauseMs, double FileMb);

    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Hữu", "Đức", "Thị Ngọc", "Minh", "Quốc", "Thanh", "Xuân", "Công"];
    private static readonly string[] GivenNames = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hùng", "Lan", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Yến"];
    private static readonly string[] Programmes = ["Lớp bồi dưỡng nhận thức về Đảng", "Lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới", "Lớp sơ cấp lý luận chính trị"];
    private static readonly string[] Statuses = ["Đã cấp", "Đã cấp", "Đã cấp", "Đã cấp", "Cấp lại", "Thu hồi"];

    public static ExcelReport Report => new()
    {
        SheetName = "Sổ gốc",
        IssuingBody = ["ĐẢNG BỘ XÃ CÁT HANH", "TRUNG TÂM CHÍNH TRỊ"],
        RightHeading = [ExcelReport.PartyHeading],
        Title = "SỔ GỐC CẤP GIẤY CHỨNG NHẬN",
        Period = "Từ 01/01/2016 đến 31/12/2025",
        Columns =
        [
            new ExcelColumn("STT", 8, ExcelCellKind.Integer) { Alignment = ExcelAlignment.Center },
            new ExcelColumn("Số hiệu", 14),
            new ExcelColumn("Số vào sổ", 12) { Alignment = ExcelAlignment.Center },
            new ExcelColumn("Họ và tên", 26),
            new ExcelColumn("Ngày sinh", 12, ExcelCellKind.Date),
            new ExcelColumn("Lớp", 48),
            new ExcelColumn("Ngày cấp", 12, ExcelCellKind.Date),
            new ExcelColumn("Trạng thái", 12),
        ],
    };

    /// <summary>Deterministic register entries, one array reused for every row as a data reader would.</summary>
    public static async IAsyncEnumerable<object?[]> Rows(int count)
    {
        var random = new Random(2025);
        var row = new object?[8];
        var firstBirth = new DateOnly(1960, 1, 1);
        for (var i = 1; i <= count; i++)
        {
            var year = 2016 + (int)((long)(i - 1) * 10 / count);
            row[0] = i;
            row[1] = string.Create(CultureInfo.InvariantCulture, $"GCN-{i:D6}");
            row[2] = string.Create(CultureInfo.InvariantCulture, $"{i}/{year}");
            row[3] = $"{FamilyNames[random.Next(FamilyNames.Length)]} {MiddleNames[random.Next(MiddleNames.Length)]} {GivenNames[random.Next(GivenNames.Length)]}";
            row[4] = firstBirth.AddDays(random.Next(16_000));
            row[5] = string.Create(CultureInfo.InvariantCulture, $"{Programmes[random.Next(Programmes.Length)]}, lớp thứ {random.Next(1, 25)}/{year}");
            row[6] = new DateOnly(year, 1, 1).AddDays(random.Next(365));
            row[7] = Statuses[random.Next(Statuses.Length)];
            yield return row;
        }

        await Task.CompletedTask;
    }

    public static async Task RunSingleAsync(int rows, string mode, string? keep)
    {
        var path = keep ?? Path.Combine(Path.GetTempPath(), $"dt-bench-{Environment.ProcessId}.xlsx");
        var stopwatch = Stopwatch.StartNew();
        long fileBytes = 0;
        if (mode == "baseline")
        {
            var n = 0;
            await foreach (var row in Rows(rows))
            {
                n += row.Length;
            }

            GC.KeepAlive(n);
        }
        else
        {
            await using (var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await XlsxReportWriter.WriteAsync(output, Report, Rows(rows), [null, null, null, null, null, null, null, null]);
            }

            fileBytes = new FileInfo(path).Length;
            if (keep is null)
            {
                File.Delete(path);
            }
        }

        stopwatch.Stop();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var info = GC.GetGCMemoryInfo();
        const double mb = 1024 * 1024;
        Console.WriteLine(string.Join(' ', new double[]
        {
            stopwatch.Elapsed.TotalMilliseconds,
            process.PeakWorkingSet64 / mb,
            GC.GetTotalAllocatedBytes(precise: true) / mb,
            info.HeapSizeBytes / mb,
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            GC.GetTotalPauseDuration().TotalMilliseconds,
            fileBytes / mb,
        }.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
    }

    public static Result RunChild(int rows, string mode)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        var host = Environment.ProcessPath!;
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.FileName = host;
            start.ArgumentList.Add(typeof(Bench).Assembly.Location);
        }
        else
        {
            start.FileName = host;
        }

        start.ArgumentList.Add("--single");
        start.ArgumentList.Add(rows.ToString(CultureInfo.InvariantCulture));
        if (mode == "baseline")
        {
            start.ArgumentList.Add("--baseline");
        }

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"Child run failed ({child.ExitCode}): {output}");
        }

        var v = output.Trim().Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return new Result(v[0], v[1], v[2], v[3], (int)v[4], (int)v[5], (int)v[6], v[7], v[8]);
    }
}
