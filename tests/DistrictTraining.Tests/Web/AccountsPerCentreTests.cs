using System.Net;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.Tests.Web;

/// <summary>ADR-010: a centre administrator manages only their centre's accounts; the province administrator every centre's.</summary>
public class AccountsPerCentreTests
{
    /// <summary>
    /// Two centres: A (set up with "admin", the province administrator, and "canbo.a", staff) and B (with "qt.b", its
    /// administrator, "canbo.b", staff, and "tinh.b", a province administrator who works at centre B).
    /// </summary>
    private sealed record Portal(TestDatabase Database, PortalFactory Factory, int CentreA, int CentreB, AppUser StaffA, AppUser StaffB, AppUser ProvinceAtB);

    private static async Task<Portal> TwoCentresAsync(TestDatabase database)
    {
        var factory = new PortalFactory(database);
        await factory.CreateUserAsync("admin", Roles.Administrator);
        var staffA = await factory.CreateUserAsync("canbo.a", Roles.CentreStaff);
        int centreA, centreB;
        await using (var db = database.CreateContext())
        {
            centreA = await db.TrainingCentres.Select(c => c.Id).SingleAsync();
            var b = new TrainingCentre { Name = "Trung tâm Chính trị Huyện B" };
            db.TrainingCentres.Add(b);
            await db.SaveChangesAsync();
            centreB = b.Id;
        }

        await CreateAsync(factory, "qt.b", centreB, Roles.Administrator);
        var staffB = await CreateAsync(factory, "canbo.b", centreB, Roles.CentreStaff);
        var provinceAtB = await CreateAsync(factory, "tinh.b", centreB, Roles.Administrator, Roles.ProvinceAdministrator);
        return new Portal(database, factory, centreA, centreB, staffA, staffB, provinceAtB);
    }

