using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Trainees;
using DistrictTraining.Tests.Excel;
using DistrictTraining.Tests.Infrastructure;
using DistrictTraining.Tests.Reports;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.Tests.Web;

/// <summary>
/// The report pages and their exports on <see cref="ReportWorld"/>: each Excel file is read back and its
/// cells and totals compared with the numbers on the page; unit liaisons are refused other units.
/// </summary>
public class ReportPagesTests
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_summary_page_and_its_export_give_the_same_numbers(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        var (w, official) = await WorldAsync(factory, "lanhdao", Roles.CommitteeOfficial);

        var page = await official.GetDocumentAsync("/Reports/Summary?year=2024");
        Assert.Equal("Trung tâm Chính trị Phù Cát – Năm 2024", Squash(page.QuerySelector("#report-subtitle")!.TextContent));
        var rows = Rows(page, "#summary-table tbody tr");
        Assert.Equal(
        [
            ["1", "Bồi dưỡng nhận thức về Đảng", "3", "1", "33,3%", "12", "5", "41,7%"],
            ["2", "Bồi dưỡng lý luận chính trị dành cho đảng viên mới", "1", "1", "100,0%", "4", "4", "100,0%"],
            ["3", "Cập nhật kiến thức, học tập nghị quyết", "—", "1", "—", "—", "2", "—"],
        ], rows);
        var total = Cells(page.QuerySelector("#summary-total")!);
        Assert.Equal(["Tổng cộng", "4", "3", "75,0%", "16", "11", "68,8%"], total);

        var link = page.QuerySelector("#export-excel")!.GetAttribute("href")!;
        Assert.Equal("/Reports/SummaryExcel?year=2024", link);
        var (sheet, name) = await DownloadAsync(official, link);
        Assert.Equal("tong-hop-theo-chuong-trinh-2024.xlsx", name);
        Assert.Equal("ĐẢNG BỘ HUYỆN PHÙ CÁT", sheet.Value("A1"));
        Assert.Equal("TRUNG TÂM CHÍNH TRỊ PHÙ CÁT", sheet.Value("A2"));
        Assert.Equal("ĐẢNG CỘNG SẢN VIỆT NAM", sheet.Value("E1"));
        Assert.Equal("BÁO CÁO KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG THEO CHƯƠNG TRÌNH", sheet.Value("A4"));
        Assert.Equal("Năm 2024", sheet.Value("A5"));
        var table = sheet.Table(7);
        Assert.Equal(["STT", "Chương trình", "Số lớp kế hoạch", "Số lớp đã mở", "Tỷ lệ số lớp", "Số học viên kế hoạch", "Lượt học viên", "Tỷ lệ học viên"], table.Headers);
        Assert.Equal(4, table.Rows.Count);
        for (var i = 0; i < 3; i++)
        {
            var cells = table.Rows[i];
            Assert.Equal(rows[i][1], cells[1]!.Text);
            foreach (var (column, shown) in new[] { (2, rows[i][2]), (3, rows[i][3]), (5, rows[i][5]), (6, rows[i][6]) })
            {
                Assert.Equal(Parse(shown), cells[column]?.Number);
            }

            Assert.Equal(rows[i][4], Percent(cells[4]?.Number));
            Assert.Equal(rows[i][7], Percent(cells[7]?.Number));
        }

        var totals = table.Rows[3];
        Assert.Equal("Tổng cộng", totals[0]!.Text);
        Assert.Equal([4d, 3d, 16d, 11d], new[] { totals[2], totals[3], totals[5], totals[6] }.Select(c => c!.Number!.Value));
        Assert.Equal(total[3], Percent(totals[4]!.Number));
        Assert.Equal("0.0%", totals[4]!.NumberFormat);
        Assert.Equal("A8", sheet.FrozenPane!.TopLeftCell); // frozen under the header row
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_unit_page_shows_old_names_and_todays_units_and_both_exports_match(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        var (w, staff) = await WorldAsync(factory, "giaovu", Roles.CentreStaff);

        var page = await staff.GetDocumentAsync("/Reports/ByUnit?year=2024");
        var rows = Rows(page, "#unit-table tbody tr");
        Assert.Equal(["3", "Xã Cát Hanh", "Xã Hội Sơn", "2", "1", "0", "3"], rows[2]);
        Assert.Equal(["Tổng cộng", "5", "4", "2", "11"], Cells(page.QuerySelector("#unit-total")!));
        var current = Rows(page, "#current-unit-table tbody tr");
        Assert.Equal(["3", "Xã Hội Sơn", "2", "3", "0", "5"], current[2]);

        var (sheet, _) = await DownloadAsync(staff, page.QuerySelector("#export-excel")!.GetAttribute("href")!);
        var table = sheet.Table(7);
        Assert.Equal(["STT", "Đơn vị (tên khi học)", "Nay thuộc đơn vị", "Bồi dưỡng nhận thức về Đảng", "Bồi dưỡng lý luận chính trị dành cho đảng viên mới", "Cập nhật kiến thức, học tập nghị quyết", "Tổng số"], table.Headers);
        Assert.Equal(rows.Count + 1, table.Rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i][1], table.Rows[i][1]!.Text);
            Assert.Equal(rows[i][2], table.Rows[i][2]?.Text ?? "");
            Assert.Equal(rows[i][3..].Select(Parse), table.Rows[i].Skip(3).Select(c => c!.Number));
        }

        Assert.Equal([5d, 4d, 2d, 11d], table.Rows[^1].Skip(3).Select(c => c!.Number!.Value));

        var (currentSheet, currentName) = await DownloadAsync(staff, page.QuerySelector("#export-excel-current")!.GetAttribute("href")!);
        Assert.Equal("hoc-vien-theo-don-vi-hien-nay-2024.xlsx", currentName);
        var currentTable = currentSheet.Table(7);
        Assert.Equal(current.Select(r => r[1]), currentTable.Rows.SkipLast(1).Select(r => r[1]!.Text));
        Assert.Equal(current.Select(r => Parse(r[^1])), currentTable.Rows.SkipLast(1).Select(r => r[^1]!.Number));
        Assert.Equal(11d, currentTable.Rows[^1][^1]!.Number);

        // The people behind the counts: by class start date, then the Vietnamese order of names (Hải before Hạnh).
        var (list, listName) = await DownloadAsync(staff, page.QuerySelector("#export-list")!.GetAttribute("href")!);
        Assert.Equal("danh-sach-hoc-vien-2024.xlsx", listName);
        var people = list.Table(7);
        Assert.Equal(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị (tên khi học)", "Nay thuộc đơn vị", "Chương trình", "Lớp", "Khai giảng", "Kết quả"], people.Headers);
        Assert.Equal(11, people.Rows.Count);
        Assert.Equal(["Nguyễn Văn Hải", "Nguyễn Văn Hạnh", "Nguyễn Văn Phúc", "Nguyễn Văn Tâm", "Nguyễn Văn Thảo", "Nguyễn Văn Lan", "Nguyễn Văn Long", "Nguyễn Văn Cường", "Nguyễn Văn Dũng", "Nguyễn Văn Giang", "Nguyễn Văn Khánh"],
            people.Rows.Select(r => r[1]!.Text));
        var hai = people.Rows[0];
        Assert.Equal(("Xã Cát Hanh", "Xã Hội Sơn", "lớp thứ 1/2024", "Khá"), (hai[4]!.Text, hai[5]!.Text, hai[7]!.Text, hai[9]!.Text));
        Assert.Equal(new DateTime(2024, 3, 4), hai[8]!.DateValue);
        Assert.Equal(("(Không rõ đơn vị)", "Hoàn thành"), (people.Rows[5][4]!.Text, people.Rows[5][9]!.Text));
        Assert.Equal("Không hoàn thành", people.Rows[4][9]!.Text);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Lecturer_grade_certificate_and_cadre_pages_match_their_exports(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        var (w, staff) = await WorldAsync(factory, "giaovu", Roles.CentreStaff);
        await WithDbAsync(factory, async db =>
        {
            // Xã Cát Tài's committee: the secretary (trung cấp) and two members, one of them cao cấp.
            db.Trainees.AddRange(
                new Trainee { FamilyName = "Lê", MiddleName = "Văn", GivenName = "Bí", UnitId = w.Y, CommitteeRole = CommitteeRole.Secretary, TheoryLevel = TheoryLevel.Intermediate },
                new Trainee { FamilyName = "Lê", MiddleName = "Thị", GivenName = "Phó", UnitId = w.Y, CommitteeRole = CommitteeRole.DeputySecretary, TheoryLevel = TheoryLevel.Elementary },
                new Trainee { FamilyName = "Lê", MiddleName = "Văn", GivenName = "Ủy", UnitId = w.Y, CommitteeRole = CommitteeRole.CommitteeMember, TheoryLevel = TheoryLevel.Advanced });
            return await db.SaveChangesAsync();
        });

        var lecturers = await staff.GetDocumentAsync("/Reports/Lecturers?year=2024");
        Assert.Equal([["1", "Nguyễn Văn An", "", "0", "0", "0"], ["2", "Trần Thị Thu Hà", "Phó Giám đốc", "2", "3", "13"]], Rows(lecturers, "#lecturers-full-time tr[data-lecturer]"));
        // C1 was taught by Hà and Sơn: the total counts 3 distinct classes, not 2 + 2.
        Assert.Equal(["Tổng cộng", "3", "5", "20"], Cells(lecturers.QuerySelector("#lecturer-total")!));
        var (lecturerSheet, _) = await DownloadAsync(staff, lecturers.QuerySelector("#export-excel")!.GetAttribute("href")!);
        var lecturerTable = lecturerSheet.Table(7);
        Assert.Equal(["Nguyễn Văn An", "Trần Thị Thu Hà", "Cộng giảng viên chuyên trách", "Lê Văn Sơn", "Cộng giảng viên kiêm chức", null],
            lecturerTable.Rows.Select(r => r[1]?.Text));
        Assert.Equal("Chuyên trách", lecturerTable.Rows[1][3]!.Text);
        Assert.Equal([13d, 13d, 7d, 7d, 20d], lecturerTable.Rows.Where((_, i) => i != 0).Select(r => r[6]!.Number!.Value));

        var grades = await staff.GetDocumentAsync("/Reports/Grades?year=2024");
        Assert.Equal(["Chương trình", "Xuất sắc", "Giỏi", "Khá", "Trung bình", "Hoàn thành (không xếp loại)", "Không hoàn thành", "Chưa có kết quả", "Lượt học viên"],
            grades.QuerySelectorAll("#grade-table thead th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["Tổng cộng", "1", "1", "2", "1", "1", "1", "4", "11"], Cells(grades.QuerySelector("#grade-total")!));
        var (gradeSheet, _) = await DownloadAsync(staff, grades.QuerySelector("#export-excel")!.GetAttribute("href")!);
        Assert.Equal([1d, 1d, 2d, 1d, 1d, 1d, 4d, 11d], gradeSheet.Table(7).Rows[^1].Skip(2).Select(c => c!.Number!.Value));
        Assert.Equal(["Tổng cộng", "4", "1", "2", "1", "1"], Cells(grades.QuerySelector("#certificate-total")!));
        var (certificateSheet, _) = await DownloadAsync(staff, grades.QuerySelector("#export-certificates")!.GetAttribute("href")!);
        Assert.Equal([4d, 1d, 2d, 1d, 1d], certificateSheet.Table(7).Rows[^1].Skip(2).Select(c => c!.Number!.Value));

        var cadre = await staff.GetDocumentAsync("/Reports/Cadre?year=2024");
        Assert.Equal("66,7%", cadre.QuerySelector("#member-share")!.TextContent.Trim()); // 2 of 3
        Assert.Equal("100,0%", cadre.QuerySelector("#secretary-share")!.TextContent.Trim());
        Assert.Equal(["1", "Xã Cát Tài", "3", "2", "66,7%", "1", "1", "100,0%", "0", "0", "0", "0"], Rows(cadre, "#cadre-table tbody tr").Single());
        var (cadreSheet, _) = await DownloadAsync(staff, cadre.QuerySelector("#export-excel")!.GetAttribute("href")!);
        var cadreTotals = cadreSheet.Table(7).Rows[^1];
        Assert.Equal((3d, 2d), (cadreTotals[2]!.Number!.Value, cadreTotals[3]!.Number!.Value));
        Assert.Equal("66,7%", Percent(cadreTotals[4]!.Number));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_unit_liaison_sees_and_exports_their_unit_only_and_is_refused_another_by_url(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        var (w, liaison) = await WorldAsync(factory, "canbo-cattai", Roles.UnitLiaison, unit: w => w.Y);

        var page = await liaison.GetDocumentAsync("/Reports/Summary?year=2024");
        Assert.Equal("Trung tâm Chính trị Phù Cát – Năm 2024 – Đơn vị: Xã Cát Tài", Squash(page.QuerySelector("#report-subtitle")!.TextContent));
        Assert.Equal(["Tổng cộng", "1", "3", "300,0%", "5", "5", "100,0%"], Cells(page.QuerySelector("#summary-total")!));
        Assert.Equal(["Xã Cát Tài"], page.QuerySelectorAll("#filter-unit option").Select(o => o.TextContent.Trim()));
        var (sheet, _) = await DownloadAsync(liaison, page.QuerySelector("#export-excel")!.GetAttribute("href")!);
        Assert.Equal("Năm 2024 – Đơn vị: Xã Cát Tài", sheet.Value("A5"));
        Assert.Equal(5d, sheet.Table(7).Rows[^1][6]!.Number);

        var (list, _) = await DownloadAsync(liaison, "/Reports/AttendanceListExcel?year=2024");
        Assert.Equal(["Chi bộ thôn Phú Hiệp", "Xã Cát Tài"], list.Table(7).Rows.Select(r => r[4]!.Text).Distinct().Order());
        Assert.Equal(5, list.Table(7).Rows.Count);

        var byUnit = await liaison.GetDocumentAsync("/Reports/ByUnit?year=2024");
        Assert.Equal(["Chi bộ thôn Phú Hiệp", "Xã Cát Tài"], byUnit.QuerySelectorAll("#unit-table tbody .unit-name").Select(td => td.TextContent.Trim()));
        var dashboard = await liaison.GetDocumentAsync("/Dashboard?year=2024");
        Assert.Equal("5", dashboard.QuerySelector("#card-trainees")!.TextContent.Trim());

        // Another unit, asked for by URL, on every page and export: refused.
        foreach (var url in new[]
        {
            $"/Reports/Summary?year=2024&unit={w.Z}", $"/Reports/SummaryExcel?year=2024&unit={w.Z}",
            $"/Reports/ByUnit?year=2024&unit={w.X}", $"/Reports/ByUnitExcel?year=2024&unit={w.X}&current=true", $"/Reports/AttendanceListExcel?year=2024&unit={w.X}",
            $"/Reports/Cadre?unit={w.District}", $"/Reports/CadreExcel?unit={w.District}",
            $"/Reports/Grades?unit={w.Z}", $"/Reports/GradesExcel?unit={w.Z}", $"/Reports/CertificatesExcel?unit={w.Z}",
            $"/Dashboard?year=2024&unit={w.Z}",
            "/Reports/Lecturers?year=2024", "/Reports/LecturersExcel?year=2024", "/Plans?year=2024",
            $"/Reports/Summary?year=2024&centre={w.CentreB}",
        })
        {
            var response = await liaison.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url} answered {(int)response.StatusCode}");
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_dashboard_draws_each_chart_beside_its_table(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        var (_, official) = await WorldAsync(factory, "lanhdao", Roles.CommitteeOfficial);

        var page = await official.GetDocumentAsync("/Dashboard?year=2024");
        Assert.Equal("Tổng quan năm 2024", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(("3", "75,0%", "11", "68,8%", "4"), (
            page.QuerySelector("#card-classes")!.TextContent.Trim(), page.QuerySelector("#card-class-share")!.TextContent.Trim(),
            page.QuerySelector("#card-trainees")!.TextContent.Trim(), page.QuerySelector("#card-trainee-share")!.TextContent.Trim(),
            page.QuerySelector("#card-certificates")!.TextContent.Trim()));
        foreach (var chart in new[] { "chart-trainees", "chart-classes", "chart-trend-trainees", "chart-trend-classes", "chart-units", "chart-grades", "chart-certificates" })
        {
            var svg = page.QuerySelector($"svg#{chart}");
            Assert.True(svg is not null, $"No chart {chart}");
            Assert.Equal("img", svg!.GetAttribute("role"));
            Assert.False(string.IsNullOrWhiteSpace(svg.QuerySelector("title")!.TextContent));
        }

        // The trainee bars: plan 12 and 4, actual 5, 4 and 2 (NQ has no plan: no bar).
        Assert.Equal(["Kế hoạch: 12", "Thực hiện: 5", "Kế hoạch: 4", "Thực hiện: 4", "Thực hiện: 2"],
            page.QuerySelectorAll("svg#chart-trainees rect title").Select(t => t.TextContent));
        Assert.Equal(["2020", "2021", "2022", "2023", "2024"], page.QuerySelectorAll("#dashboard-trend tbody tr").Select(r => r.GetAttribute("data-year")));
        Assert.Equal("11", page.QuerySelector("#dashboard-trend tr[data-year='2024'] .trainees")!.TextContent.Trim());
        Assert.Equal(["Chi bộ thôn Phú Hiệp", "Xã Cát Tài", "Xã Hội Sơn", "(Không rõ đơn vị)"], page.QuerySelectorAll("#dashboard-units tbody td:first-child").Select(td => td.TextContent.Trim()));
        Assert.Equal("11", page.QuerySelector("#dashboard-units-total .trainees")!.TextContent.Trim());
        Assert.Contains("(Không rõ đơn vị)", page.QuerySelector("svg#chart-units")!.TextContent);
        Assert.Equal("/Reports/Summary?year=2024", page.QuerySelector("#summary-link")!.GetAttribute("href"));

        var half = await official.GetDocumentAsync("/Dashboard?year=2024&half=1");
        Assert.Equal("Tổng quan 6 tháng đầu năm 2024", half.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("7", half.QuerySelector("#card-trainees")!.TextContent.Trim());

        var index = await official.GetDocumentAsync("/Reports");
        Assert.Equal("/Dashboard", index.QuerySelector("#report-links a")!.GetAttribute("href"));
    }

    /// <summary>Sets the portal up, seeds <see cref="ReportWorld"/> and signs in a user of its centre A.</summary>
    private static async Task<(ReportWorld World, HttpClient Client)> WorldAsync(PortalFactory factory, string userName, string role, Func<ReportWorld, int>? unit = null)
    {
        await factory.CreateUserAsync("admin", Roles.Administrator);
        var world = await ReportWorld.SeedAsync(factory.Database);
        var user = await factory.CreateUserAsync(userName, role, unitId: unit?.Invoke(world));
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var saved = (await users.FindByIdAsync(user.Id))!;
            saved.CentreId = world.CentreA;
            Assert.True((await users.UpdateAsync(saved)).Succeeded);
        }

        return (world, await factory.SignInAsync(userName));
    }

    private static async Task<(XlsxTestReader Sheet, string FileName)> DownloadAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document)); // opens cleanly
        }

        return (XlsxTestReader.Open(bytes), response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!);
    }

    private static List<string[]> Rows(IHtmlDocument page, string selector) =>
        [.. page.QuerySelectorAll(selector).Select(Cells)];

    private static string[] Cells(AngleSharp.Dom.IElement row) =>
        [.. row.QuerySelectorAll("td").Select(td => Squash(td.TextContent))];

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A number as the page writes it ("2.533"), or null for "—".</summary>
    private static double? Parse(string shown) => shown == "—" ? null : int.Parse(shown, NumberStyles.AllowThousands, Vietnamese);

    /// <summary>A ratio from the workbook written as the page writes it.</summary>
    private static string Percent(double? ratio) => Core.Reports.ReportFormat.Percent(ratio);

    private static async Task<T> WithDbAsync<T>(PortalFactory factory, Func<AppDbContext, Task<T>> work)
    {
        using var scope = factory.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
