using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Trainees;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.Tests.Web;

/// <summary>The registry pages through real HTTP: forms, Vietnamese messages, encoding, who may see what.</summary>
public class TraineePagesTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_create_form_refuses_in_Vietnamese_keeps_what_was_typed_then_saves_and_warns(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var client = await factory.SignInAsync("giaovu");

        var refused = await client.SubmitTraineeFormAsync("/Trainees/Create", new()
        {
            ["FamilyName"] = "Nguyễn", ["MiddleName"] = "Văn", ["GivenName"] = "", ["Birth"] = "30/02/1985", ["Cccd"] = "12345",
            ["Position"] = "Bí thư chi bộ", ["PartyStatus"] = "NonMember", ["PartyJoinDate"] = "2010-05-19", ["Note"] = "Ghi chú <b>thử</b>",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var form = await HtmlForms.ParseAsync(refused);
        var text = form.Body!.TextContent;
        Assert.Contains("Vui lòng nhập Tên.", text);
        Assert.Contains(TraineeInputParser.BirthFormatMessage, text);
        Assert.Contains("Số CCCD phải gồm đúng 12 chữ số.", text);
        Assert.Contains("Quần chúng (chưa vào Đảng) thì không có ngày vào Đảng.", text);
        Assert.Equal("Nguyễn", Value(form, "FamilyName"));
        Assert.Equal("30/02/1985", Value(form, "Birth"));
        Assert.Equal("12345", Value(form, "Cccd"));
        Assert.Equal("Bí thư chi bộ", Value(form, "Position"));
        Assert.Equal("2010-05-19", Value(form, "PartyJoinDate"));
        Assert.Equal("Ghi chú <b>thử</b>", ((IHtmlTextAreaElement)form.QuerySelector("textarea[name=Note]")!).Value);

        // Saved, and the CCCD (digit 4 = 0: a man born in 1985) contradicting the sex typed is a warning, not a refusal.
        var saved = await client.SubmitTraineeFormAsync("/Trainees/Create", new()
        {
            ["FamilyName"] = "Nguyễn", ["MiddleName"] = "Thị", ["GivenName"] = "Hoa", ["Sex"] = "Female", ["Birth"] = "12/03/1985",
            ["Cccd"] = "052 085 001 234", ["PartyStatus"] = "FullMember", ["PartyJoinDate"] = "2010-05-19", ["PartyOfficialDate"] = "2011-05-19",
            ["TheoryLevel"] = "Intermediate", ["CommitteeRole"] = "DeputySecretary", ["Ethnicity"] = "Kinh", ["Education"] = "12/12",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var details = await client.GetDocumentAsync(saved.Headers.Location!.OriginalString);
        Assert.Equal("Nguyễn Thị Hoa", details.QuerySelector("#trainee-name")!.TextContent.Trim());
        Assert.Contains("Đã thêm học viên Nguyễn Thị Hoa.", details.Body!.TextContent);
        Assert.Contains("CCCD cho biết giới tính Nam, nhưng giới tính đã nhập là Nữ.", details.QuerySelector("#identity-warnings")!.TextContent);
        var fields = details.Body.TextContent;
        foreach (var shown in new[] { "052085001234", "12/03/1985", "Đảng viên chính thức", "19/05/2011", "Trung cấp", "Phó Bí thư", "12/12" })
        {
            Assert.Contains(shown, fields);
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_duplicate_CCCD_names_and_links_its_owner_and_the_form_keeps_what_was_typed(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var client = await factory.SignInAsync("giaovu");
        var first = await client.SubmitTraineeFormAsync("/Trainees/Create", new()
        {
            ["FamilyName"] = "Nguyễn", ["MiddleName"] = "Văn", ["GivenName"] = "An", ["Birth"] = "12/03/1985", ["Cccd"] = "052085001234",
        });
        var ownerUrl = first.Headers.Location!.OriginalString;

        var second = await client.SubmitTraineeFormAsync("/Trainees/Create", new()
        {
            ["FamilyName"] = "Trần", ["MiddleName"] = "Thị", ["GivenName"] = "Bích", ["Birth"] = "1990", ["Cccd"] = "052085001234", ["Phone"] = "0912 345 678",
        });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page = await HtmlForms.ParseAsync(second);
        Assert.Contains("Số CCCD này đã thuộc về học viên Nguyễn Văn An (sinh 1985).", page.Body!.TextContent);
        Assert.Equal(ownerUrl, page.QuerySelector("#cccd-owner")!.GetAttribute("href"));
        Assert.Equal(("Trần", "Bích", "1990", "0912 345 678"), (Value(page, "FamilyName"), Value(page, "GivenName"), Value(page, "Birth"), Value(page, "Phone")));
    }

    [Fact]
    public async Task A_possible_duplicate_needs_the_confirmation_box_to_be_created()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var client = await factory.SignInAsync("giaovu");
        var person = new Dictionary<string, string> { ["FamilyName"] = "Nguyễn", ["MiddleName"] = "Văn", ["GivenName"] = "An", ["Birth"] = "12/03/1985" };
        var first = await client.SubmitTraineeFormAsync("/Trainees/Create", person);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        var again = await client.SubmitTraineeFormAsync("/Trainees/Create", new(person) { ["FamilyName"] = "nguyen" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var page = await HtmlForms.ParseAsync(again);
        var warning = page.QuerySelector("#possible-duplicates")!;
        Assert.Equal(first.Headers.Location!.OriginalString, warning.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Tôi xác nhận đây là người khác", warning.TextContent);
        Assert.NotNull(page.QuerySelector("input[type=checkbox][name=ConfirmedDistinct]"));

        var confirmed = await client.PostFormAsync(page, new() { ["ConfirmedDistinct"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var list = await client.GetDocumentAsync("/Trainees?q=nguyen+van+an");
        Assert.Equal(2, list.QuerySelectorAll("#trainee-results tbody tr").Length);
    }

    [Fact]
    public async Task Markup_is_refused_in_names_and_shown_as_text_never_as_markup_elsewhere()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var client = await factory.SignInAsync("giaovu");
        const string Script = "<script>alert(1)</script>";

        // Markup in a name is refused by the trainee rules (issue 11); in other fields it is kept and shown as text.
        var created = await client.SubmitTraineeFormAsync("/Trainees/Create", new()
        {
            ["FamilyName"] = "Lê", ["GivenName"] = "Tèo", ["Position"] = Script, ["Qualification"] = "<img src=x onerror=alert(2)>",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var url = created.Headers.Location!.OriginalString;
        var html = await (await client.GetAsync(url)).Content.ReadAsStringAsync();
        Assert.DoesNotContain(Script, html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains(Script, (await client.GetDocumentAsync(url)).Body!.TextContent);

        var refused = await client.SubmitTraineeFormAsync("/Trainees/Create", new() { ["FamilyName"] = Script, ["GivenName"] = "Tèo" });
        var form = await refused.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Script, form);
        Assert.Contains("không được chứa dấu < hoặc >", (await HtmlForms.ParseAsync(refused)).Body!.TextContent);
        Assert.Equal(Script, Value(await HtmlForms.ParseAsync(refused), "FamilyName"));
    }

    [Fact]
    public async Task A_unit_liaison_reads_their_own_unit_only_and_changes_nothing()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("admin", Roles.Administrator);
        int ownUnit, ownId, otherId;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var own = new OrganisationUnit { Name = "Xã Cát Hanh", Kind = UnitKind.Commune };
            var other = new OrganisationUnit { Name = "Xã Cát Hiệp", Kind = UnitKind.Commune };
            var mine = new Trainee { FamilyName = "Lê", MiddleName = "Văn", GivenName = "Tám", Unit = own };
            var theirs = new Trainee { FamilyName = "Phan", MiddleName = "Thị", GivenName = "Cúc", Unit = other };
            db.Trainees.AddRange(mine, theirs);
            await db.SaveChangesAsync();
            (ownUnit, ownId, otherId) = (own.Id, mine.Id, theirs.Id);
        }

        await factory.CreateUserAsync("lienlac", Roles.UnitLiaison, unitId: ownUnit);
        var liaison = await factory.SignInAsync("lienlac");

        var list = (await liaison.GetDocumentAsync("/Trainees")).Body!.TextContent;
        Assert.Contains("Lê Văn Tám", list);
        Assert.DoesNotContain("Phan Thị Cúc", list);
        Assert.DoesNotContain("Phan Thị Cúc", (await liaison.GetDocumentAsync($"/Trainees?q=cuc&unitId={ownUnit + 1}")).Body!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await liaison.GetAsync($"/Trainees/Details/{ownId}")).StatusCode);
        // Another unit's person, asked for by URL.
        Assert.Equal(HttpStatusCode.NotFound, (await liaison.GetAsync($"/Trainees/Details/{otherId}")).StatusCode);

        foreach (var url in new[] { "/Trainees/Create", $"/Trainees/Edit/{ownId}", "/Trainees/Lookup?q=le" })
        {
            var response = await liaison.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task Lookup_answers_JSON_to_staff_only()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        await factory.CreateUserAsync("lanhdao", Roles.CommitteeOfficial);
        var staff = await factory.SignInAsync("giaovu");
        await staff.SubmitTraineeFormAsync("/Trainees/Create", new()
        {
            ["FamilyName"] = "Đặng", ["MiddleName"] = "Thị", ["GivenName"] = "Ánh", ["Birth"] = "1990", ["Cccd"] = "052190001234",
        });

        var response = await staff.GetAsync("/Trainees/Lookup?q=dang%20thi&take=10");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var item = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(["id", "fullName", "birth", "cccdTail", "unitName"], item.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("Đặng Thị Ánh", "1990", "…1234"), (item.GetProperty("fullName").GetString(), item.GetProperty("birth").GetString(), item.GetProperty("cccdTail").GetString()));

        var official = await factory.SignInAsync("lanhdao");
        Assert.Equal(HttpStatusCode.Redirect, (await official.GetAsync("/Trainees/Lookup?q=dang")).StatusCode);
        Assert.Contains("Đặng Thị Ánh", (await official.GetDocumentAsync("/Trainees?q=dang")).Body!.TextContent);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_second_of_two_staff_editing_the_same_person_is_told_what_the_first_changed(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu1", Roles.CentreStaff);
        await factory.CreateUserAsync("giaovu2", Roles.CentreStaff);
        var first = await factory.SignInAsync("giaovu1");
        var second = await factory.SignInAsync("giaovu2");
        var created = await first.SubmitTraineeFormAsync("/Trainees/Create", new() { ["FamilyName"] = "Nguyễn", ["MiddleName"] = "Văn", ["GivenName"] = "An" });
        var id = created.Headers.Location!.OriginalString.Split('/')[^1];

        var formOfFirst = await first.GetDocumentAsync($"/Trainees/Edit/{id}");
        var formOfSecond = await second.GetDocumentAsync($"/Trainees/Edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync(formOfFirst, new() { ["Position"] = "Bí thư chi bộ" })).StatusCode);

        var refused = await second.PostFormAsync(formOfSecond, new() { ["Position"] = "Chi ủy viên", ["Phone"] = "0912345678" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlForms.ParseAsync(refused);
        Assert.Contains("Hồ sơ này vừa được Người dùng giaovu1 (giaovu1) lưu", page.Body!.TextContent);
        Assert.Equal(["Chức vụ: “Bí thư chi bộ” → bản của bạn: “Chi ủy viên”"], page.QuerySelectorAll("#edit-conflict li").Select(li => li.TextContent.Trim()));
        Assert.Equal(("Chi ủy viên", "0912345678"), (Value(page, "Position"), Value(page, "Phone")));
        Assert.NotEqual(Value(formOfSecond, "Version"), Value(page, "Version"));
        var details = (await second.GetDocumentAsync($"/Trainees/Details/{id}")).Body!.TextContent;
        Assert.Contains("Bí thư chi bộ", details);
        Assert.DoesNotContain("0912345678", details);

        // Having read the message, the second person saves on purpose.
        Assert.Equal(HttpStatusCode.Redirect, (await second.PostFormAsync(page, new())).StatusCode);
        var history = (await second.GetDocumentAsync($"/Trainees/Details/{id}")).QuerySelector("#trainee-history")!.TextContent;
        Assert.Contains("Chức vụ: Bí thư chi bộ → Chi ủy viên", history);
        Assert.Contains("Chức vụ: (trống) → Bí thư chi bộ", history);
        Assert.Contains("Điện thoại: (trống) → 0912345678", history);
        Assert.Contains("Người dùng giaovu2 (giaovu2)", history);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Saving_again_after_a_conflict_keeps_what_the_other_changed_in_fields_this_user_did_not_touch(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu1", Roles.CentreStaff);
        await factory.CreateUserAsync("giaovu2", Roles.CentreStaff);
        var first = await factory.SignInAsync("giaovu1");
        var second = await factory.SignInAsync("giaovu2");
        var created = await first.SubmitTraineeFormAsync("/Trainees/Create", new() { ["FamilyName"] = "Nguyễn", ["MiddleName"] = "Văn", ["GivenName"] = "An", ["Note"] = "Cũ" });
        var id = created.Headers.Location!.OriginalString.Split('/')[^1];

        var formOfFirst = await first.GetDocumentAsync($"/Trainees/Edit/{id}");
        var formOfSecond = await second.GetDocumentAsync($"/Trainees/Edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync(formOfFirst, new() { ["Position"] = "Bí thư chi bộ", ["Note"] = "Mới" })).StatusCode);

        // The second changed only the phone; the form still holds the old position and note.
        var page = await HtmlForms.ParseAsync(await second.PostFormAsync(formOfSecond, new() { ["Phone"] = "0912345678" }));
        Assert.Equal(
            ["Chức vụ: “Bí thư chi bộ” (bạn không sửa trường này: giữ giá trị của họ)", "Ghi chú: “Mới” (bạn không sửa trường này: giữ giá trị của họ)"],
            page.QuerySelectorAll("#edit-conflict li").Select(li => li.TextContent.Trim()));
        Assert.Equal(("Bí thư chi bộ", "0912345678"), (Value(page, "Position"), Value(page, "Phone")));

        Assert.Equal(HttpStatusCode.Redirect, (await second.PostFormAsync(page, new())).StatusCode);
        await using var db = database.CreateContext();
        var stored = await db.Trainees.SingleAsync();
        Assert.Equal(("Bí thư chi bộ", "Mới", "0912345678"), (stored.Position, stored.Note, stored.Phone));
    }

    private static string? Value(IHtmlDocument document, string name) =>
        (document.QuerySelector($"[name='{name}']") as IHtmlInputElement)?.Value;
}

/// <summary>Posts a whole form the way a browser does: inputs, selected options and text areas, with field overrides.</summary>
internal static class TraineeForms
{
    public static async Task<HttpResponseMessage> SubmitTraineeFormAsync(this HttpClient client, string url, Dictionary<string, string> fields) =>
        await client.PostFormAsync(await client.GetDocumentAsync(url), fields);

    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, IHtmlDocument page, Dictionary<string, string> fields)
    {
        var form = page.QuerySelector("#trainee-form") as IHtmlFormElement ?? throw new InvalidOperationException("No trainee form on the page.");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("[name]"))
        {
            var name = element.GetAttribute("name")!;
            if (fields.ContainsKey(name))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false }:
                    break;
                case IHtmlInputElement input:
                    values.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement select:
                    values.Add(new(name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    values.Add(new(name, area.Value));
                    break;
            }
        }

        values.AddRange(fields);
        return client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values));
    }
}
