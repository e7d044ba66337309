using System.Net;
using System.Net.Http.Headers;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Import;
using DistrictTraining.Tests.Import;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.Tests.Web;

/// <summary>The import pages: an .xls uploaded with a unit for the whole file, previewed again with other choices, confirmed, its skipped rows downloaded.</summary>
public class RosterImportPageTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task An_xls_list_is_previewed_with_the_chosen_unit_previewed_again_with_other_choices_and_its_skipped_rows_downloaded(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        int classId, catHanh, catTai;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            classId = (await TestData.ClassAsync(db, (await db.TrainingCentres.FirstAsync()).Id)).Id;
            catHanh = (await TestData.UnitAsync(db, "Xã Cát Hanh")).Id;
            catTai = (await TestData.UnitAsync(db, "Xã Cát Tài")).Id;
        }

        var client = await factory.SignInAsync("giaovu");
        var uploadPage = await client.GetDocumentAsync($"/RosterImport/Upload/{classId}");
        Assert.NotNull(uploadPage.QuerySelector($"#fileUnitId option[value='{catTai}']"));
        var antiforgery = uploadPage.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var upload = new MultipartFormDataContent();
        var file = new ByteArrayContent(XlsBuilder.FromGrid(RosterImportChoicesTests.CommuneList()));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.ms-excel");
        upload.Add(file, "file", "danh-sach.xls");
        upload.Add(new StringContent(antiforgery), "__RequestVerificationToken");
        upload.Add(new StringContent(catTai.ToString(System.Globalization.CultureInfo.InvariantCulture)), "fileUnitId");
        var response = await client.PostAsync($"/RosterImport/Upload/{classId}", upload);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await HtmlForms.ParseAsync(response);
        Assert.Contains("tệp Excel cũ .xls", preview.QuerySelector("main p.text-muted")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(catTai.ToString(System.Globalization.CultureInfo.InvariantCulture), preview.QuerySelector("#fileUnitId option[selected]")!.GetAttribute("value"));
        Assert.Null(preview.QuerySelector("#file-unit-proposed"));
        var dung = preview.QuerySelector("#preview tbody tr[data-row='7']")!;
        Assert.Contains("Xã Cát Tài (đơn vị của cả danh sách)", dung.QuerySelector(".unit")!.TextContent, StringComparison.Ordinal);
        var cuong = preview.QuerySelector("#preview tbody tr[data-row='6']")!;
        Assert.Equal(nameof(ImportRowKind.Error), cuong.GetAttribute("data-kind"));
        Assert.NotNull(cuong.QuerySelector("input[name=takeWithoutDates]:not([checked])"));

        // Previewed again with another unit for the file and the bad-date row taken: nothing is written yet.
        var form = preview.QuerySelector("#confirm-form")!;
        List<KeyValuePair<string, string>> Fields(int unit) =>
        [
            .. form.QuerySelectorAll("input[type=hidden]").Select(i => KeyValuePair.Create(i.GetAttribute("name")!, i.GetAttribute("value")!)),
            KeyValuePair.Create("fileUnitId", unit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            KeyValuePair.Create("takeWithoutDates", "6"),
        ];
        var again = await HtmlForms.ParseAsync(await client.PostAsync($"/RosterImport/Reload/{classId}", new FormUrlEncodedContent(Fields(catHanh))));
        Assert.Equal(catHanh.ToString(System.Globalization.CultureInfo.InvariantCulture), again.QuerySelector("#fileUnitId option[selected]")!.GetAttribute("value"));
        var taken = again.QuerySelector("#preview tbody tr[data-row='6']")!;
        Assert.Equal(nameof(ImportRowKind.New), taken.GetAttribute("data-kind"));
        Assert.NotNull(taken.QuerySelector("input[name=takeWithoutDates][checked]"));
        Assert.Contains("Để trống ngày sinh", taken.TextContent, StringComparison.Ordinal);
        using (var scope = factory.Services.CreateScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Trainees.AnyAsync());
        }

        var confirmForm = again.QuerySelector("#confirm-form")!;
        form = confirmForm;
        var confirmed = await client.PostAsync(confirmForm.GetAttribute("action"), new FormUrlEncodedContent(Fields(catHanh)));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var skippedUrl = confirmed.Headers.Location!.OriginalString;
        Assert.Contains("/RosterImport/Skipped/", skippedUrl, StringComparison.Ordinal);

        var skipped = await client.GetDocumentAsync(skippedUrl);
        var row = Assert.Single(skipped.QuerySelectorAll("#skipped tbody tr"));
        Assert.Contains("Võ Văn =SUM(A1)", row.TextContent, StringComparison.Ordinal);
        var download = await client.GetAsync(skipped.QuerySelector("#rows-to-fix")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Content.Headers.ContentType!.MediaType);
        Assert.True((await download.Content.ReadAsByteArrayAsync()).Length > 1000);

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(4, await db.Enrolments.CountAsync());
            Assert.Equal(catHanh, (await db.Trainees.SingleAsync(t => t.GivenName == "Dung")).UnitId);
        }

        // Someone else of the centre gets no report.
        await factory.CreateUserAsync("giaovu2", Roles.CentreStaff);
        var colleague = await factory.SignInAsync("giaovu2");
        var refused = await colleague.GetAsync(skippedUrl);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Roster/Index/", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
