using System.Net;
using DistrictTraining.Core.Identity;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Web;

public class AccountAdministrationTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task An_administrator_creates_and_disables_an_account(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("admin", Roles.Administrator);
        var admin = await factory.SignInAsync("admin");

        var created = await admin.SubmitFormAsync("/Users/Create", new Dictionary<string, string>
        {
            ["UserName"] = "giaovu", ["FullName"] = "Trần Thị Mai", ["Role"] = Roles.CentreStaff, ["Password"] = TestPassword.Default,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var staff = await factory.SignInAsync("giaovu");
        var home = await staff.GetDocumentAsync("/");
        Assert.Equal("Cán bộ Trung tâm", home.QuerySelector("#role")!.TextContent.Trim());

        var list = await admin.GetDocumentAsync("/Users");
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("giaovu"));
        var disabled = await admin.PressAsync(list, $"tr[data-user='{row.GetAttribute("data-user")}'] button.set-disabled");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

        var anon = factory.CreateBrowserlessClient();
        var refused = await anon.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["UserName"] = "giaovu", ["Password"] = TestPassword.Default });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("hoặc tài khoản đang bị khóa", await refused.Content.ReadAsStringAsync()); // not "disabled": that would tell the name exists
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task An_administrator_sees_until_when_an_account_is_locked_and_unlocks_it_audited(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("admin", Roles.Administrator);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var admin = await factory.SignInAsync("admin");
        await using var db = database.CreateContext();

        // Five wrong passwords lock the account for 15 minutes: even the right one is refused.
        var anon = factory.CreateBrowserlessClient();
        for (var i = 0; i < 5; i++)
        {
            await anon.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["UserName"] = "giaovu", ["Password"] = "saimatkhau1" });
        }

        var locked = await anon.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["UserName"] = "giaovu", ["Password"] = TestPassword.Default });
        Assert.Contains("hoặc tài khoản đang bị khóa", await locked.Content.ReadAsStringAsync()); // the one answer for every refusal (no user-name probing)

        // Another role cannot unlock, and a post without the page's antiforgery token is refused.
        await factory.CreateUserAsync("canbo", Roles.CentreStaff);
        var staff = await factory.SignInAsync("canbo");
        var userId = (await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "giaovu")).Id;
        var byStaff = await staff.PostAsync("/Users/Unlock", new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = userId }));
        Assert.Equal(HttpStatusCode.Redirect, byStaff.StatusCode);
        Assert.Contains("/Account/AccessDenied", byStaff.Headers.Location!.ToString());
        var noToken = await admin.PostAsync("/Users/Unlock", new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = userId }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        // The administrator sees the lockout and until when, in Vietnam time (UTC+7), 15 minutes on.
        var lockoutEnd = (await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "giaovu")).LockoutEnd!.Value;
        Assert.InRange(lockoutEnd - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        var until = lockoutEnd.ToOffset(TimeSpan.FromHours(7)).ToString("HH:mm dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var list = await admin.GetDocumentAsync("/Users");
        var row = list.QuerySelector("tr[data-user='giaovu']")!;
        Assert.Contains($"Tạm khóa đến {until}", row.TextContent);
        Assert.NotNull(list.QuerySelector("#locked-note"));
        Assert.Null(list.QuerySelector("tr[data-user='admin'] button.unlock"));

        var unlocked = await admin.PressAsync(list, "tr[data-user='giaovu'] button.unlock");
        Assert.Equal(HttpStatusCode.Redirect, unlocked.StatusCode);
        var after = await admin.GetDocumentAsync("/Users");
        Assert.Contains($"Đã mở khóa tài khoản giaovu (đang bị tạm khóa đến {until}).", after.Body!.TextContent);
        Assert.Contains("Hoạt động", after.QuerySelector("tr[data-user='giaovu']")!.TextContent);
        Assert.Null(after.QuerySelector("tr[data-user='giaovu'] button.unlock"));

        // The user signs in at once, and the audit trail says who unlocked whom.
        await factory.SignInAsync("giaovu");
        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityType == "AppUser" && a.EntityId == userId);
        Assert.Equal("admin", audit.UserName);
        Assert.Contains("LockoutEnd", audit.Changes);
    }

    [Fact]
    public async Task A_unit_liaison_needs_a_unit()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("admin", Roles.Administrator);
        var admin = await factory.SignInAsync("admin");
        var response = await admin.SubmitFormAsync("/Users/Create", new Dictionary<string, string>
        {
            ["UserName"] = "lienlac", ["FullName"] = "Lê Văn Tài", ["Role"] = Roles.UnitLiaison, ["Password"] = TestPassword.Default,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("phải được gán một đơn vị", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Weak_passwords_are_refused_in_Vietnamese()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("admin", Roles.Administrator);
        var admin = await factory.SignInAsync("admin");
        var response = await admin.SubmitFormAsync("/Users/Create", new Dictionary<string, string>
        {
            ["UserName"] = "yeu", ["FullName"] = "Mật Khẩu Yếu", ["Role"] = Roles.CentreStaff, ["Password"] = "chichucai",
        });
        Assert.Contains("ít nhất một chữ số", await response.Content.ReadAsStringAsync());
    }
}
