using DistrictTraining.BrowserTests.Infrastructure;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace DistrictTraining.BrowserTests;

/// <summary>A member of staff adds a person to the registry, then finds them by typing their name without diacritics.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TraineeRegistryTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private const string UserName = "giaovu";
    private const string Password = "Dt-Trainee#2026";

    [Fact]
    public async Task Staff_create_a_trainee_then_find_them_typing_without_diacritics_and_open_their_page()
    {
        // A portal of its own, so the search sees exactly one Đặng Thị Ánh.
        await using var portal = new PortalApp().Start();
        await CreateStaffAsync(portal);

        await RunAsync(portal, async page =>
        {
            await page.GotoAsync("/Account/Login");
            await page.FillAsync("#UserName", UserName);
            await page.FillAsync("#Password", Password);
            await page.Locator("form").Filter(new() { Has = page.Locator("#UserName") }).Locator("button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(url => !PageChecks.IsPath(url, "/Account/Login"));

            await page.GotoAsync("/Trainees/Create");
            await page.FillAsync("#FamilyName", "Đặng");
            await page.FillAsync("#MiddleName", "Thị");
            await page.FillAsync("#GivenName", "Ánh");
            await page.SelectOptionAsync("#Sex", "Female");
            await page.FillAsync("#Birth", "12/03/1990");

            // The CCCD of a man born in 1990 next to "Nữ": warned at once, in the page, without saving.
            await page.FillAsync("#Cccd", "052090001234");
            await Expect(page.Locator("#identity-warnings")).ToContainTextAsync("CCCD cho biết giới tính Nam, nhưng giới tính đã nhập là Nữ.");
            await page.FillAsync("#Cccd", "052 190 001 234");
            await Expect(page.Locator("#identity-warnings")).ToBeHiddenAsync();

            await page.Locator("#trainee-form button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(url => PageChecks.PathOf(url).StartsWith("/Trainees/Details/", StringComparison.Ordinal));
            await Expect(page.Locator("body")).ToContainTextAsync("Đã thêm học viên Đặng Thị Ánh.");

            await page.GotoAsync("/Trainees");
            await page.FillAsync("#q", "dang thi anh");
            await page.PressAsync("#q", "Enter");
            var result = page.Locator("#trainee-results a", new() { HasText = "Đặng Thị Ánh" });
            await Expect(result).ToHaveCountAsync(1);
            await Expect(page.Locator("#trainee-results")).ToContainTextAsync("052190001234");
            await result.ClickAsync();

            await Expect(page.Locator("#trainee-name")).ToHaveTextAsync("Đặng Thị Ánh");
            await Expect(page.Locator("#trainee-fields")).ToContainTextAsync("12/03/1990");
            await Expect(page.Locator("#trainee-history")).ToContainTextAsync("Tạo hồ sơ");
        });
    }

    private static async Task CreateStaffAsync(PortalApp portal)
    {
        using var scope = portal.Services.CreateScope();
        var setup = scope.ServiceProvider.GetRequiredService<SetupService>();
        Assert.Empty(await setup.CompleteAsync(new SetupRequest("Trung tâm Chính trị Thử", "quantri", "Quản Trị Viên", Password)));
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = UserName, FullName = "Trần Thị Giáo Vụ", CentreId = db.TrainingCentres.First().Id, CreatedAt = DateTime.UtcNow, LockoutEnabled = true,
        };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.CentreStaff)).Succeeded);
    }
}
