using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using DistrictTraining.Core.Excel;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace DistrictTraining.Bench;

/// <summary>
/// The portal's xlsx writer against SpreadCheetah 1.28 on the same rows (issue 14, ADR-017).
/// </summary>
/// <remarks>
/// <code>
/// dotnet run -c Release --project tools/DistrictTraining.Bench -- xlsx-compare                 (100,000 rows, 7 runs; then 1,000,000 rows, 3 runs)
/// dotnet run -c Release --project tools/DistrictTraining.Bench -- xlsx-compare 100000 5 0      (5 runs, no 1,000,000-row pass)
/// dotnet run -c Release --project tools/DistrictTraining.Bench -- xlsx-compare --single portal 100000 out.xlsx
/// </code>
/// Each run is a fresh child process (so CPU time, peak working set and JIT cost do not mix); the
/// writers take turns within each round, the first of a round alternating. Writers:
/// <c>baseline</c> makes the rows and writes nothing (the runtime and the row source alone);
/// <c>portal</c> is <see cref="XlsxReportWriter"/> with its title block, styles and print setup at its
/// own compression level; <c>portal-optimal</c> / <c>portal-fastest</c> force a level;
/// <c>portal-refs</c> writes an <c>r</c> reference in every data cell too;
/// <c>cheetah</c> is SpreadCheetah at its default level (Fastest) with the same column widths, number
/// formats, borders and alignment but no title block, print titles, page setup or footer (it writes
/// none); <c>cheetah-optimal</c> the same at its Optimal level.
/// CPU is the child's user+sys time, read from the child itself at exit.
/// </remarks>
internal static class XlsxCompare
{
    private static readonly string[] FamilyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
    private static readonly string[] MiddleNames = ["Văn", "Thị", "Hữu", "Đức", "Thị Ngọc", "Minh", "Quốc", "Thanh", "Xuân", "Công"];
    private static readonly string[] GivenNames = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hùng", "Lan", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Yến"];
    private static readonly string[] Units = ["Chi bộ Thôn Cát Tường", "Chi bộ Trường Tiểu học số 1 Cát Hanh", "Đảng bộ Công an xã", "Chi bộ Quân sự xã", "Chi bộ Thôn Hữu Hạnh", "Chi bộ Trạm Y tế"];
    private static readonly string[] Programmes = ["Lớp bồi dưỡng nhận thức về Đảng", "Lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới", "Lớp sơ cấp lý luận chính trị"];
    private static readonly string[] Statuses = ["Hoàn thành", "Hoàn thành", "Hoàn thành", "Không hoàn thành", "Bảo lưu"];

    private static readonly string[] Writers = ["baseline", "portal", "cheetah"];

    private static readonly ExcelReport Report = new()
    {
        SheetName = "Danh sách",
        IssuingBody = ["ĐẢNG BỘ XÃ CÁT HANH", "TRUNG TÂM CHÍNH TRỊ"],
        RightHeading = [ExcelReport.PartyHeading],
        PlaceAndDate = "Cát Hanh, ngày 30 tháng 11 năm 2026",
        Title = "DANH SÁCH HỌC VIÊN THAM GIA BỒI DƯỠNG",
        Period = "Từ 01/01/2016 đến 31/12/2025",
        Columns =
        [
            new ExcelColumn("STT", 7, ExcelCellKind.Integer) { Alignment = ExcelAlignment.Center },
            new ExcelColumn("Số hiệu", 13),
            new ExcelColumn("Họ và tên", 24),
            new ExcelColumn("Ngày sinh", 12, ExcelCellKind.Date),
            new ExcelColumn("Đơn vị", 34),
            new ExcelColumn("Lớp", 50),
            new ExcelColumn("Số tiết", 8, ExcelCellKind.Integer),
            new ExcelColumn("Điểm", 8, ExcelCellKind.Decimal),
            new ExcelColumn("Ngày kết thúc", 12, ExcelCellKind.Date),
            new ExcelColumn("Kết quả", 16),
        ],
    };

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length >= 3 && args[0] == "--single")
        {
            await RunSingleAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Length >= 4 ? args[3] : null);
            return 0;
        }

        var rows = args.Length >= 1 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var runs = args.Length >= 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
        var bigRows = args.Length >= 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000;
        var writers = args.Length >= 4 ? args[3].Split(',') : Writers;

        Console.WriteLine($"xlsx-compare {rows:N0} rows × {Report.Columns.Count}, {runs} runs, load average {LoadAverage()}");
        Compare(rows, runs, writers);
        if (bigRows > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"xlsx-compare {bigRows:N0} rows × {Report.Columns.Count}, 3 runs, load average {LoadAverage()}");
            Compare(bigRows, 3, ["portal", "cheetah"]);
        }

        Console.WriteLine($"load average at the end {LoadAverage()}");
        return 0;
    }

    private static void Compare(int rows, int runs, string[] writers)
    {
        var results = writers.ToDictionary(w => w, _ => new List<Result>());
        for (var round = 0; round < runs; round++)
        {
            var order = round % 2 == 0 ? writers : [.. writers.Reverse()];
            foreach (var writer in order)
            {
                results[writer].Add(RunChild(writer, rows));
            }
        }

        Console.WriteLine($"{"writer",-16} {"CPU s",7} {"(min–max)",13} {"elapsed s",10} {"peak WS MB",11} {"alloc MB",9} {"file MB",8}");
        foreach (var writer in writers)
        {
            var r = results[writer];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{writer,-16} {Median(r, x => x.CpuSeconds),7:F2} {$"({r.Min(x => x.CpuSeconds):F2}–{r.Max(x => x.CpuSeconds):F2})",13} "
                + $"{Median(r, x => x.ElapsedSeconds),10:F2} {Median(r, x => x.PeakWorkingSetMb),11:F1} {Median(r, x => x.AllocatedMb),9:F1} {Median(r, x => x.FileMb),8:F2}"));
        }

        if (results.TryGetValue("portal", out var portal))
        {
            foreach (var other in writers.Where(w => w.StartsWith("cheetah", StringComparison.Ordinal)))
            {
                var cheetah = results[other];
                var ratios = portal.Zip(cheetah, (p, c) => p.CpuSeconds / c.CpuSeconds).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"CPU portal / {other}: median of the medians {Median(portal, x => x.CpuSeconds) / Median(cheetah, x => x.CpuSeconds):F2}×, "
                    + $"median of per-round ratios {Median(ratios, x => x):F2}× (min {ratios.Min():F2}, max {ratios.Max():F2})"));
            }
        }
    }

    private static double Median<T>(IEnumerable<T> items, Func<T, double> value)
    {
        var sorted = items.Select(value).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private sealed record Result(double CpuSeconds, double ElapsedSeconds, double PeakWorkingSetMb, double AllocatedMb, double FileMb);

    private static Result RunChild(string writer, int rows)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false, FileName = Environment.ProcessPath! };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(XlsxCompare).Assembly.Location);
        }

        foreach (var arg in new[] { "xlsx-compare", "--single", writer, rows.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"{writer} run failed ({child.ExitCode}): {output}");
        }

        var v = output.Trim().Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return new Result(v[0], v[1], v[2], v[3], v[4]);
    }

    private static async Task RunSingleAsync(string writer, int rows, string? keep)
    {
        var path = keep ?? Path.Combine(Path.GetTempPath(), $"dt-xlsx-compare-{Environment.ProcessId}.xlsx");
        var stopwatch = Stopwatch.StartNew();
        if (writer == "baseline")
        {
            var n = 0L;
            foreach (var row in Rows(rows))
            {
                n += row.Length;
            }

            GC.KeepAlive(n);
        }
        else
        {
            await using (var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                switch (writer)
                {
                    case "portal":
                        await XlsxReportWriter.WriteAsync(output, Report, Rows(rows));
                        break;
                    case "portal-refs":
                        XlsxSheetWriter.DataCellReferences = true;
                        await XlsxReportWriter.WriteAsync(output, Report, Rows(rows));
                        break;
                    case "portal-optimal" or "portal-fastest":
                        XlsxSheetWriter.Compression = writer.EndsWith("optimal", StringComparison.Ordinal) ? CompressionLevel.Optimal : CompressionLevel.Fastest;
                        await XlsxReportWriter.WriteAsync(output, Report, Rows(rows));
                        break;
                    case "cheetah":
                        await WriteCheetahAsync(output, rows, SpreadCheetahCompressionLevel.Fastest);
                        break;
                    case "cheetah-optimal":
                        await WriteCheetahAsync(output, rows, SpreadCheetahCompressionLevel.Optimal);
                        break;
                    default:
                        throw new ArgumentException($"Unknown writer {writer}.");
                }
            }
        }

        stopwatch.Stop();
        var fileBytes = File.Exists(path) ? new FileInfo(path).Length : 0;
        if (keep is null && File.Exists(path))
        {
            File.Delete(path);
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        const double mb = 1024 * 1024;
        Console.WriteLine(string.Join(' ', new[]
        {
            process.TotalProcessorTime.TotalSeconds,
            stopwatch.Elapsed.TotalSeconds,
            process.PeakWorkingSet64 / mb,
            GC.GetTotalAllocatedBytes(precise: true) / mb,
            fileBytes / mb,
        }.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
    }

    /// <summary>Deterministic enrolment-list rows, one array reused for every row as a data reader would.</summary>
    private static IEnumerable<object?[]> Rows(int count)
    {
        var random = new Random(2026);
        var row = new object?[10];
        var firstBirth = new DateOnly(1960, 1, 1);
        for (var i = 1; i <= count; i++)
        {
            var year = 2016 + (int)((long)(i - 1) * 10 / count);
            row[0] = i;
            row[1] = string.Create(CultureInfo.InvariantCulture, $"HV-{i:D7}");
            row[2] = $"{FamilyNames[random.Next(FamilyNames.Length)]} {MiddleNames[random.Next(MiddleNames.Length)]} {GivenNames[random.Next(GivenNames.Length)]}";
            row[3] = firstBirth.AddDays(random.Next(16_000));
            row[4] = Units[random.Next(Units.Length)];
            row[5] = string.Create(CultureInfo.InvariantCulture, $"{Programmes[random.Next(Programmes.Length)]}, khóa {random.Next(1, 25)}/{year}");
            row[6] = 16 + (8 * random.Next(4));
            row[7] = Math.Round(5 + (random.NextDouble() * 5), 1);
            row[8] = new DateOnly(year, 1, 1).AddDays(random.Next(365));
            row[9] = Statuses[random.Next(Statuses.Length)];
            yield return row;
        }
    }

    /// <summary>
    /// The same table through SpreadCheetah: the same widths, font, borders, alignment and number
    /// formats per column, a frozen header row; no title block (SpreadCheetah has no page setup,
    /// print titles or header/footer to write).
    /// </summary>
    private static async Task WriteCheetahAsync(Stream output, int rows, SpreadCheetahCompressionLevel level)
    {
        var options = new SpreadCheetahOptions { CompressionLevel = level, DefaultFont = new DefaultFont { Name = Report.FontName, Size = Report.FontSize } };
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, options);
        var columns = Report.Columns;
        var sheetOptions = new WorksheetOptions { FrozenRows = 1 };
        for (var i = 0; i < columns.Count; i++)
        {
            sheetOptions.Column(i + 1).Width = columns[i].Width;
        }

        await spreadsheet.StartWorksheetAsync(Report.SheetName, sheetOptions);

        var border = new Border
        {
            Left = new EdgeBorder { BorderStyle = BorderStyle.Thin },
            Right = new EdgeBorder { BorderStyle = BorderStyle.Thin },
            Top = new EdgeBorder { BorderStyle = BorderStyle.Thin },
            Bottom = new EdgeBorder { BorderStyle = BorderStyle.Thin },
        };
        var header = spreadsheet.AddStyle(new Style
        {
            Font = { Bold = true, Name = Report.FontName, Size = Report.FontSize },
            Border = border,
            Alignment = { Horizontal = HorizontalAlignment.Center, Vertical = VerticalAlignment.Center, WrapText = true },
        });
        var styles = new StyleId[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var kind = columns[i].Kind;
            var style = new Style
            {
                Font = { Name = Report.FontName, Size = Report.FontSize },
                Border = border,
                Alignment =
                {
                    Vertical = VerticalAlignment.Center,
                    WrapText = kind == ExcelCellKind.Text,
                    Horizontal = kind switch
                    {
                        ExcelCellKind.Text => HorizontalAlignment.Left,
                        ExcelCellKind.Date => HorizontalAlignment.Center,
                        _ => i == 0 ? HorizontalAlignment.Center : HorizontalAlignment.Right,
                    },
                },
                Format = kind switch
                {
                    ExcelCellKind.Integer => NumberFormat.Custom("#,##0"),
                    ExcelCellKind.Decimal => NumberFormat.Custom("#,##0.0"),
                    ExcelCellKind.Date => NumberFormat.Custom("dd/mm/yyyy"),
                    _ => null,
                },
            };
            styles[i] = spreadsheet.AddStyle(style);
        }

        var cells = new StyledCell[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            cells[i] = new StyledCell(columns[i].Header, header);
        }

        await spreadsheet.AddRowAsync(cells);
        foreach (var row in Rows(rows))
        {
            for (var i = 0; i < row.Length; i++)
            {
                cells[i] = row[i] switch
                {
                    string s => new StyledCell(s, styles[i]),
                    int n => new StyledCell(n, styles[i]),
                    double d => new StyledCell(d, styles[i]),
                    DateOnly d => new StyledCell(d.ToDateTime(TimeOnly.MinValue), styles[i]),
                    _ => new StyledCell((string?)null, styles[i]),
                };
            }

            await spreadsheet.AddRowAsync(cells);
        }

        await spreadsheet.FinishAsync();
    }
}