    private static async Task<AppUser> CreateAsync(PortalFactory factory, string userName, int centreId, params string[] roles)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, FullName = "Người dùng " + userName, CentreId = centreId, CreatedAt = DateTime.UtcNow, LockoutEnabled = true };
        Assert.True((await users.CreateAsync(user, TestPassword.Default)).Succeeded);
        Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        return user;
    }

    private static async Task<(AppUser User, string[] Roles)> ReadAsync(TestDatabase database, string userName)
    {
        await using var db = database.CreateContext();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name!).ToArrayAsync();
        return (user, roles.Order(StringComparer.Ordinal).ToArray());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_centre_administrator_cannot_reach_another_centres_accounts_by_list_url_or_forged_post(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var portal = await TwoCentresAsync(database);
        await using var factory = portal.Factory;
        await using (var db = database.CreateContext())
        {
            var locked = await db.Users.SingleAsync(u => u.UserName == "canbo.a");
            locked.LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(10);
            locked.AccessFailedCount = 5;
            await db.SaveChangesAsync();
        }

        var before = await ReadAsync(database, "canbo.a");
        var centreAdmin = await factory.SignInAsync("qt.b");

        // The list: centre B's accounts only; the province administrator at B is shown as such, without actions.
        var list = await centreAdmin.GetDocumentAsync("/Users");
        var listed = list.QuerySelectorAll("tbody tr").Select(r => r.GetAttribute("data-user")!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["canbo.b", "qt.b", "tinh.b"], listed);
        var provinceRow = list.QuerySelector("tr[data-user='tinh.b']")!;
        Assert.Contains("Quản trị toàn tỉnh", provinceRow.TextContent);
        Assert.Empty(provinceRow.QuerySelectorAll("form, a"));
        Assert.Contains("trung tâm mình", list.QuerySelector("#scope-note")!.TextContent);

        // By URL: another centre's account, or a province administrator's, does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await centreAdmin.GetAsync($"/Users/Edit/{portal.StaffA.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await centreAdmin.GetAsync($"/Users/Edit/{portal.ProvinceAtB.Id}")).StatusCode);

        // The form offers neither the province role nor another centre.
        var form = await centreAdmin.GetDocumentAsync("/Users/Create");
        Assert.Null(form.QuerySelector("input[type=checkbox][name=IsProvinceAdministrator]"));
        Assert.DoesNotContain(form.QuerySelectorAll("select[name=Role] option"), o => o.GetAttribute("value") == Roles.ProvinceAdministrator);

        async Task<string> SaveAsync(Dictionary<string, string> fields)
        {
            var response = await centreAdmin.SubmitFormAsync("/Users/Create", fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        // Forged posts on another centre's account: reset its password, change its role, move it.
        Assert.Contains(AccountService.NotFound, await SaveAsync(new()
        {
            ["Id"] = portal.StaffA.Id, ["UserName"] = "canbo.a", ["FullName"] = "Người dùng canbo.a", ["Role"] = Roles.CentreStaff,
            ["Password"] = "Chiem-2026#quyen",
        }));
        Assert.Contains(AccountService.NotFound, await SaveAsync(new()
        {
            ["Id"] = portal.StaffA.Id, ["UserName"] = "canbo.a", ["FullName"] = "Người dùng canbo.a", ["Role"] = Roles.Administrator,
            ["CentreId"] = portal.CentreB.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        Assert.Contains(AccountService.NotFound, await SaveAsync(new()
        {
            ["Id"] = portal.ProvinceAtB.Id, ["UserName"] = "tinh.b", ["FullName"] = "Người dùng tinh.b", ["Role"] = Roles.Administrator,
            ["IsProvinceAdministrator"] = "true", ["Password"] = "Chiem-2026#quyen",
        }));

        // Create into another centre, or at province level.
        Assert.Contains(AccountService.OtherCentre, await SaveAsync(new()
        {
            ["UserName"] = "moi.a", ["FullName"] = "Người Mới", ["Role"] = Roles.CentreStaff, ["Password"] = TestPassword.Default,
            ["CentreId"] = portal.CentreA.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        Assert.Contains(AccountService.OtherCentre, await SaveAsync(new()
        {
            ["Id"] = portal.StaffB.Id, ["UserName"] = "canbo.b", ["FullName"] = "Người dùng canbo.b", ["Role"] = Roles.CentreStaff,
            ["CentreId"] = portal.CentreA.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));

        // Link their staff to another centre's lecturer record (the form does not offer it).
        int lecturerA;
        await using (var db = database.CreateContext())
        {
            lecturerA = (await ClassTestData.LecturerAsync(db, portal.CentreA, "Phạm", "Hùng", null)).Id;
        }

        Assert.Contains("thuộc trung tâm khác", await SaveAsync(new()
        {
            ["Id"] = portal.StaffB.Id, ["UserName"] = "canbo.b", ["FullName"] = "Người dùng canbo.b", ["Role"] = Roles.Lecturer,
            ["LecturerId"] = lecturerA.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        Assert.DoesNotContain((await centreAdmin.GetDocumentAsync($"/Users/Edit/{portal.StaffB.Id}")).QuerySelectorAll("select[name=LecturerId] option"),
            o => o.GetAttribute("value") == lecturerA.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Grant the province role: to a new account, to one of their own centre's, or to themselves.
        Assert.Contains(AccountService.ProvinceOnly, await SaveAsync(new()
        {
            ["UserName"] = "tinh.moi", ["FullName"] = "Người Mới", ["Role"] = Roles.Administrator, ["Password"] = TestPassword.Default, ["IsProvinceAdministrator"] = "true",
        }));
        Assert.Contains(AccountService.ProvinceOnly, await SaveAsync(new()
        {
            ["Id"] = portal.StaffB.Id, ["UserName"] = "canbo.b", ["FullName"] = "Người dùng canbo.b", ["Role"] = Roles.Administrator, ["IsProvinceAdministrator"] = "true",
        }));
        var self = await ReadAsync(database, "qt.b");
        Assert.Contains(AccountService.ProvinceOnly, await SaveAsync(new()
        {
            ["Id"] = self.User.Id, ["UserName"] = "qt.b", ["FullName"] = "Người dùng qt.b", ["Role"] = Roles.Administrator, ["IsProvinceAdministrator"] = "true",
        }));

        // Disable and unlock another centre's account (and a province administrator's at their own centre).
        var token = list.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var (action, id) in new[] { ("SetDisabled", portal.StaffA.Id), ("Unlock", portal.StaffA.Id), ("SetDisabled", portal.ProvinceAtB.Id) })
        {
            var fields = new Dictionary<string, string> { ["id"] = id, ["disabled"] = "true", ["__RequestVerificationToken"] = token };
            var response = await centreAdmin.PostAsync($"/Users/{action}", new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var next = await centreAdmin.GetDocumentAsync("/Users");
            Assert.Contains(AccountService.NotFound, next.Body!.TextContent);
        }


        // Nothing changed: no account created, nobody moved, promoted, disabled, unlocked or given a new password.
        var now = await ReadAsync(database, "canbo.a");
        Assert.Equal(before.User.PasswordHash, now.User.PasswordHash);
        Assert.Equal(before.User.SecurityStamp, now.User.SecurityStamp);
        Assert.Equal([Roles.CentreStaff], now.Roles);
        Assert.Equal(portal.CentreA, now.User.CentreId);
        Assert.False(now.User.IsDisabled);
        Assert.Equal(5, now.User.AccessFailedCount);
        Assert.False((await ReadAsync(database, "tinh.b")).User.IsDisabled);
        Assert.Equal([Roles.Administrator, Roles.ProvinceAdministrator], (await ReadAsync(database, "tinh.b")).Roles);
        Assert.Equal([Roles.CentreStaff], (await ReadAsync(database, "canbo.b")).Roles);
        await using (var db = database.CreateContext())
        {
            Assert.Null(await db.Lecturers.Where(l => l.Id == lecturerA).Select(l => l.UserId).SingleAsync());
        }

        Assert.Equal(portal.CentreB, (await ReadAsync(database, "canbo.b")).User.CentreId);
        Assert.Equal([Roles.Administrator], (await ReadAsync(database, "qt.b")).Roles);
        await using (var db = database.CreateContext())
        {
            Assert.False(await db.Users.AnyAsync(u => u.UserName == "moi.a" || u.UserName == "tinh.moi"));
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_centre_administrator_manages_their_own_centres_accounts(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var portal = await TwoCentresAsync(database);
        await using var factory = portal.Factory;
        var centreAdmin = await factory.SignInAsync("qt.b");

        // A new account lands in their centre without choosing it.
        var created = await centreAdmin.SubmitFormAsync("/Users/Create", new Dictionary<string, string>
        {
            ["UserName"] = "giaovu.b", ["FullName"] = "Trần Thị Mai", ["Role"] = Roles.CentreStaff, ["Password"] = TestPassword.Default,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(portal.CentreB, (await ReadAsync(database, "giaovu.b")).User.CentreId);

        var edit = await centreAdmin.GetDocumentAsync($"/Users/Edit/{portal.StaffB.Id}");
        var reset = await centreAdmin.PostFormAsync(edit, "main form", new Dictionary<string, string>
        {
            ["Role"] = Roles.Lecturer, ["Password"] = "Moi-2026#dtbd",
        }, $"/Users/Edit/{portal.StaffB.Id}");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal([Roles.Lecturer], (await ReadAsync(database, "canbo.b")).Roles);
        await factory.SignInAsync("canbo.b", "Moi-2026#dtbd");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_province_administrator_manages_every_centres_accounts_and_grants_the_role(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var portal = await TwoCentresAsync(database);
        await using var factory = portal.Factory;
        var province = await factory.SignInAsync("admin");
        var b = portal.CentreB.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var list = await province.GetDocumentAsync("/Users");
        Assert.Equal(5, list.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("Quản trị toàn tỉnh", list.QuerySelector("tr[data-user='admin']")!.TextContent);
        Assert.DoesNotContain("Quản trị toàn tỉnh", list.QuerySelector("tr[data-user='qt.b']")!.TextContent);
        Assert.Contains("mọi trung tâm", list.QuerySelector("#scope-note")!.TextContent);

        // Reset a password at centre B, move centre A's staff to B as a lecturer, create an account at B.
        var edit = await province.GetDocumentAsync($"/Users/Edit/{portal.StaffB.Id}");
        Assert.NotNull(edit.QuerySelector("input[type=checkbox][name=IsProvinceAdministrator]"));
        Assert.Equal(HttpStatusCode.Redirect, (await province.PostFormAsync(edit, "main form", new Dictionary<string, string>
        {
            ["Role"] = Roles.CentreStaff, ["CentreId"] = b, ["Password"] = "Moi-2026#dtbd",
        }, "/Users/Edit")).StatusCode);
        await factory.SignInAsync("canbo.b", "Moi-2026#dtbd");

        var moved = await province.GetDocumentAsync($"/Users/Edit/{portal.StaffA.Id}");
        Assert.Equal(HttpStatusCode.Redirect, (await province.PostFormAsync(moved, "main form", new Dictionary<string, string>
        {
            ["Role"] = Roles.Lecturer, ["CentreId"] = b,
        }, "/Users/Edit")).StatusCode);
        var staffA = await ReadAsync(database, "canbo.a");
        Assert.Equal(portal.CentreB, staffA.User.CentreId);
        Assert.Equal([Roles.Lecturer], staffA.Roles);

        Assert.Equal(HttpStatusCode.Redirect, (await province.SubmitFormAsync("/Users/Create", new Dictionary<string, string>
        {
            ["UserName"] = "moi.b", ["FullName"] = "Người Mới", ["Role"] = Roles.CentreStaff, ["Password"] = TestPassword.Default, ["CentreId"] = b,
        })).StatusCode);
        Assert.Equal(portal.CentreB, (await ReadAsync(database, "moi.b")).User.CentreId);

        // Grant the province role to centre B's administrator, who then sees every centre; the role needs Administrator.
        var qtB = await ReadAsync(database, "qt.b");
        var qtEdit = await province.GetDocumentAsync($"/Users/Edit/{qtB.User.Id}");
        var refused = await province.PostFormAsync(qtEdit, "main form", new Dictionary<string, string>
        {
            ["Role"] = Roles.CentreStaff, ["CentreId"] = b, ["IsProvinceAdministrator"] = "true",
        }, "/Users/Edit");
        Assert.Contains("chỉ dành cho tài khoản có vai trò Quản trị viên", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await province.PostFormAsync(qtEdit, "main form", new Dictionary<string, string>
        {
            ["Role"] = Roles.Administrator, ["CentreId"] = b, ["IsProvinceAdministrator"] = "true",
        }, "/Users/Edit")).StatusCode);
        Assert.Equal([Roles.Administrator, Roles.ProvinceAdministrator], (await ReadAsync(database, "qt.b")).Roles);
        var promoted = await factory.SignInAsync("qt.b");
        Assert.NotNull((await promoted.GetDocumentAsync("/Users")).QuerySelector("tr[data-user='canbo.a']"));

        // Unlock and disable across centres; but not remove the role from oneself.
        await using (var db = database.CreateContext())
        {
            var locked = await db.Users.SingleAsync(u => u.UserName == "canbo.b");
            locked.LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(10);
            await db.SaveChangesAsync();
        }

        var listNow = await province.GetDocumentAsync("/Users");
        Assert.Equal(HttpStatusCode.Redirect, (await province.PressAsync(listNow, "tr[data-user='canbo.b'] button.unlock")).StatusCode);
        Assert.Null((await ReadAsync(database, "canbo.b")).User.LockoutEnd);
        Assert.Equal(HttpStatusCode.Redirect, (await province.PressAsync(listNow, "tr[data-user='moi.b'] button.set-disabled")).StatusCode);
        Assert.True((await ReadAsync(database, "moi.b")).User.IsDisabled);
        var self = await province.GetDocumentAsync($"/Users/Edit/{(await ReadAsync(database, "admin")).User.Id}");
        var selfDemotion = await province.PostFormAsync(self, "main form", new Dictionary<string, string>
        {
            ["Role"] = Roles.Administrator, ["CentreId"] = portal.CentreA.ToString(System.Globalization.CultureInfo.InvariantCulture), ["IsProvinceAdministrator"] = "false",
        }, "/Users/Edit");
        Assert.Contains("Không thể tự bỏ quyền quản trị toàn tỉnh", await selfDemotion.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_first_administrator_is_their_centres_and_the_provinces(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("admin", Roles.Administrator);
        var admin = await ReadAsync(database, "admin");
        Assert.Equal([Roles.Administrator, Roles.ProvinceAdministrator], admin.Roles);
        await using var db = database.CreateContext();
        Assert.Equal(await db.TrainingCentres.Select(c => (int?)c.Id).SingleAsync(), admin.User.CentreId);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_portal_without_a_province_administrator_gives_the_role_to_its_oldest_active_administrator_at_start_up(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var portal = await TwoCentresAsync(database);
        await using var factory = portal.Factory;

        async Task StartAsync(string? disable)
        {
            await using (var db = database.CreateContext())
            {
                var roleId = await db.Roles.Where(r => r.Name == Roles.ProvinceAdministrator).Select(r => r.Id).SingleAsync();
                db.UserRoles.RemoveRange(await db.UserRoles.Where(ur => ur.RoleId == roleId).ToListAsync());
                if (disable is not null)
                {
                    (await db.Users.SingleAsync(u => u.UserName == disable)).IsDisabled = true;
                }

                await db.SaveChangesAsync();
            }

            using var scope = factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<DistrictTraining.Core.Data.DatabaseInitializer>().InitializeAsync();
        }

        // Setup's administrator, the oldest, gets it back; nobody else does.
        await StartAsync(disable: null);
        Assert.Equal([Roles.Administrator, Roles.ProvinceAdministrator], (await ReadAsync(database, "admin")).Roles);
        Assert.Equal([Roles.Administrator], (await ReadAsync(database, "qt.b")).Roles);
        Assert.Equal([Roles.Administrator], (await ReadAsync(database, "tinh.b")).Roles);

        // A disabled administrator is passed over; a start with a province administrator changes nothing.
        await StartAsync(disable: "admin");
        Assert.Equal([Roles.Administrator], (await ReadAsync(database, "admin")).Roles);
        Assert.Equal([Roles.Administrator, Roles.ProvinceAdministrator], (await ReadAsync(database, "qt.b")).Roles);
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DistrictTraining.Core.Data.DatabaseInitializer>().InitializeAsync();
        }

        Assert.Equal([Roles.Administrator], (await ReadAsync(database, "tinh.b")).Roles);
    }
}
