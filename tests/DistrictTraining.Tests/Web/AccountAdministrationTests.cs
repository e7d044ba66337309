using System.Net;
using DistrictTraining.Core.Identity;
using DistrictTraining.Tests.Infrastructure;

namespace DistrictTraining.Tests.Web;

public class AccountAdministrationTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task An_administrator_creates_and_disables_an_account(Provider provider)
    {
        await using var database = TestDatabase.Create(provider);
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
        var disableForm = (AngleSharp.Html.Dom.IHtmlFormElement)row.QuerySelector("form")!;
        var fields = disableForm.QuerySelectorAll("input").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        var disabled = await admin.PostAsync("/Users/SetDisabled", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

        var anon = factory.CreateBrowserlessClient();
        var refused = await anon.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["UserName"] = "giaovu", ["Password"] = TestPassword.Default });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("hoặc tài khoản đang bị khóa", await refused.Content.ReadAsStringAsync()); // not "disabled": that would tell the name exists
    }

    [Fact]
    public async Task A_unit_liaison_needs_a_unit()
    {
        await using var database = TestDatabase.Create(Provider.Sqlite);
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
        await using var database = TestDatabase.Create(Provider.Sqlite);
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
