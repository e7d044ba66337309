using System.Net;
using AngleSharp.Html.Dom;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Plans;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.Tests.Web;

public class PlansWebTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Staff_enter_the_plan_in_one_grid_and_a_stale_grid_keeps_what_they_typed(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var staff = await factory.SignInAsync("giaovu");
        var (ntd, dvm) = await WithDbAsync(factory, async db => (
            await db.Programmes.Where(p => p.Code == "NTD").Select(p => p.Id).SingleAsync(),
            await db.Programmes.Where(p => p.Code == "DVM").Select(p => p.Id).SingleAsync()));

        var page = await staff.GetDocumentAsync("/Plans?year=2026");
        Assert.Equal("Kế hoạch đào tạo, bồi dưỡng năm 2026", page.QuerySelector("h1")!.TextContent.Trim());
        var ntdRow = Row(page, ntd);
        var saved = await staff.SubmitFormAsync("/Plans?year=2026", new Dictionary<string, string>
        {
            [Name(ntdRow, "PlannedClasses")] = "4",
            [Name(ntdRow, "PlannedTrainees")] = "150",
            [Name(Row(page, dvm), "PlannedClasses")] = "2",
        }, "form#plan-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        page = await staff.GetDocumentAsync(saved.Headers.Location!.OriginalString);
        Assert.Equal("Đã lưu kế hoạch năm 2026.", page.QuerySelector(".alert-success")!.TextContent.Trim());
        Assert.Equal("4", Field(Row(page, ntd), "PlannedClasses").Value);
        Assert.Equal("150", Field(Row(page, ntd), "PlannedTrainees").Value);
        Assert.Equal(["6", "150"], page.QuerySelectorAll("#plan-total td.text-end").Select(td => td.TextContent.Trim()));

        // Someone else saves NTD while this grid is open; posting the open grid is refused, keeping what was typed.
        var stale = page;
        await WithDbAsync(factory, async db =>
        {
            var line = await db.AnnualPlans.SingleAsync(p => p.ProgrammeId == ntd);
            line.PlannedTrainees = 175;
            return await db.SaveChangesAsync();
        });
        var values = FormValues((IHtmlFormElement)stale.QuerySelector("form#plan-form")!);
        values[Name(Row(stale, ntd), "PlannedTrainees")] = "160";
        var refused = await staff.PostAsync("/Plans/Save", new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await HtmlForms.ParseAsync(refused);
        Assert.Contains("Nội dung người đó đã lưu: Bồi dưỡng nhận thức về Đảng (toàn trung tâm): 4 lớp, 175 học viên.", refusedPage.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal("160", Field(Row(refusedPage, ntd), "PlannedTrainees").Value);

        // The re-shown grid carries the saved version: saving it overwrites on purpose.
        var overwrite = FormValues((IHtmlFormElement)refusedPage.QuerySelector("form#plan-form")!);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.PostAsync("/Plans/Save", new FormUrlEncodedContent(overwrite))).StatusCode);
        Assert.Equal(160, await WithDbAsync(factory, db => db.AnnualPlans.Where(p => p.ProgrammeId == ntd).Select(p => p.PlannedTrainees).SingleAsync()));

        // Copying into a year that has a plan is refused in Vietnamese; into the next year it works.
        var copied = await staff.SubmitFormAsync("/Plans?year=2026", new Dictionary<string, string>(), "form#copy-form");
        page = await staff.GetDocumentAsync(copied.Headers.Location!.OriginalString);
        Assert.Equal("Năm 2026 đã có kế hoạch nên không thể sao chép đè từ năm 2025. Hãy sửa trực tiếp trên bảng kế hoạch.", page.QuerySelector(".alert-danger")!.TextContent.Trim());
        copied = await staff.SubmitFormAsync("/Plans?year=2027", new Dictionary<string, string>(), "form#copy-form");
        page = await staff.GetDocumentAsync(copied.Headers.Location!.OriginalString);
        Assert.StartsWith("Đã sao chép 2 dòng kế hoạch từ năm 2026 sang năm 2027.", page.QuerySelector(".alert-success")!.TextContent.Trim());
        Assert.Equal("160", Field(Row(page, ntd), "PlannedTrainees").Value);
    }

    [Theory]
    [InlineData(Roles.CommitteeOfficial)]
    [InlineData(Roles.ProvincialOffice)]
    public async Task Committee_officials_and_the_provincial_office_read_the_plan_and_cannot_post_it(string role)
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("lanhdao", role);
        var ntd = await WithDbAsync(factory, async db =>
        {
            var programme = await db.Programmes.Where(p => p.Code == "NTD").Select(p => p.Id).SingleAsync();
            db.AnnualPlans.Add(new AnnualPlan { CentreId = await db.TrainingCentres.Select(c => c.Id).FirstAsync(), Year = 2026, ProgrammeId = programme, PlannedClasses = 12, PlannedTrainees = 2533 });
            await db.SaveChangesAsync();
            return programme;
        });
        var official = await factory.SignInAsync("lanhdao");

        var page = await official.GetDocumentAsync("/Plans?year=2026");
        Assert.Equal("12", Row(page, ntd).QuerySelector(".plan-classes")!.TextContent.Trim());
        Assert.Equal("2.533", Row(page, ntd).QuerySelector(".plan-trainees")!.TextContent.Trim());
        Assert.Empty(page.QuerySelectorAll("#plan-grid input[type=number]"));
        Assert.Null(page.QuerySelector("#copy-form"));

        var token = ((IHtmlInputElement)(await official.GetDocumentAsync("/Account/ChangePassword")).QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        foreach (var (url, body) in new (string, Dictionary<string, string>)[]
        {
            ("/Plans/Save", new() { ["Year"] = "2026", ["Lines[0].ProgrammeId"] = ntd.ToString(), ["Lines[0].PlannedClasses"] = "1" }),
            ("/Plans/Copy", new() { ["year"] = "2027" }),
        })
        {
            body["__RequestVerificationToken"] = token;
            var response = await official.PostAsync(url, new FormUrlEncodedContent(body));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
        }

        Assert.Equal(1, await WithDbAsync(factory, db => db.AnnualPlans.CountAsync()));
    }

    private static AngleSharp.Dom.IElement Row(IHtmlDocument page, int programmeId) =>
        page.QuerySelector($"#plan-grid tr.plan-programme[data-programme='{programmeId}']")
        ?? throw new InvalidOperationException($"No plan row for programme {programmeId}");

    private static IHtmlInputElement Field(AngleSharp.Dom.IElement row, string field) =>
        (IHtmlInputElement)row.QuerySelector($"input[name$='.{field}']")!;

    private static string Name(AngleSharp.Dom.IElement row, string field) => Field(row, field).Name!;

    private static Dictionary<string, string> FormValues(IHtmlFormElement form) =>
        form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>()
            .Where(i => i.Type is not ("checkbox" or "radio") || i.IsChecked)
            .GroupBy(i => i.Name!)
            .ToDictionary(g => g.Key, g => g.First().Value);

    private static async Task<T> WithDbAsync<T>(PortalFactory factory, Func<AppDbContext, Task<T>> work)
    {
        using var scope = factory.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
