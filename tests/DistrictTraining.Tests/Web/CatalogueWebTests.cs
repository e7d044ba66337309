using System.Net;
using System.Net.Http.Headers;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Tests.Infrastructure;
using DistrictTraining.Tests.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.Tests.Web;

/// <summary>The catalogue and organisation pages through real form posts: Vietnamese messages, decimals typed either way, who may do what.</summary>
public class CatalogueWebTests
{
    private static async Task<T> QueryAsync<T>(PortalFactory factory, Func<AppDbContext, Task<T>> query)
    {
        using var scope = factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static Task<Programme> ProgrammeAsync(PortalFactory factory, string code) =>
        QueryAsync(factory, db => db.Programmes.AsNoTracking().Include(p => p.GradeBands).SingleAsync(p => p.Code == code));

    /// <summary>The selects of the programme form (the form helper posts inputs only), as the programme has them.</summary>
    private static Dictionary<string, string> ProgrammeFields(params (string Key, string Value)[] changes)
    {
        var fields = new Dictionary<string, string> { ["Kind"] = "PartyAwareness", ["Assessment"] = "FinalReflection", ["Certificate"] = "Certificate" };
        foreach (var (key, value) in changes)
        {
            fields[key] = value;
        }

        return fields;
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_pass_score_typed_with_a_comma_or_a_point_means_the_same(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("admin", Roles.Administrator);
        var admin = await factory.SignInAsync("admin");
        var url = $"/Programmes/Edit/{(await ProgrammeAsync(factory, "NTD")).Id}";

        var comma = await admin.SubmitFormAsync(url, ProgrammeFields(("PassScore", "7,5"), ("AttendanceThresholdPercent", "82,5"),
            ("GradeBands[1].MinScore", "6,5"), ("GradeBands[1].Name", "Khá"), ("GradeBands[4].MinScore", "3.5"), ("GradeBands[4].Name", "Yếu")));
        Assert.Equal(HttpStatusCode.Redirect, comma.StatusCode);
        var saved = await ProgrammeAsync(factory, "NTD");
        Assert.Equal((7.5m, 82.5m), (saved.PassScore, saved.AttendanceThresholdPercent));
        Assert.Equal([3.5m, 5.0m, 6.5m, 8.0m, 9.0m], saved.GradeBands.Select(b => b.MinScore).Order());

        var point = await admin.SubmitFormAsync(url, ProgrammeFields(("PassScore", "6.5")));
        Assert.Equal(HttpStatusCode.Redirect, point.StatusCode);
        Assert.Equal(6.5m, (await ProgrammeAsync(factory, "NTD")).PassScore);

        // Shown back the Vietnamese way.
        var form = await admin.GetDocumentAsync(url);
        Assert.Equal("6,5", form.QuerySelector("#PassScore")!.GetAttribute("value"));
        var list = await admin.GetDocumentAsync("/Programmes");
        Assert.Equal("6,5", list.QuerySelector("tr[data-code=NTD] .pass-score")!.TextContent.Trim());
    }

    [Fact]
    public async Task Wrong_programme_rules_come_back_with_Vietnamese_messages_and_what_was_typed()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("admin", Roles.Administrator);
        var admin = await factory.SignInAsync("admin");
        var url = $"/Programmes/Edit/{(await ProgrammeAsync(factory, "NTD")).Id}";

        async Task<string> Refused(params (string, string)[] changes)
        {
            var response = await admin.SubmitFormAsync(url, ProgrammeFields(changes));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        Assert.Contains("Điểm đạt phải từ 0 đến 10.", await Refused(("PassScore", "11")));
        var notANumber = await Refused(("PassScore", "năm rưỡi"));
        Assert.Contains("Điểm đạt phải là một số.", notANumber);
        Assert.Contains("value=\"năm rưỡi\"", notANumber);
        Assert.Contains("Vui lòng nhập Điểm đạt.", await Refused(("PassScore", "")));
        Assert.Contains("Vui lòng nhập Tên chương trình.", await Refused(("Name", " ")));
        Assert.Contains("Tỷ lệ chuyên cần tối thiểu (%) phải từ 0 đến 100.", await Refused(("AttendanceThresholdPercent", "120")));
        Assert.Contains("Hai xếp loại không được có cùng điểm tối thiểu.", await Refused(("GradeBands[1].MinScore", "5,0")));
        Assert.Contains("Điểm đạt chỉ được có một chữ số thập phân.", await Refused(("PassScore", "5,25")));
        var bandWithoutScore = await Refused(("GradeBands[4].Name", "Kém"));
        Assert.Contains("Vui lòng nhập điểm tối thiểu của xếp loại “Kém”.", bandWithoutScore);
        Assert.Contains("value=\"Kém\"", bandWithoutScore);

        Assert.Equal(5.0m, (await ProgrammeAsync(factory, "NTD")).PassScore);
    }

    [Fact]
    public async Task Staff_read_the_catalogue_and_keep_lecturers_but_only_administrators_change_the_catalogue_and_units()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        await factory.CreateUserAsync("lanhdao", Roles.CommitteeOfficial);
        var staff = await factory.SignInAsync("giaovu");
        var official = await factory.SignInAsync("lanhdao");
        var id = (await ProgrammeAsync(factory, "NTD")).Id;

        static async Task<string> Outcome(HttpClient client, string url)
        {
            var response = await client.GetAsync(url);
            return response.StatusCode == HttpStatusCode.Redirect ? "redirect " + response.Headers.Location!.AbsolutePath : ((int)response.StatusCode).ToString();
        }

        Assert.Equal("200", await Outcome(staff, "/Programmes"));
        Assert.Equal("200", await Outcome(official, "/Programmes"));
        Assert.Equal("200", await Outcome(staff, "/Lecturers"));
        foreach (var url in new[] { $"/Programmes/Edit/{id}", "/Programmes/Create", "/Units", "/Units/Import", "/Centre" })
        {
            Assert.Equal("redirect /Account/AccessDenied", await Outcome(staff, url));
        }

        Assert.Equal("redirect /Account/AccessDenied", await Outcome(official, "/Lecturers"));
        var list = await staff.GetDocumentAsync("/Programmes");
        Assert.Empty(list.QuerySelectorAll("a[href^='/Programmes/Edit']"));
    }

    [Fact]
    public async Task Units_are_created_merged_and_imported_through_the_pages()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("admin", Roles.Administrator);
        var admin = await factory.SignInAsync("admin");

        var missing = await admin.SubmitFormAsync("/Units/Create", new Dictionary<string, string> { ["Name"] = "" });
        var missingText = await missing.Content.ReadAsStringAsync();
        Assert.Contains("Vui lòng nhập Tên đơn vị.", missingText);
        Assert.Contains("Vui lòng nhập Loại đơn vị.", missingText);
        var reversed = await admin.SubmitFormAsync("/Units/Create", new Dictionary<string, string>
        {
            ["Name"] = "Huyện Phù Cát", ["Kind"] = "District", ["ValidFrom"] = "2025-07-01", ["ValidTo"] = "2025-06-30",
        });
        Assert.Contains("Ngày bắt đầu hiệu lực phải trước ngày hết hiệu lực.", await reversed.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync("/Units/Create", new Dictionary<string, string>
        {
            ["Name"] = "Huyện Phù Cát", ["Code"] = "540", ["Kind"] = "District", ["ValidTo"] = "2025-06-30",
        })).StatusCode);

