using System.Text.RegularExpressions;
using DistrictTraining.BrowserTests.Infrastructure;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Lecturers;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace DistrictTraining.BrowserTests;

/// <summary>Centre staff open a class with the proposed number, open it and put a session on its timetable.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ClassesTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private const string Password = "Dt-Lophoc#2026";

    [Fact]
    public async Task Staff_create_a_class_open_it_and_add_a_session()
    {
        // A portal of its own: the shared one may not be set up, or be set up by another test.
        await using var portal = new PortalApp().Start();
        await SeedAsync(portal);
        var year = DateTime.Today.Year;

        await RunAsync(portal, async page =>
        {
            await PortalSeed.SignInAsync(page, PortalSeed.StaffUserName, Password);

            await page.GotoAsync("/Classes");
            await page.Locator("#create-class").ClickAsync();
            await page.WaitForURLAsync(url => PageChecks.IsPath(url, "/Classes/Create"));
            await Expect(page.Locator("#number-label")).ToHaveTextAsync($"lớp thứ 1/{year}");
            await Expect(page.Locator("#ProgrammeId option:checked")).ToHaveTextAsync("Bồi dưỡng nhận thức về Đảng");

            await page.SelectOptionAsync("#VenueKind", new SelectOptionValue { Label = "Cụm xã" });
            await page.FillAsync("#VenueName", "Cụm xã Cát Hanh – Cát Hiệp");
            await page.FillAsync("#StartDate", $"{year}-03-10");
            await page.FillAsync("#EndDate", $"{year}-03-14");
            await page.SelectOptionAsync("#HeadLecturerId", new SelectOptionValue { Label = "Trần Thị Thu Hà" });
            await page.FillAsync("#AcademicOfficerName", "Lê Thị Mai");
            await page.Locator("#class-form button[type=submit]").ClickAsync();

            await page.WaitForURLAsync(DetailsUrl());
            await Expect(page.Locator("#class-name")).ToHaveTextAsync($"Lớp bồi dưỡng nhận thức về Đảng, lớp thứ 1/{year}");
            await Expect(page.Locator("#class-status")).ToHaveTextAsync("Kế hoạch");
            await Expect(page.Locator("#size-warning")).ToContainTextAsync("ít hơn mức tối thiểu 25");
            await Expect(page.Locator("#roster-page")).ToHaveAttributeAsync("href", new Regex(@"^/Roster/Index/\d+$"));
            var details = page.Url;

            await page.Locator("#add-session").ClickAsync();
            await Expect(page.Locator("#Date")).ToHaveValueAsync($"{year}-03-10");
            await page.FillAsync("#Topic", "Điều lệ Đảng và nhiệm vụ của đảng viên");
            await page.SelectOptionAsync("#LecturerId", new SelectOptionValue { Label = "Trần Thị Thu Hà" });
            await page.FillAsync("#Periods", "5");
            await page.Locator("#session-form button[type=submit]").ClickAsync();

            await page.WaitForURLAsync(DetailsUrl());
            var row = page.Locator("#timetable tbody tr");
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row).ToContainTextAsync($"10/03/{year}");
            await Expect(row).ToContainTextAsync("Sáng");
            await Expect(row).ToContainTextAsync("Điều lệ Đảng và nhiệm vụ của đảng viên");
            await Expect(row).ToContainTextAsync("Trần Thị Thu Hà");
            await Expect(page.Locator("#total-periods")).ToHaveTextAsync("5");

            // The next class is proposed as number 2; another year starts again at 1 (asked by the page's script).
            await page.GotoAsync("/Classes/Create");
            await Expect(page.Locator("#number-label")).ToHaveTextAsync($"lớp thứ 2/{year}");
            await page.FillAsync("#Year", (year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.Locator("#Year").DispatchEventAsync("change");
            await Expect(page.Locator("#Number")).ToHaveValueAsync("1");
            await Expect(page.Locator("#number-label")).ToHaveTextAsync($"lớp thứ 1/{year - 1}");

            await page.GotoAsync(details);
            await Expect(page.Locator("#class-name")).ToContainTextAsync($"lớp thứ 1/{year}");
        });
    }

    private static async Task SeedAsync(PortalApp portal)
    {
        var centreId = await PortalSeed.CentreWithStaffAsync(portal, Password);
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Lecturers.Add(new Lecturer { CentreId = centreId, FamilyName = "Trần", MiddleName = "Thị Thu", GivenName = "Hà", Kind = LecturerKind.FullTime });
        await db.SaveChangesAsync();
    }

    [GeneratedRegex(@"/Classes/Details/\d+")]
    private static partial Regex DetailsUrl();
}
