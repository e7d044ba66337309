using System.Net;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Tests.Certificates;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.Tests.Web;

/// <summary>
/// The centre's public address: set at first run and on the centre page, warned about when a phone
/// outside the office could not open it, and printed in every certificate's QR code.
/// </summary>
public class PublicAddressPageTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Setup_offers_the_browsers_address_warns_that_it_is_loopback_and_keeps_the_one_typed(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        var client = factory.CreateBrowserlessClient();

        var page = await client.GetDocumentAsync("/Setup");
        Assert.Equal("http://localhost", page.QuerySelector("#PublicBaseUrl")!.GetAttribute("value"));
        Assert.Contains("chỉ mở được trên chính máy chủ", page.QuerySelector("#address-warning")!.TextContent);

        var fields = new Dictionary<string, string>
        {
            ["CentreName"] = "Trung tâm Chính trị xã Cát Hanh", ["AdminUserName"] = "quantri", ["AdminFullName"] = "Nguyễn Thị Thu Hà",
            ["Password"] = TestPassword.Default, ["ConfirmPassword"] = TestPassword.Default, ["PublicBaseUrl"] = "ttct.cathanh.gov.vn",
        };
        var refused = await client.SubmitFormAsync("/Setup", fields);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await HtmlForms.ParseAsync(refused);
        Assert.Contains(PublicAddress.InvalidMessage, refusedPage.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal("ttct.cathanh.gov.vn", refusedPage.QuerySelector("#PublicBaseUrl")!.GetAttribute("value"));

        fields["PublicBaseUrl"] = "https://TTCT.CatHanh.gov.vn/";
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync("/Setup", fields)).StatusCode);
        using var scope = factory.Services.CreateScope();
        Assert.Equal("https://ttct.cathanh.gov.vn", (await scope.ServiceProvider.GetRequiredService<AppDbContext>().TrainingCentres.SingleAsync()).PublicBaseUrl);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_centre_page_sets_the_address_warns_about_private_ones_and_the_QR_code_follows_it(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        var (certificateId, code) = await IssuedCertificateAsync(factory);
        var admin = await factory.SignInAsync("admin");

        // Nothing set yet: offered the browser's address, with the warning that none is set.
        var page = await admin.GetDocumentAsync("/Centre");
        Assert.Equal("http://localhost", page.QuerySelector("#PublicBaseUrl")!.GetAttribute("value"));
        Assert.Contains("chưa khai báo địa chỉ công khai", page.QuerySelector("#address-warning")!.TextContent);

        var refused = await admin.SubmitFormAsync("/Centre", new Dictionary<string, string> { ["PublicBaseUrl"] = "ftp://ttct.cathanh.gov.vn" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await HtmlForms.ParseAsync(refused);
        Assert.Contains(PublicAddress.InvalidMessage, refusedPage.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal("ftp://ttct.cathanh.gov.vn", refusedPage.QuerySelector("#PublicBaseUrl")!.GetAttribute("value"));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync("/Centre", new Dictionary<string, string> { ["PublicBaseUrl"] = "http://192.168.1.20:8080/" })).StatusCode);
        page = await admin.GetDocumentAsync("/Centre");
        Assert.Equal("http://192.168.1.20:8080", page.QuerySelector("#PublicBaseUrl")!.GetAttribute("value"));
        Assert.Contains("mạng nội bộ", page.QuerySelector("#address-warning")!.TextContent);
        var print = await admin.GetDocumentAsync($"/Certificates/Print/{certificateId}");
        Assert.Equal($"http://192.168.1.20:8080/Verify/{code}", print.QuerySelector("img.qr")!.GetAttribute("data-url"));
        Assert.Contains("mạng nội bộ", print.QuerySelector("#address-warning")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync("/Centre", new Dictionary<string, string> { ["PublicBaseUrl"] = "https://ttct.cathanh.gov.vn" })).StatusCode);
        Assert.Null((await admin.GetDocumentAsync("/Centre")).QuerySelector("#address-warning"));

        // Staff print and open the certificate: every link carries the public address, without a warning.
        var staff = await factory.SignInAsync("giaovu");
        print = await staff.GetDocumentAsync($"/Certificates/Print/{certificateId}");
        var qr = print.QuerySelector("img.qr")!;
        Assert.Equal($"https://ttct.cathanh.gov.vn/Verify/{code}", qr.GetAttribute("data-url"));
        Assert.StartsWith($"https://ttct.cathanh.gov.vn/Verify/{code}?p=", qr.GetAttribute("data-content"));
        Assert.Equal(DistrictTraining.Web.Infrastructure.CertificateLinks.QrDataUri(qr.GetAttribute("data-content")!), qr.GetAttribute("src"));
        Assert.Equal($"https://ttct.cathanh.gov.vn/Verify/{code}", print.QuerySelector(".url")!.TextContent);
        Assert.Null(print.QuerySelector("#address-warning"));
        var details = await staff.GetDocumentAsync($"/Certificates/Details/{certificateId}");
        Assert.Equal($"https://ttct.cathanh.gov.vn/Verify/{code}", details.QuerySelector("#verify-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_deployment_wide_address_in_configuration_overrides_the_centres()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database, new Dictionary<string, string?> { ["Verification:PublicBaseUrl"] = "https://xacminh.example.vn/" });
        var (certificateId, code) = await IssuedCertificateAsync(factory, centreAddress: "https://ttct.cathanh.gov.vn");

        var staff = await factory.SignInAsync("giaovu");
        var print = await staff.GetDocumentAsync($"/Certificates/Print/{certificateId}");
        Assert.Equal($"https://xacminh.example.vn/Verify/{code}", print.QuerySelector("img.qr")!.GetAttribute("data-url"));
        Assert.Null(print.QuerySelector("#address-warning"));

        var admin = await factory.SignInAsync("admin");
        var page = await admin.GetDocumentAsync("/Centre");
        Assert.Contains("https://xacminh.example.vn", page.QuerySelector("#address-override")!.TextContent);
    }

    /// <summary>The centre (optionally with a public address), a staff account and one issued certificate: its id and code.</summary>
    private static async Task<(int Id, string Code)> IssuedCertificateAsync(PortalFactory factory, string? centreAddress = null)
    {
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var centre = await CertificateTestData.CentreAsync(db, (await db.TrainingCentres.FirstAsync()).Name);
        centre.PublicBaseUrl = centreAddress;
        await db.SaveChangesAsync();
        var c = await CertificateTestData.ClassAsync(db, centre.Id, completed: 1);
        await new Core.Certificates.CertificateService(db, new Core.Common.FixedUserScope(centre.Id), TimeProvider.System)
            .IssueForClassAsync(c.Id, new Core.Certificates.IssueRequest(CertificateTestData.DecisionDate.AddDays(2)));
        var certificate = await db.Certificates.SingleAsync();
        return (certificate.Id, certificate.VerificationCode);
    }
}