        // Import two communes under the district, through the preview.
        var sheet = TestWorkbook.Build(
            ["Mã", "Tên đơn vị", "Loại", "Đơn vị cấp trên", "Hiệu lực đến"],
            ["21610", "Xã Cát Hanh", "Xã", "540", "30/06/2025"],
            ["21613", "Xã Cát Hiệp", "Xã", "Huyện Phù Cát", "30/06/2025"],
            [null, "Xã Lỗi", "Ấp", null, null]);
        var uploaded = await UploadAsync(admin, sheet, "don-vi.xlsx");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var previewUrl = uploaded.Headers.Location!.OriginalString;
        var preview = await admin.GetDocumentAsync(previewUrl);
        Assert.Equal(["New", "New", "Error"], preview.QuerySelectorAll("#import-rows tbody tr").Select(r => r.GetAttribute("data-status")!));
        Assert.Contains("Loại đơn vị “Ấp” không rõ", preview.QuerySelector("tr[data-row='4']")!.TextContent);
        Assert.Equal(1, await QueryAsync(factory, db => db.OrganisationUnits.CountAsync()));
        var confirmed = await admin.SubmitFormAsync(previewUrl, new Dictionary<string, string>(), "main form[action*='ConfirmImport']");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var ids = await QueryAsync(factory, db => db.OrganisationUnits.Where(u => u.Kind == UnitKind.Commune).OrderBy(u => u.Name).Select(u => u.Id).ToListAsync());
        Assert.Equal(2, ids.Count);

