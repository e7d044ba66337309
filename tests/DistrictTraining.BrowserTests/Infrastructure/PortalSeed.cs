using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.BrowserTests.Infrastructure;

/// <summary>What most browser tests start from: a set-up portal with one centre-staff account.</summary>
public static class PortalSeed
{
    public const string StaffUserName = "giaovu";

    /// <summary>Runs the first-run setup through the service and adds the staff account; returns the centre's id.</summary>
    public static async Task<int> CentreWithStaffAsync(PortalApp portal, string staffPassword)
    {
        using var scope = portal.Services.CreateScope();
        var services = scope.ServiceProvider;
        var errors = await services.GetRequiredService<SetupService>()
            .CompleteAsync(new SetupRequest("Trung tâm Chính trị Phù Cát", "quantri", "Nguyễn Văn Quản", "Dt-Trungtam#2026"));
        Assert.Empty(errors);

        var db = services.GetRequiredService<AppDbContext>();
        var centreId = await db.TrainingCentres.Select(c => c.Id).SingleAsync();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var staff = new AppUser { UserName = StaffUserName, FullName = "Lê Thị Mai", CentreId = centreId, CreatedAt = DateTime.UtcNow, LockoutEnabled = true };
        Assert.True((await users.CreateAsync(staff, staffPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(staff, Roles.CentreStaff)).Succeeded);
        return centreId;
    }

    /// <summary>Signs in through the login page.</summary>
    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#UserName", userName);
        await page.FillAsync("#Password", password);
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !PageChecks.IsPath(url, "/Account/Login"));
    }
}
