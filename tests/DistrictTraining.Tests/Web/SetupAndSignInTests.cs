using System.Net;
using DistrictTraining.Core.Identity;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.Tests.Web;

public class SetupAndSignInTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task First_run_setup_then_sign_in_shows_the_centre_and_role(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        var client = factory.CreateBrowserlessClient();

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/Setup", home.Headers.Location!.OriginalString);

        var posted = await client.SubmitFormAsync("/Setup", new Dictionary<string, string>
        {
            ["CentreName"] = "Trung tâm Chính trị xã Cát Hanh",
            ["AdminUserName"] = "quantri",
            ["AdminFullName"] = "Nguyễn Thị Thu Hà",
            ["Password"] = TestPassword.Default,
            ["ConfirmPassword"] = TestPassword.Default,
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/Account/Login", posted.Headers.Location!.OriginalString);

        // Setup never shows again, and cannot be replayed.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Setup")).StatusCode);

        var signedIn = await factory.SignInAsync("quantri");
        var page = await signedIn.GetDocumentAsync("/");
        Assert.Equal("vi", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Trung tâm Chính trị xã Cát Hanh", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Quản trị viên", page.QuerySelector("#role")!.TextContent.Trim());
    }

    [Fact]
    public async Task Setup_refuses_a_post_once_an_account_exists()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        var client = factory.CreateBrowserlessClient();
        var setupPage = await client.GetDocumentAsync("/Setup");
        var token = setupPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await factory.CreateUserAsync("admin", Roles.Administrator);

        var replay = await client.PostAsync("/Setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["CentreName"] = "Chiếm quyền",
            ["AdminUserName"] = "attacker",
            ["AdminFullName"] = "X",
            ["Password"] = TestPassword.Default,
            ["ConfirmPassword"] = TestPassword.Default,
        }));
        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
        var login = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["UserName"] = "attacker", ["Password"] = TestPassword.Default });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task Setup_validates_in_Vietnamese_and_keeps_what_was_typed()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        var client = factory.CreateBrowserlessClient();
        var response = await client.SubmitFormAsync("/Setup", new Dictionary<string, string>
        {
            ["CentreName"] = "Trung tâm <b>Chính trị</b>",
            ["AdminUserName"] = "quantri",
            ["AdminFullName"] = "",
            ["Password"] = TestPassword.Default,
            ["ConfirmPassword"] = "khac12345",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Vui lòng nhập Họ và tên.", html);
        Assert.Contains("Mật khẩu nhập lại không khớp.", html);
        Assert.DoesNotContain("<b>Chính trị</b>", html);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Equal("Trung tâm <b>Chính trị</b>", page.QuerySelector("#CentreName")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Five_failed_logins_lock_the_account_out()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var client = factory.CreateBrowserlessClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["UserName"] = "giaovu", ["Password"] = "sai-mat-khau" + i });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var right = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["UserName"] = "giaovu", ["Password"] = TestPassword.Default });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("hoặc tài khoản đang bị khóa", await right.Content.ReadAsStringAsync()); // the same words as any other refusal
    }

    [Fact]
    public async Task A_forged_post_without_antiforgery_token_is_refused()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("admin", Roles.Administrator);
        var client = await factory.SignInAsync("admin");
        var forged = await client.PostAsync("/Users/Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "tayngang", ["FullName"] = "Tài khoản lạ", ["Role"] = Roles.Administrator, ["Password"] = TestPassword.Default,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var list = await client.GetDocumentAsync("/Users");
        Assert.DoesNotContain("tayngang", list.Body!.TextContent);
    }

    [Fact]
    public async Task Change_password_works_and_the_old_one_stops_working()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var client = await factory.SignInAsync("giaovu");
        var changed = await client.SubmitFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["CurrentPassword"] = TestPassword.Default, ["NewPassword"] = "matkhaumoi456", ["ConfirmPassword"] = "matkhaumoi456",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var anon = factory.CreateBrowserlessClient();
        var old = await anon.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["UserName"] = "giaovu", ["Password"] = TestPassword.Default });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        await factory.SignInAsync("giaovu", "matkhaumoi456");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Health_check_reports_the_database(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        var response = await factory.CreateBrowserlessClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unattended_deployments_set_up_from_configuration()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database, new Dictionary<string, string?>
        {
            ["Bootstrap:CentreName"] = "Trung tâm Chính trị khu vực Phù Cát",
            ["Bootstrap:AdminUserName"] = "docker",
            ["Bootstrap:AdminPassword"] = TestPassword.Default,
        });
        var client = factory.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Setup")).StatusCode);
        var signedIn = await factory.SignInAsync("docker");
        var page = await signedIn.GetDocumentAsync("/");
        Assert.Contains("Phù Cát", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Each_host_logs_its_requests_with_the_user_to_its_own_file_and_keeps_its_keys_in_the_database()
    {
        await using var first = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var second = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var one = new PortalFactory(first);
        await using var two = new PortalFactory(second);
        await one.CreateUserAsync("admin", Roles.Administrator);
        var signedIn = await one.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/Classes")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await two.CreateBrowserlessClient().GetAsync("/healthz")).StatusCode);

        // The request line is written when the response has finished, which may be just after the client has it.
        var firstLog = await LogContainingAsync(first, @"HTTP GET /Classes responded 200 in \d+\.\d ms by admin");
        var secondLog = await LogContainingAsync(second, @"HTTP GET /healthz responded 200 in \d+\.\d ms by \(anonymous\)");
        Assert.DoesNotContain("/healthz", firstLog);
        Assert.DoesNotContain("/Classes", secondLog);

        await using var db = first.CreateContext();
        var key = Assert.Single(await db.DataProtectionKeys.ToListAsync());
        Assert.StartsWith("<key ", key.Xml);
    }

    private static async Task<string> LogContainingAsync(TestDatabase database, string pattern)
    {
        var folder = Path.Combine(database.DataDirectory, "logs");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var text = string.Concat(Directory.Exists(folder) ? Directory.GetFiles(folder).Select(ReadShared) : []);
            if (System.Text.RegularExpressions.Regex.IsMatch(text, pattern) || DateTime.UtcNow > deadline)
            {
                Assert.Matches(pattern, text);
                return text;
            }

            await Task.Delay(50);
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The unattended first run with only the account set, the other Bootstrap keys left "" as appsettings.json lists
    /// them: the centre and the administrator get their default names, never empty ones (which printed documents and
    /// certificates would show as blanks).
    /// </summary>
    [Fact]
    public async Task An_unattended_first_run_with_empty_names_gives_the_defaults_and_setup_refuses_empty_names()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database, new Dictionary<string, string?>
        {
            ["Bootstrap:CentreName"] = "", ["Bootstrap:AdminFullName"] = " ", ["Bootstrap:AdminUserName"] = "quantri",
            ["Bootstrap:AdminPassword"] = TestPassword.Default, ["Bootstrap:PublicBaseUrl"] = "",
        });
        _ = factory.Server; // starts the portal, which runs the bootstrap

        await using var db = database.CreateContext();
        Assert.Equal("Trung tâm Chính trị", (await db.TrainingCentres.SingleAsync()).Name);
        Assert.Equal("Quản trị viên", (await db.Users.SingleAsync()).FullName);

        await using var empty = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var fresh = new PortalFactory(empty);
        using var scope = fresh.Services.CreateScope();
        var errors = await scope.ServiceProvider.GetRequiredService<SetupService>().CompleteAsync(new SetupRequest(" ", "quantri", "", TestPassword.Default));
        Assert.Equal(["Vui lòng nhập tên trung tâm.", "Vui lòng nhập họ và tên quản trị viên."], errors);
        await using var check = empty.CreateContext();
        Assert.False(await check.Users.AnyAsync());
    }
}