        // Merge both into a new commune from 1 July 2025.
        var merged = await PostAsync(admin, "/Units/Merge", "main form",
        [
            new("UnitIds", ids[0].ToString()), new("UnitIds", ids[1].ToString()), new("SuccessorMode", "new"),
            new("NewName", "Xã Hòa Hội"), new("NewKind", "Commune"), new("LastDay", "2025-06-30"), new("MoveChildren", "true"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        var after = await admin.GetDocumentAsync("/Units?on=2025-07-01&all=true");
        var oldRow = after.QuerySelectorAll("#units tbody tr").Single(r => r.TextContent.Contains("Xã Cát Hanh"));
        Assert.Contains("unit-ended", oldRow.ClassList);
        Assert.Contains("Đã sáp nhập vào Xã Hòa Hội", oldRow.TextContent);
        var onlyValid = await admin.GetDocumentAsync("/Units?on=2025-07-01");
        Assert.Equal(["Xã Hòa Hội"], onlyValid.QuerySelectorAll("#units tbody tr td:nth-child(2)").Select(c => c.TextContent.Trim()));

        var mergeAgain = await PostAsync(admin, "/Units/Merge", "main form",
            [new("UnitIds", ids[0].ToString()), new("SuccessorMode", "existing"), new("LastDay", "2025-06-30")]);
        Assert.Contains("Vui lòng chọn một đơn vị kế thừa đã có", await mergeAgain.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unreadable_and_oversized_imports_are_refused_in_Vietnamese()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("admin", Roles.Administrator);
        var admin = await factory.SignInAsync("admin");

        var garbage = await UploadAsync(admin, "Mã;Tên đơn vị\n1;Xã A"u8.ToArray(), "don-vi.csv");
        Assert.Equal(HttpStatusCode.OK, garbage.StatusCode);
        Assert.Contains("Tệp không phải bảng tính Excel .xlsx", await garbage.Content.ReadAsStringAsync());

        var huge = await UploadAsync(admin, new byte[(10 * 1024 * 1024) + 1], "lon.xlsx");
        Assert.Contains("Tệp lớn hơn 10 MB", await huge.Content.ReadAsStringAsync());

        var template = await admin.GetAsync("/Units/Template");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", template.Content.Headers.ContentType!.MediaType);
        var fromTemplate = await UploadAsync(admin, await template.Content.ReadAsByteArrayAsync(), "mau.xlsx");
        Assert.Equal(HttpStatusCode.Redirect, fromTemplate.StatusCode);
        var cancel = await admin.SubmitFormAsync(fromTemplate.Headers.Location!.OriginalString, new Dictionary<string, string>(), "main form[action*='CancelImport']");
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.Equal(0, await QueryAsync(factory, db => db.OrganisationUnits.CountAsync()));
    }

    [Fact]
    public async Task Lecturers_are_kept_per_centre_with_Vietnamese_messages()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var staff = await factory.SignInAsync("giaovu");

        var refused = await staff.SubmitFormAsync("/Lecturers/Create", new Dictionary<string, string> { ["FamilyName"] = "Nguyễn", ["Phone"] = "gọi tôi" });
        var text = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Vui lòng nhập Tên.", text);
        Assert.Contains("Vui lòng nhập Loại giảng viên.", text);
        Assert.Contains("Số điện thoại chỉ gồm chữ số", text);
        Assert.Contains("value=\"Nguyễn\"", text);

        var created = await staff.SubmitFormAsync("/Lecturers/Create", new Dictionary<string, string>
        {
            ["FamilyName"] = "Nguyễn", ["MiddleName"] = "Văn", ["GivenName"] = "An", ["Kind"] = "FullTime", ["Phone"] = "0256 3850 123",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        // A lecturer of another centre, added behind the pages' back.
        var otherId = await QueryAsync(factory, async db =>
        {
            var other = new TrainingCentre { Name = "Trung tâm khác" };
            db.TrainingCentres.Add(other);
            await db.SaveChangesAsync();
            var lecturer = new Lecturer { CentreId = other.Id, FamilyName = "Võ", MiddleName = "Thị", GivenName = "Sáu", Kind = LecturerKind.PartTime };
            db.Lecturers.Add(lecturer);
            await db.SaveChangesAsync();
            return lecturer.Id;
        });

        var list = await staff.GetDocumentAsync("/Lecturers?q=nguyen");
        Assert.Equal(["Nguyễn Văn An"], list.QuerySelectorAll("#lecturers tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        var all = await staff.GetDocumentAsync("/Lecturers?status=all");
        Assert.DoesNotContain("Võ Thị Sáu", all.Body!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/Lecturers/Edit/{otherId}")).StatusCode);
    }

    [Fact]
    public async Task The_centre_settings_page_saves_and_refuses_in_Vietnamese()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("admin", Roles.Administrator);
        var admin = await factory.SignInAsync("admin");

        var refused = await admin.SubmitFormAsync("/Centre", new Dictionary<string, string> { ["MinimumClassSize"] = "0" });
        Assert.Contains("Sĩ số tối thiểu của lớp phải từ 1 đến 1000.", await refused.Content.ReadAsStringAsync());

        var saved = await admin.SubmitFormAsync("/Centre", new Dictionary<string, string>
        {
            ["ParentBodyName"] = "Đảng ủy xã Cát Hanh", ["PlaceName"] = "Cát Hanh", ["MinimumClassSize"] = "30",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var centre = await QueryAsync(factory, db => db.TrainingCentres.SingleAsync());
        Assert.Equal(("ĐẢNG ỦY XÃ CÁT HANH", "Cát Hanh", 30), (centre.ParentBodyName, centre.PlaceName, centre.MinimumClassSize));
    }

    private static async Task<string> TokenAsync(HttpClient client, string url, string formSelector) =>
        (await client.GetDocumentAsync(url)).QuerySelector($"{formSelector} input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string fileName)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(await TokenAsync(client, "/Units/Import", "main form")), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "file", fileName);
        return await client.PostAsync("/Units/Import", content);
    }

    /// <summary>Posts fields that repeat a name (several ticked boxes), with the page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string formSelector, List<KeyValuePair<string, string>> fields)
    {
        fields.Add(new("__RequestVerificationToken", await TokenAsync(client, url, formSelector)));
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }
}
