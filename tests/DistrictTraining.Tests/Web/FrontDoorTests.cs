using System.Net;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.Tests.Web;

/// <summary>The hardened front door: error pages, hostile characters, sign-in answers, headers, uploads.</summary>
public class FrontDoorTests
{
    [Theory]
    [InlineData(2469, HttpStatusCode.NotFound)]
    [InlineData(200, HttpStatusCode.NotFound)]
    [InlineData(-1, HttpStatusCode.NotFound)]
    [InlineData(418, HttpStatusCode.NotFound)]
    [InlineData(404, HttpStatusCode.NotFound)]
    [InlineData(429, HttpStatusCode.TooManyRequests)]
    [InlineData(500, HttpStatusCode.InternalServerError)]
    public async Task The_status_page_answers_only_the_codes_the_portal_gives(int asked, HttpStatusCode expected)
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("admin", Roles.Administrator);

        var response = await factory.CreateBrowserlessClient().GetAsync($"/Home/Status/{asked}");

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("lang=\"vi\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_noncharacter_in_the_login_form_is_cleaned_away_not_a_500(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var anon = factory.CreateBrowserlessClient();

        var wrong = await anon.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["UserName"] = "gia\uFFFEovu", ["Password"] = "sai\uFFFE\uFFFF" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var page = await HtmlForms.ParseAsync(wrong);
        Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng", page.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal("giaovu", page.QuerySelector("input[name=UserName]")!.GetAttribute("value"));

        var right = await anon.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["UserName"] = "\u202Egia\uFFFEovu\u200B", ["Password"] = TestPassword.Default + "\uFFFE" });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_staff_form_and_a_search_with_noncharacters_and_bidi_overrides_save_clean_text(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var client = await factory.SignInAsync("giaovu");

        var saved = await client.SubmitTraineeFormAsync("/Trainees/Create", new()
        {
            ["FamilyName"] = "Nguy\uFFFEễn", ["MiddleName"] = "Thị\u0007", ["GivenName"] = "\u202EHoa\u202C", ["Note"] = "dòng 1\r\ndòng\uFFFF 2",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var db = database.CreateContext();
        var trainee = await db.Trainees.SingleAsync();
        Assert.Equal("Nguyễn Thị Hoa", trainee.FullName);
        Assert.Equal("dòng 1\ndòng 2", trainee.Note); // the service keeps lines, in \n

        var search = await client.GetAsync("/Trainees?q=" + Uri.EscapeDataString("Nguy\uFFFEễn\uFFFF"));
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Contains("Nguyễn Thị Hoa", await search.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task An_upload_over_the_limit_shows_the_upload_page_again_with_a_Vietnamese_message(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("admin", Roles.Administrator);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        int classId;
        await using (var db = database.CreateContext())
        {
            classId = (await TestData.ClassAsync(db, (await db.TrainingCentres.FirstAsync()).Id)).Id;
        }

        var staff = await factory.SignInAsync("giaovu");
        var admin = await factory.SignInAsync("admin");
        foreach (var (client, url) in new[] { (staff, $"/RosterImport/Upload/{classId}"), (staff, $"/ScoreImport/Upload/{classId}"), (admin, "/Units/Import") })
        {
            var page = await client.GetDocumentAsync(url);
            var token = page.QuerySelector("main form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            using var content = new MultipartFormDataContent
            {
                { new ByteArrayContent(new byte[12 * 1024 * 1024]), "file", "danh-sach-lon.xlsx" },
                { new StringContent(token), "__RequestVerificationToken" },
            };

            var refused = await client.PostAsync(url, content);

            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal(url, refused.Headers.Location!.OriginalString);
            var again = await client.GetDocumentAsync(url);
            Assert.Contains("Tệp tải lên lớn hơn 10 MB nên không được nhận.", again.QuerySelector(".alert-danger")!.TextContent);
            Assert.NotNull(again.QuerySelector("main form[enctype='multipart/form-data'] input[type=file]"));
        }
    }

    [Fact]
    public async Task A_post_with_a_stale_token_gets_the_Vietnamese_error_page_not_a_blank_400()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var client = await factory.SignInAsync("giaovu");

        var response = await client.PostAsync("/Trainees/Create", new FormUrlEncodedContent(new Dictionary<string, string> { ["FamilyName"] = "Nguyễn" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Yêu cầu không hợp lệ", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Unknown_name_wrong_password_locked_and_disabled_accounts_get_the_same_answer(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var locked = await factory.CreateUserAsync("bikhoa", Roles.CentreStaff);
        var disabled = await factory.CreateUserAsync("datat", Roles.CentreStaff);
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(locked.Id))!, DateTimeOffset.UtcNow.AddMinutes(10));
            var admin = await users.FindByNameAsync("admin");
            await scope.ServiceProvider.GetRequiredService<AccountService>().SetDisabledAsync(disabled.Id, true, admin!.Id);
        }

        var answers = new List<string>();
        foreach (var (name, password) in new[] { ("khongcoai", TestPassword.Default), ("giaovu", "sai-mat-khau-1"), ("bikhoa", TestPassword.Default), ("datat", TestPassword.Default) })
        {
            var response = await factory.CreateBrowserlessClient().SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["UserName"] = name, ["Password"] = password });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add((await HtmlForms.ParseAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent.Trim());
        }

        Assert.Single(answers.Distinct());
        Assert.StartsWith("Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang bị khóa.", answers[0]);
    }

    [Fact]
    public async Task An_unknown_name_takes_about_as_long_as_a_wrong_password()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        // Identity's production rounds (the other tests hash with fewer): only then does a password check cost
        // clearly more than the rest of the request, so a missing dummy check would show.
        await using var factory = new PortalFactory(database, services: s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = 100_000));
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var client = factory.CreateBrowserlessClient();
        var form = await client.GetDocumentAsync("/Account/Login");

        async Task<TimeSpan> TimeAsync(string name)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var response = await client.PostFormAsync(form, "main form", new Dictionary<string, string> { ["UserName"] = name, ["Password"] = "sai-mat-khau" }, "/Account/Login");
            clock.Stop();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return clock.Elapsed;
        }

        // Four of each, interleaved (a fifth wrong password would lock the account); the fastest of each is compared.
        var unknown = TimeSpan.MaxValue;
        var wrong = TimeSpan.MaxValue;
        for (var i = 0; i < 4; i++)
        {
            unknown = TimeSpan.FromTicks(Math.Min(unknown.Ticks, (await TimeAsync("khongcoai" + i)).Ticks));
            wrong = TimeSpan.FromTicks(Math.Min(wrong.Ticks, (await TimeAsync("giaovu")).Ticks));
        }

        // Without the dummy hash an unknown name answers in a tenth of the time (no password hashed at all).
        Assert.True(unknown >= wrong * 0.5, $"unknown name {unknown.TotalMilliseconds:F1} ms, wrong password {wrong.TotalMilliseconds:F1} ms");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task After_sign_out_a_replayed_copy_of_the_old_cookie_is_refused(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var jar = new CookieContainer();
        var client = factory.CreateDefaultClient(new CookieContainerHandler(jar));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["UserName"] = "giaovu", ["Password"] = TestPassword.Default })).StatusCode);
        var stolen = jar.GetCookies(client.BaseAddress!)["DistrictTraining.Auth"]!.Value;

        async Task<HttpResponseMessage> ReplayAsync()
        {
            var replay = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("Cookie", "DistrictTraining.Auth=" + stolen);
            return await replay.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync()).StatusCode);

        var home = await client.GetDocumentAsync("/");
        var signedOut = await client.PostFormAsync(home, "form[action='/Account/Logout']", new Dictionary<string, string>(), "/");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        var refused = await ReplayAsync();
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("http://localhost/Account/Login", refused.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("matkhau123", "Mật khẩu này quá phổ biến")]
    [InlineData("Password1", "Mật khẩu này quá phổ biến")]
    [InlineData("abcd1234", "Mật khẩu này quá phổ biến")]
    [InlineData("giaovu2026", "Mật khẩu không được trùng hoặc chứa tên đăng nhập.")]
    [InlineData("x-GiaoVu-9", "Mật khẩu không được trùng hoặc chứa tên đăng nhập.")]
    public async Task Account_creation_refuses_common_passwords_and_ones_containing_the_user_name(string password, string message)
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("admin", Roles.Administrator);
        var admin = await factory.SignInAsync("admin");

        var refused = await admin.SubmitFormAsync("/Users/Create", new Dictionary<string, string>
        {
            ["UserName"] = "giaovu", ["FullName"] = "Trần Thị Mai", ["Role"] = Roles.CentreStaff, ["Password"] = password,
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(message, (await HtmlForms.ParseAsync(refused)).QuerySelector(".validation-summary-errors")!.TextContent);
        await using var db = database.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "giaovu"));
    }

    [Fact]
    public async Task Setup_and_password_change_follow_the_same_password_rules()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        var setup = await factory.CreateBrowserlessClient().SubmitFormAsync("/Setup", new Dictionary<string, string>
        {
            ["CentreName"] = "Trung tâm Chính trị xã Cát Hanh", ["PublicBaseUrl"] = "https://ttct.cathanh.gov.vn", ["AdminUserName"] = "quantri",
            ["AdminFullName"] = "Nguyễn Thị Thu Hà", ["Password"] = "quantri123", ["ConfirmPassword"] = "quantri123",
        });
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        Assert.Contains("Mật khẩu này quá phổ biến", await setup.Content.ReadAsStringAsync());

        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var client = await factory.SignInAsync("giaovu");
        var changed = await client.SubmitFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["CurrentPassword"] = TestPassword.Default, ["NewPassword"] = "Giaovu-moi-1", ["ConfirmPassword"] = "Giaovu-moi-1",
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("Mật khẩu không được trùng hoặc chứa tên đăng nhập.", await changed.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Every_page_carries_the_security_headers_and_no_inline_script_style_or_handler(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("admin", Roles.Administrator);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        int classId;
        await using (var db = database.CreateContext())
        {
            classId = (await TestData.ClassAsync(db, (await db.TrainingCentres.FirstAsync()).Id)).Id;
        }

        var anon = factory.CreateBrowserlessClient();
        var admin = await factory.SignInAsync("admin");
        var staff = await factory.SignInAsync("giaovu");
        var pages = new List<(HttpClient Client, string Url)>
        {
            (anon, "/Account/Login"), (anon, "/Verify"), (anon, "/Home/Status/404"), (admin, "/khong-co-trang-nay"),
            (admin, "/"), (admin, "/Users"), (admin, "/Users/Create"), (admin, "/Units"), (admin, "/Units/Import"), (admin, "/Units/Merge"),
            (admin, "/Centre"), (admin, "/Centre/Served"), (admin, "/Programmes"), (admin, "/Programmes/Create"), (admin, "/Lecturers"),
            (admin, "/Dashboard"), (admin, "/Reports"), (admin, "/Reports/Summary"), (admin, "/Reports/ByUnit"), (admin, "/Reports/Cadre"),
            (admin, "/Reports/Lecturers"), (admin, "/Reports/Grades"), (admin, "/Plans"), (admin, "/Certificates"),
            (staff, "/Account/ChangePassword"), (staff, "/Trainees"), (staff, "/Trainees/Create"), (staff, "/Classes"), (staff, "/Classes/Create"),
            (staff, $"/Classes/Details/{classId}"), (staff, $"/Roster/Index/{classId}"), (staff, $"/Attendance/Index/{classId}"),
            (staff, $"/Results/Index/{classId}"), (staff, $"/RosterImport/Upload/{classId}"), (staff, $"/ScoreImport/Upload/{classId}"),
        };

        var read = 0;
        foreach (var (client, url) in pages)
        {
            var response = await client.GetAsync(url);
            Assert.True((int)response.StatusCode is 200 or 404, $"{url}: {(int)response.StatusCode}");
            AssertSecurityHeaders(response, url);
            var document = await HtmlForms.ParseAsync(response);
            Assert.Empty(document.QuerySelectorAll("script:not([src])").Select(e => url + ": " + e.OuterHtml));
            Assert.Empty(document.QuerySelectorAll("style, [style]").Select(e => url + ": " + e.OuterHtml[..Math.Min(120, e.OuterHtml.Length)]));
            Assert.Empty(document.All.Where(e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal))).Select(e => url + ": " + e.OuterHtml[..Math.Min(120, e.OuterHtml.Length)]));
            Assert.Empty(document.QuerySelectorAll("[href^='javascript:']"));
            read += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        Assert.True(read >= pages.Count - 3, $"only {read} of {pages.Count} pages answered 200");
        AssertSecurityHeaders(await anon.GetAsync("/css/site.css"), "/css/site.css");
        AssertSecurityHeaders(await anon.GetAsync("/healthz"), "/healthz");
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response, string url)
    {
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToArray());
        Assert.Equal(["'self'"], directives["script-src"]);
        Assert.Equal(["'self'"], directives["style-src"]);
        Assert.DoesNotContain("'unsafe-inline'", csp);
        Assert.DoesNotContain("'unsafe-eval'", csp);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.Equal(["'none'"], directives["object-src"]);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{url}: HSTS over plain HTTP");
    }

    [Fact]
    public async Task Over_HTTPS_the_answer_adds_HSTS_and_every_cookie_is_Secure_and_HttpOnly()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var https = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://ttct.example.vn"), AllowAutoRedirect = false });
        var plain = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://ttct.example.vn"), AllowAutoRedirect = false });

        var page = await https.GetAsync("/Account/Login");
        Assert.StartsWith("max-age=", Assert.Single(page.Headers.GetValues("Strict-Transport-Security")));
        var signedIn = await https.PostFormAsync(await HtmlForms.ParseAsync(page), "main form", new Dictionary<string, string> { ["UserName"] = "giaovu", ["Password"] = TestPassword.Default }, "/Account/Login");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookies = page.Headers.GetValues("Set-Cookie").Concat(signedIn.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("DistrictTraining.Auth=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("; httponly", c, StringComparison.OrdinalIgnoreCase));

        var overHttp = await plain.GetAsync("/Account/Login");
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
        Assert.All(overHttp.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase));
    }
}
