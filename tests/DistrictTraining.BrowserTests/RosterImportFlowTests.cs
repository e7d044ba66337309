using System.Text.RegularExpressions;
using DistrictTraining.BrowserTests.Infrastructure;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Excel;
using DistrictTraining.Core.Organisation;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace DistrictTraining.BrowserTests;

/// <summary>
/// Issue 11's import as a clerk does it: a commune list whose "Đơn vị" column holds position and unit and whose
/// dates are partly wrong; one bad-date row taken with its date left empty, the other left; the rows to fix downloaded.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class RosterImportFlowTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private const string Password = "Dt-Nhapds#2026";

    private static byte[] CommuneList()
    {
        using var file = XlsxReportWriter.Create(
            new ExcelReport
            {
                SheetName = "DS",
                IssuingBody = ["ĐẢNG ỦY XÃ CÁT HANH", "CHI BỘ THÔN AN QUANG"],
                Title = "DANH SÁCH HỌC VIÊN ĐĂNG KÝ HỌC LỚP BỒI DƯỠNG",
                Columns = [new("STT", 6), new("Họ và tên", 24), new("Ngày sinh", 12), new("Giới tính", 8), new("Đơn vị", 36)],
            },
            [
                ["1", "Nguyễn Văn An", "05/03/1990", "Nam", "Dân quân thường trực, xã Cát Hanh"],
                ["2", "Trần Thị Bình", "12/07/1985", "Nữ", "Hội viên Hội Phụ nữ, xã Cát Hanh"],
                ["3", "Lê Văn Cường", "31/02/1978", "Nam", "Trưởng thôn, xã Cát Hanh"],
                ["4", "Phạm Thị Dung", "30/02/1992", "Nữ", "Bí thư Chi đoàn, xã Cát Hanh"],
            ]);
        using var copy = new MemoryStream();
        file.Stream.Position = 0;
        file.Stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task Staff_import_a_list_with_position_and_unit_in_one_column_take_one_bad_date_row_and_download_the_other_to_fix()
    {
        await using var portal = new PortalApp().Start();
        await PortalSeed.CentreWithStaffAsync(portal, Password);
        using (var scope = portal.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.OrganisationUnits.Add(new OrganisationUnit { Name = "Xã Cát Hanh", Kind = UnitKind.Commune });
            await db.SaveChangesAsync();
        }

        var year = DistrictTraining.Core.Common.VietnamTime.DateOfUtc(DateTime.UtcNow).Year;
        await RunAsync(portal, async page =>
        {
            await PortalSeed.SignInAsync(page, PortalSeed.StaffUserName, Password);
            await page.GotoAsync("/Classes/Create");
            await page.FillAsync("#StartDate", $"{year}-11-02");
            await page.FillAsync("#EndDate", $"{year}-11-06");
            await page.Locator("#class-form button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(DetailsUrl());
            await page.Locator("#roster-page").ClickAsync();
            await page.WaitForURLAsync(RosterUrl());
            await page.GetByRole(AriaRole.Link, new() { Name = "Nhập từ Excel" }).ClickAsync();

            await page.Locator("#file").SetInputFilesAsync(new FilePayload
            {
                Name = "danh-sach-cat-hanh.xlsx", MimeType = XlsxReportWriter.ContentType, Buffer = CommuneList(),
            });
            await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và xem trước" }).ClickAsync();

            // The preview: the list's own STT beside the sheet row, position split from unit, the unit proposed from the title.
            var rows = page.Locator("#preview tbody tr");
            await Expect(rows).ToHaveCountAsync(4);
            await Expect(rows.Nth(0).Locator(".stt")).ToHaveTextAsync("1");
            await Expect(rows.Nth(0).Locator(".sheet-row")).Not.ToHaveTextAsync("1");
            await Expect(rows.Nth(0).Locator(".position")).ToHaveTextAsync("Dân quân thường trực");
            await Expect(rows.Nth(0).Locator(".unit")).ToHaveTextAsync("xã Cát Hanh");
            await Expect(page.Locator("#unknown-units")).ToHaveCountAsync(0);
            await Expect(page.Locator("#file-unit-proposed")).ToContainTextAsync("Xã Cát Hanh");
            await Expect(page.Locator("#import-summary [data-kind=error]")).ToHaveTextAsync("2");
            await Expect(rows.Nth(2)).ToContainTextAsync("Ngày sinh");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("RosterImportFlow.preview", "png"), FullPage = true });

            // Cường is taken with his date left empty; Dung is left to be fixed.
            await rows.Nth(2).Locator("input[name=takeWithoutDates]").CheckAsync();
            await Expect(rows.Nth(3).Locator("input[name=takeWithoutDates]")).Not.ToBeCheckedAsync();
            await Expect(page.Locator("#confirm-progress")).ToBeHiddenAsync();

            // While the confirmation is on its way, the page says what it is saving and the buttons are disabled. (The first
            // submission is held back in the page, after the page's own handler has run, so that there is time to look.)
            await page.EvaluateAsync("() => { window.holdSubmit = true; window.addEventListener('submit', e => { if (window.holdSubmit) e.preventDefault(); }); }");
            await page.Locator("#confirm").ClickAsync();
            await Expect(page.Locator("#confirm-progress")).ToBeVisibleAsync();
            await Expect(page.Locator("#confirm-progress")).ToContainTextAsync("Đang lưu 3 dòng vào danh sách lớp… Vui lòng không đóng");
            await Expect(page.Locator("#confirm")).ToBeDisabledAsync();
            await Expect(page.Locator("#cancel")).ToBeDisabledAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("RosterImportFlow.saving", "png") });
            await page.EvaluateAsync("() => { window.holdSubmit = false; document.getElementById('confirm').disabled = false; }");
            await page.Locator("#confirm").ClickAsync();

            await page.WaitForURLAsync(SkippedUrl());
            var skipped = page.Locator("#skipped tbody tr");
            await Expect(skipped).ToHaveCountAsync(1);
            await Expect(skipped.Nth(0)).ToContainTextAsync("Phạm Thị Dung");
            await Expect(skipped.Nth(0)).ToContainTextAsync("Ngày sinh");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("RosterImportFlow.skipped", "png") });

            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#rows-to-fix").ClickAsync());
            Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
            var sheet = ReadSheet(await download.PathAsync());
            var header = sheet.FindIndex(r => r.FirstOrDefault() == "STT");
            Assert.True(header >= 0, "The rows to fix have the list's header row.");
            Assert.Equal(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Lý do cần sửa"], sheet[header].Take(6));
            Assert.Equal(["4", "Phạm Thị Dung", "30/02/1992", "Nữ", "Bí thư Chi đoàn, xã Cát Hanh"], sheet[header + 1].Take(5));
            Assert.Contains("Ngày sinh", sheet[header + 1][5], StringComparison.Ordinal);
            Assert.Equal(header + 2, sheet.Count);

            await page.Locator("main a", new() { HasTextString = "Về danh sách học viên" }).ClickAsync();
            await page.WaitForURLAsync(RosterUrl());
            var names = await page.Locator("#roster tbody .trainee-name").AllInnerTextsAsync();
            Assert.Equal(["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"], names.Select(n => n.Trim()));
        });
    }

    private static List<List<string>> ReadSheet(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var part = document.WorkbookPart!.WorksheetParts.Single();
        return part.Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.CellFormula is null ? c.InnerText : "FORMULA").ToList())
            .Where(r => r.Any(c => c.Length > 0))
            .ToList();
    }

    [GeneratedRegex(@"/Classes/Details/\d+")]
    private static partial Regex DetailsUrl();

    [GeneratedRegex(@"/Roster/Index/\d+")]
    private static partial Regex RosterUrl();

    [GeneratedRegex(@"/RosterImport/Skipped/\d+\?token=[0-9a-f]{32}")]
    private static partial Regex SkippedUrl();
}
