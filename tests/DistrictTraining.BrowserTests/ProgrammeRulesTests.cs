using DistrictTraining.BrowserTests.Infrastructure;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace DistrictTraining.BrowserTests;

/// <summary>An administrator changes a programme's pass score and one grade band in the browser and finds them saved.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProgrammeRulesTests(BrowserFixture browser, SharedPortal portal, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private const string UserName = "quantri-chuongtrinh";
    private const string Password = "Dt-Programme#2026";

    [Fact]
    public async Task An_administrator_edits_the_pass_score_and_a_grade_band_and_sees_them_saved()
    {
        await EnsureAdministratorAsync(portal.App);

        await RunAsync(portal.App, async page =>
        {
            await page.GotoAsync("/Account/Login");
            await page.FillAsync("#UserName", UserName);
            await page.FillAsync("#Password", Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(url => !PageChecks.IsPath(url, "/Account/Login"));

            await page.GotoAsync("/Programmes");
            await page.Locator("tr[data-code=NTD]").GetByRole(AriaRole.Link, new() { Name = "Bồi dưỡng nhận thức về Đảng" }).ClickAsync();
            await Expect(page.Locator("#PassScore")).ToHaveValueAsync("5,0");

            // Typed the Vietnamese way, with a comma.
            await page.FillAsync("#PassScore", "5,5");
            var good = page.Locator("#grade-bands tbody tr").Filter(new() { Has = page.Locator("input[value='Khá']") });
            await good.Locator("input[name$='.MinScore']").FillAsync("6,5");
            await good.Locator("input[name$='.Name']").FillAsync("Khá giỏi");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();

            await page.WaitForURLAsync(url => PageChecks.IsPath(url, "/Programmes"));
            await Expect(page.Locator("[role=status]")).ToContainTextAsync("Đã lưu quy định của chương trình Bồi dưỡng nhận thức về Đảng");
            var row = page.Locator("tr[data-code=NTD]");
            await Expect(row.Locator(".pass-score")).ToHaveTextAsync("5,5");
            await Expect(row.Locator(".grade-bands")).ToContainTextAsync("Khá giỏi từ 6,5");

            await row.GetByRole(AriaRole.Link).ClickAsync();
            await Expect(page.Locator("#PassScore")).ToHaveValueAsync("5,5");
            await Expect(page.Locator("#GradeBands_1__MinScore")).ToHaveValueAsync("6,5");
            await Expect(page.Locator("#GradeBands_1__Name")).ToHaveValueAsync("Khá giỏi");
        });

        // And in the database, not only on the page.
        using var scope = portal.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var programme = await db.Programmes.Include(p => p.GradeBands).SingleAsync(p => p.Code == "NTD");
        Assert.Equal(5.5m, programme.PassScore);
        Assert.Contains(programme.GradeBands, b => b.MinScore == 6.5m && b.Name == "Khá giỏi");
    }

    /// <summary>The shared portal may or may not be set up by an earlier test; either way this test gets its own administrator.</summary>
    private static async Task EnsureAdministratorAsync(PortalApp app)
    {
        using var scope = app.Services.CreateScope();
        var setup = scope.ServiceProvider.GetRequiredService<SetupService>();
        if (await setup.IsRequiredAsync())
        {
            var errors = await setup.CompleteAsync(new SetupRequest("Trung tâm Chính trị Thử nghiệm", "quantri-dau", "Quản trị Đầu", Password));
            Assert.Empty(errors);
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(UserName) is not null)
        {
            return;
        }

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = new AppUser
        {
            UserName = UserName, FullName = "Quản trị Chương trình", CentreId = (await db.TrainingCentres.FirstAsync()).Id,
            CreatedAt = DateTime.UtcNow, LockoutEnabled = true,
        };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Administrator)).Succeeded);
    }
}
