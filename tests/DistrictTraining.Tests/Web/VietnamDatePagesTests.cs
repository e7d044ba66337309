using AngleSharp.Html.Dom;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DistrictTraining.Tests.Web;

/// <summary>The pages decide "today" by Vietnam's clock (UTC+7), not by the server's date, which lags seven hours behind on a UTC server.</summary>
public class VietnamDatePagesTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task At_half_past_midnight_on_1_January_in_Vietnam_the_pages_are_in_the_new_year(Provider provider)
    {
        // 00:30 on 1 January 2026 in Vietnam; on a UTC server it is still 31 December 2025.
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 31, 17, 30, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database, clock: clock);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var programmeId = await WithDbAsync(factory, async db =>
        {
            var centreId = await db.TrainingCentres.Select(c => c.Id).FirstAsync();
            var programme = await db.Programmes.OrderBy(p => p.DisplayOrder).Select(p => p.Id).FirstAsync();
            db.TrainingClasses.AddRange(
                new TrainingClass { CentreId = centreId, ProgrammeId = programme, Year = 2025, Number = 1 },
                new TrainingClass { CentreId = centreId, ProgrammeId = programme, Year = 2025, Number = 2 });
            await db.SaveChangesAsync();
            return programme;
        });
        var staff = await factory.SignInAsync("giaovu");

        var home = await staff.GetDocumentAsync("/");
        Assert.Equal("01/01/2026", home.QuerySelector("#today")!.TextContent.Trim());

        var form = await staff.GetDocumentAsync($"/Classes/Create?programmeId={programmeId}");
        Assert.Equal("2026", Input(form, "Year").Value);
        Assert.Equal("1", Input(form, "Number").Value);
        Assert.Equal("lớp thứ 1/2026", form.QuerySelector("#number-label")!.TextContent.Trim());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task At_half_past_midnight_on_1_July_2025_in_Vietnam_unit_pickers_show_the_merged_communes(Provider provider)
    {
        // 00:30 on 1 July 2025 in Vietnam, the day the merged communes took effect; 30 June on a UTC server.
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 30, 17, 30, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database, clock: clock);
        await factory.CreateUserAsync("admin", Roles.Administrator);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        await WithDbAsync(factory, async db =>
        {
            db.OrganisationUnits.AddRange(
                new OrganisationUnit { Name = "Xã Cát Hiệp", Kind = UnitKind.Commune, ValidTo = new DateOnly(2025, 6, 30) },
                new OrganisationUnit { Name = "Xã Cát Hanh", Kind = UnitKind.Commune, ValidTo = new DateOnly(2025, 6, 30) },
                new OrganisationUnit { Name = "Xã Hòa Hội", Kind = UnitKind.Commune, ValidFrom = new DateOnly(2025, 7, 1) });
            return await db.SaveChangesAsync();
        });

        var staff = await factory.SignInAsync("giaovu");
        var traineeForm = await staff.GetDocumentAsync("/Trainees/Create");
        Assert.Equal(["Xã Hòa Hội"], Options(traineeForm, "#UnitId"));

        var admin = await factory.SignInAsync("admin");
        var units = await admin.GetDocumentAsync("/Units");
        Assert.Equal("2025-07-01", (units.QuerySelector("#on") as IHtmlInputElement)!.Value);
        Assert.Equal(["Xã Hòa Hội"], units.QuerySelectorAll("#units tbody tr td:nth-child(2)").Select(c => c.TextContent.Trim()));
        var centre = await admin.GetDocumentAsync("/Centre");
        Assert.Equal(["Xã Hòa Hội"], Options(centre, "#HostUnitId"));
    }

    private static IHtmlInputElement Input(IHtmlDocument page, string name) =>
        (IHtmlInputElement)page.QuerySelector($"input[name={name}]")!;

    private static List<string> Options(IHtmlDocument page, string select) =>
        page.QuerySelectorAll($"{select} option").Where(o => o.GetAttribute("value") is { Length: > 0 }).Select(o => o.TextContent.Trim()).ToList();

    private static async Task<T> WithDbAsync<T>(PortalFactory factory, Func<AppDbContext, Task<T>> work)
    {
        using var scope = factory.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
