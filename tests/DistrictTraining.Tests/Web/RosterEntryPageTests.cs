using System.Net;
using System.Text.Json;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.Tests.Web;

/// <summary>The roster's entry forms over HTTP: parallel repeats of one submit, the card reader and the check while typing.</summary>
public class RosterEntryPageTests
{
    private static async Task<(PortalFactory Factory, int ClassId)> PortalWithClassAsync(TestDatabase database)
    {
        var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var c = await TestData.ClassAsync(db, (await db.TrainingCentres.FirstAsync()).Id);
        await TestData.TraineeAsync(db, "Lê", "Văn", "Tám", cccd: "052085001234");
        return (factory, c.Id);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Two_parallel_POSTs_of_the_quick_add_form_and_of_the_trainee_form_each_save_one_person(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, classId) = await PortalWithClassAsync(database);
        await using var _ = factory;
        var client = await factory.SignInAsync("giaovu");

        var roster = await client.GetDocumentAsync($"/Roster/Index/{classId}");
        var fields = new Dictionary<string, string>
        {
            ["NewTrainee.FamilyName"] = "Hồ", ["NewTrainee.MiddleName"] = "Thị", ["NewTrainee.GivenName"] = "Xuân",
            ["NewTrainee.Sex"] = "Female", ["NewTrainee.Birth"] = "01/02/1990",
        };
        var responses = await Task.WhenAll(client.PostFormAsync(roster, "#add-new", fields), client.PostFormAsync(roster, "#add-new", fields));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));

        var form = await client.GetDocumentAsync("/Trainees/Create");
        var person = new Dictionary<string, string> { ["FamilyName"] = "Vũ", ["MiddleName"] = "Văn", ["GivenName"] = "Nam", ["Birth"] = "1979" };
        var created = await Task.WhenAll(client.PostFormAsync(form, "main form", person), client.PostFormAsync(form, "main form", person), client.PostFormAsync(form, "main form", person));
        Assert.All(created, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Single(created.Select(r => r.Headers.Location!.OriginalString).Distinct());

        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Trainees.CountAsync(t => t.GivenName == "Xuân"));
        Assert.Equal(1, await db.Trainees.CountAsync(t => t.GivenName == "Nam"));
        Assert.Equal(1, await db.Enrolments.CountAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_card_reader_and_the_check_answer_JSON_without_a_whole_CCCD_of_someone_else(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (factory, classId) = await PortalWithClassAsync(database);
        await using var _ = factory;
        var client = await factory.SignInAsync("giaovu");
        var roster = await client.GetDocumentAsync($"/Roster/Index/{classId}");
        var token = roster.QuerySelector("#add-existing input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        async Task<JsonElement> PostAsync(string url, Dictionary<string, string> form)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add("RequestVerificationToken", token);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        }

        var found = await PostAsync($"/Roster/Recognise/{classId}", new() { ["text"] = "052085001234|215000111|LÊ VĂN TÁM|01021985|Nam|Xã Cát Hanh|01012021" });
        Assert.Equal(("card", "Lê Văn Tám", "…1234"), (found.GetProperty("kind").GetString(), found.GetProperty("existing").GetProperty("fullName").GetString(), found.GetProperty("existing").GetProperty("cccdTail").GetString()));

        var check = await PostAsync("/Trainees/Check", new() { ["FamilyName"] = "Phạm", ["GivenName"] = "Hùng", ["Sex"] = "Female", ["Birth"] = "1985", ["Cccd"] = "052085001234" });
        Assert.Equal("…1234", check.GetProperty("cccdOwner").GetProperty("cccdTail").GetString());
        Assert.Equal("CCCD cho biết giới tính Nam, nhưng giới tính đã nhập là Nữ.", check.GetProperty("identityWarnings")[0].GetString());
        Assert.DoesNotContain("052085001234", check.GetRawText());

        // Without the antiforgery token the POSTs are refused.
        var bare = await client.PostAsync("/Trainees/Check", new FormUrlEncodedContent(new Dictionary<string, string> { ["Cccd"] = "052085001234" }));
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
    }
}
