using System.Net;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Tests.Import;
using DistrictTraining.Tests.Infrastructure;
using DistrictTraining.Tests.Organisation;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Web;

/// <summary>
/// The score and unit imports behind a balancer without sticky sessions: one browser (one cookie jar) uploads
/// and previews on one node and confirms on the other, which finds the pending upload in the database.
/// (The roster import's own two-node test is in <see cref="RosterPageTests"/>.)
/// </summary>
public class ImportsAcrossNodesTests
{
    private static async Task<(HttpClient OnFirst, HttpClient OnSecond)> OneBrowserOnTwoNodesAsync(PortalFactory first, PortalFactory second, string userName)
    {
        var jar = new CookieContainer();
        var onFirst = first.CreateDefaultClient(new CookieContainerHandler(jar));
        var onSecond = second.CreateDefaultClient(new CookieContainerHandler(jar));
        var signedIn = await onFirst.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = TestPassword.Default });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (onFirst, onSecond);
    }

    [Theory]
    [InlineData(Provider.PostgreSQL)]
    [InlineData(Provider.Sqlite)]
    public async Task Scores_previewed_on_one_node_are_written_by_the_other(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var first = new PortalFactory(database);
        await first.CreateUserAsync("giaovu", Roles.CentreStaff);
        await using var second = new PortalFactory(database);
        ClassFixture c;
        List<string> names = [];
        await using (var db = database.CreateContext())
        {
            c = await ClassTestData.CreateAsync(db, trainees: 3, sessions: 4, centreId: (await db.TrainingCentres.FirstAsync()).Id);
            await ClassTestData.MarkAsync(db, from e in c.EnrolmentIds from s in c.SessionIds select (e, s, AttendanceStatus.Present));
            foreach (var id in c.EnrolmentIds)
            {
                names.Add(await db.Enrolments.Where(e => e.Id == id).Select(e => e.Trainee!.FullName).SingleAsync());
            }
        }

        var (onFirst, onSecond) = await OneBrowserOnTwoNodesAsync(first, second, "giaovu");
        var upload = await onFirst.GetDocumentAsync($"/ScoreImport/Upload/{c.ClassId}");
        var token = upload.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var bytes = XlsxBuilder.FromGrid(["Họ và tên", "Điểm", "Điểm thi lại"], [names[0], "8", null], [names[1], "6,5", null]);
        var preview = await HtmlForms.ParseAsync(await onFirst.PostAsync($"/ScoreImport/Upload/{c.ClassId}", HtmlForms.Workbook(bytes, token, "diem.xlsx")));
        Assert.Equal("2", preview.QuerySelector("#write-count")!.TextContent);

        var confirm = preview.QuerySelector("#confirm-form")!;
        var fields = confirm.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        var confirmed = await onSecond.PostAsync(confirm.GetAttribute("action"), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var results = await onSecond.GetDocumentAsync(confirmed.Headers.Location!.OriginalString);
        Assert.Contains("Đã nhập điểm của 2 học viên.", results.QuerySelector("main")!.TextContent);
        await using (var db = database.CreateContext())
        {
            Assert.Equal([6.5m, 8m], await db.AssessmentResults.Select(r => r.Score!.Value).OrderBy(s => s).ToListAsync());
            Assert.Equal(0, await db.PendingUploads.CountAsync());
        }

        // The same confirmation sent again (a second tab, or back and resubmit) writes nothing more.
        var again = await onFirst.PostAsync(confirm.GetAttribute("action"), new FormUrlEncodedContent(fields));
        Assert.NotEqual(HttpStatusCode.InternalServerError, again.StatusCode);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(2, await db.AssessmentResults.CountAsync());
        }
    }

    [Theory]
    [InlineData(Provider.PostgreSQL)]
    [InlineData(Provider.Sqlite)]
    public async Task Units_previewed_on_one_node_are_added_by_the_other(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var first = new PortalFactory(database);
        await first.CreateUserAsync("admin", Roles.Administrator);
        await using var second = new PortalFactory(database);
        var (onFirst, onSecond) = await OneBrowserOnTwoNodesAsync(first, second, "admin");

        var page = await onFirst.GetDocumentAsync("/Units/Import");
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var sheet = TestWorkbook.Build(["Mã", "Tên đơn vị", "Loại"], ["21610", "Xã Cát Hanh", "Xã"], ["21613", "Xã Cát Hiệp", "Xã"]);
        var uploaded = await onFirst.PostAsync("/Units/Import", HtmlForms.Workbook(sheet, token, "don-vi.xlsx"));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var previewUrl = uploaded.Headers.Location!.OriginalString;

        // The preview itself, and its confirmation, on the other node.
        var preview = await onSecond.GetDocumentAsync(previewUrl);
        Assert.Equal(["New", "New"], preview.QuerySelectorAll("#import-rows tbody tr").Select(r => r.GetAttribute("data-status")!));
        var confirmed = await onSecond.SubmitFormAsync(previewUrl, new Dictionary<string, string>(), "main form[action*='ConfirmImport']");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await using var db = database.CreateContext();
        Assert.Equal(["Xã Cát Hanh", "Xã Cát Hiệp"], await db.OrganisationUnits.Where(u => u.Kind == UnitKind.Commune).OrderBy(u => u.Name).Select(u => u.Name).ToListAsync());
        Assert.Equal(0, await db.PendingUploads.CountAsync());
    }
}
