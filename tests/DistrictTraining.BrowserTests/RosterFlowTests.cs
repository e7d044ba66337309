using System.Text.RegularExpressions;
using DistrictTraining.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace DistrictTraining.BrowserTests;

/// <summary>
/// Issue 3's main flow as centre staff do it: create a class, import the commune's list, confirm the
/// preview, see the 25 trainees in Vietnamese order, add one more by hand with the keyboard, and find
/// them again by typing their name without diacritics.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class RosterFlowTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private const string Password = "Dt-Lophoc#2026";

    [Fact]
    public async Task Staff_import_a_commune_list_then_add_and_find_one_more_by_hand()
    {
        await using var portal = new PortalApp().Start();
        await PortalSeed.CentreWithStaffAsync(portal, Password);
        var year = DistrictTraining.Core.Common.VietnamTime.DateOfUtc(DateTime.UtcNow).Year;

        await RunAsync(portal, async page =>
        {
            await PortalSeed.SignInAsync(page, PortalSeed.StaffUserName, Password);

            // 1. Create a class.
            await page.GotoAsync("/Classes/Create");
            await page.FillAsync("#StartDate", $"{year}-11-02");
            await page.FillAsync("#EndDate", $"{year}-11-06");
            await page.Locator("#class-form button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(DetailsUrl());
            await page.Locator("#roster-page").ClickAsync();
            await page.WaitForURLAsync(RosterUrl());

            // 2–3. Import the commune's list and confirm the preview.
            await page.GetByRole(AriaRole.Link, new() { Name = "Nhập từ Excel" }).ClickAsync();

            // A file that is not a workbook is refused with a Vietnamese message, and nothing is written.
            await page.Locator("#file").SetInputFilesAsync(new FilePayload
            {
                Name = "danh-sach.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                Buffer = "STT;Họ và tên;Ngày sinh\n1;Nguyễn Văn An;01/01/1990"u8.ToArray(),
            });
            await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và xem trước" }).ClickAsync();
            await Expect(page.Locator(".validation-summary-errors")).ToContainTextAsync(".xlsx");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("RosterFlow.refused", "png") });

            await page.Locator("#file").SetInputFilesAsync(SamplePath("danh-sach-hoc-vien-cat-hanh.xlsx"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và xem trước" }).ClickAsync();
            await Expect(page.Locator("#preview tbody tr")).ToHaveCountAsync(25);
            await Expect(page.Locator("#import-summary [data-kind=new]")).ToHaveTextAsync("25");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("RosterFlow.preview", "png"), FullPage = false });
            await page.Locator("#confirm").ClickAsync();

            // 4. The 25 trainees, in Vietnamese order: An < Ánh < Ân < Bình …
            await page.WaitForURLAsync(RosterUrl());
            var names = page.Locator("#roster tbody .trainee-name");
            await Expect(names).ToHaveCountAsync(25);
            var all = await names.AllInnerTextsAsync();
            Assert.Equal(["Hoàng Đức An", "Huỳnh Ngọc Ánh", "Phan Thị Ân", "Dương Ngọc Bình"], all.Take(4).Select(n => n.Trim()));
            await Expect(page.Locator("#size-warning")).ToHaveCountAsync(0);

            // 5. One more by hand, keyboard only: type, Enter opens the new-person form, fill, Enter saves.
            var search = page.Locator("#roster-search");
            await search.FocusAsync();
            await page.Keyboard.TypeAsync("Đặng Thị Thu Trang");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("#add-new")).ToBeVisibleAsync();
            await Expect(page.Locator("#NewTrainee_FamilyName")).ToHaveValueAsync("Đặng");
            await Expect(page.Locator("#NewTrainee_MiddleName")).ToHaveValueAsync("Thị Thu");
            await Expect(page.Locator("#NewTrainee_GivenName")).ToHaveValueAsync("Trang");
            await page.Keyboard.PressAsync("ArrowDown"); // the sex select has focus: Nam
            await page.Keyboard.PressAsync("ArrowDown"); // Nữ
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.TypeAsync("12/05/1995");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(RosterUrl());
            await Expect(page.Locator("#roster tbody .trainee-name")).ToHaveCountAsync(26);
            await Expect(page.Locator("#roster tbody tr", new() { HasText = "Đặng Thị Thu Trang" })).ToContainTextAsync("12/05/1995");
            await Expect(page.Locator("#roster tbody tr", new() { HasText = "Đặng Thị Thu Trang" })).ToContainTextAsync("Nữ");
            await Expect(page.Locator("#roster-search")).ToBeFocusedAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("RosterFlow.roster", "png"), FullPage = false });

            // 6. Find them again by typing the name without diacritics, in the registry and in the roster's search box.
            await page.GotoAsync("/Trainees?q=dang+thi+thu+trang");
            await Expect(page.Locator("main")).ToContainTextAsync("Đặng Thị Thu Trang");
            await page.GoBackAsync();
            await page.Locator("#roster-search").FillAsync("dang thi thu");
            var option = page.Locator("#roster-results li", new() { HasText = "Đặng Thị Thu Trang" });
            await Expect(option).ToContainTextAsync("đã có trong lớp");

            // 7. The table is one form: a role takes effect when chosen, Enter in a reason withdraws that line only.
            await page.Locator("#roster-search").FillAsync("");
            var line = page.Locator("#roster tbody tr", new() { HasText = "Đặng Thị Thu Trang" });
            await line.Locator("select").SelectOptionAsync(new SelectOptionValue { Label = "Lớp trưởng" });
            await Expect(page.Locator("main .alert-success")).ToContainTextAsync("Đã cập nhật nhiệm vụ trong lớp.");
            await Expect(page.Locator("#roster tbody tr", new() { HasText = "Đặng Thị Thu Trang" }).Locator("select option:checked")).ToHaveTextAsync("Lớp trưởng");
            await Expect(page.Locator("#roster select option:checked", new() { HasText = "Lớp trưởng" })).ToHaveCountAsync(1);
            var reason = page.Locator("#roster tbody tr", new() { HasText = "Đặng Thị Thu Trang" }).Locator("input[name^='reason.']");
            await reason.FillAsync("Chuyển công tác");
            await reason.PressAsync("Enter");
            await Expect(page.Locator("#withdrawn")).ToContainTextAsync("Đặng Thị Thu Trang");
            await Expect(page.Locator("#withdrawn")).ToContainTextAsync("Chuyển công tác");
            await Expect(page.Locator("#roster tbody .trainee-name")).ToHaveCountAsync(25);
        });
    }

    private static string SamplePath(string fileName)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DistrictTraining.sln")))
        {
            dir = dir.Parent;
        }

        for (var parent = dir?.Parent; parent is not null; parent = parent.Parent)
        {
            var candidate = Path.Combine(parent.FullName, "shared", "samples", fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"../shared/samples/{fileName} not found");
    }

    [GeneratedRegex(@"/Classes/Details/\d+")]
    private static partial Regex DetailsUrl();

    [GeneratedRegex(@"/Roster/Index/\d+")]
    private static partial Regex RosterUrl();
}
