using System.Net;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Quality;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DistrictTraining.Tests.Web;

/// <summary>The public survey pages (/ks): answered by a real form post, private, and rate-limited like the verification page.</summary>
public class SurveyPageTests
{
    private static async Task<(string Key, string Code, int TargetId, IReadOnlyList<int> Questions)> OpenSurveyAsync(PortalFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var c = await ClassTestData.CreateAsync(db, trainees: 2, sessions: 1, centreId: (await db.TrainingCentres.FirstAsync()).Id);
        var lecturer = await ClassTestData.LecturerAsync(db, c.CentreId, "Phạm", "Hùng", null);
        await db.ClassSessions.Where(s => s.ClassId == c.ClassId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LecturerId, lecturer.Id));
        var surveys = new SurveyService(db, new FixedUserScope(c.CentreId, UserId: "giaovu"), TimeProvider.System);
        var slips = (await surveys.SlipsAsync(await surveys.OpenAsync(new SurveyOpening(c.ClassId, null, null, 2))))!;
        var form = (await new SurveyAnsweringService(db, TimeProvider.System).FormAsync(slips.PublicKey))!;
        return (slips.PublicKey, slips.Codes[0], form.Targets[0].Id, [.. form.Questions.Select(q => q.Id)]);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task An_anonymous_trainee_answers_by_the_form_once_and_the_pages_stay_private(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var (key, code, target, questions) = await OpenSurveyAsync(factory);
        var anonymous = factory.CreateBrowserlessClient();

        var page = await anonymous.GetAsync($"/ks/{key.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("noindex, nofollow", page.Headers.GetValues("X-Robots-Tag").Single());

        var fields = questions.ToDictionary(q => SurveyAnswerPageField(target, q), _ => "4");
        fields["code"] = code;
        fields[$"c_{target}"] = "Rất bổ ích.";
        var document = await anonymous.GetDocumentAsync($"/ks/{key}");
        var thanks = await HtmlForms.ParseAsync(await anonymous.PostFormAsync(document, "#survey-form", fields));
        Assert.NotNull(thanks.QuerySelector("#survey-thanks"));
        document = await anonymous.GetDocumentAsync($"/ks/{key}");
        var again = await HtmlForms.ParseAsync(await anonymous.PostFormAsync(document, "#survey-form", fields));
        Assert.Contains("đã được dùng", again.QuerySelector("#survey-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Rất bổ ích.", again.QuerySelector($"#c_{target}")!.TextContent); // what was typed stays

        // An unknown key: 404 with the plain page, the key not echoed.
        var unknown = await anonymous.GetAsync("/ks/ZZZZ2222");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.DoesNotContain("ZZZZ2222", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var answer = await db.SurveyAnswers.Include(a => a.Scores).SingleAsync();
        Assert.Equal(("Rất bổ ích.", 4), (answer.Comment, answer.Scores.Count));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityType.StartsWith("Survey")));
    }

    [Fact]
    public async Task The_survey_pages_are_rate_limited_per_client_with_the_database_counter()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        // A clock that stands still in the middle of a minute: the limit's window cannot turn between requests.
        await using var factory = new PortalFactory(database, new Dictionary<string, string?> { ["Survey:PermitPerMinute"] = "3" }, new FakeTimeProvider(StillClock.MidMinute()));
        await factory.CreateUserAsync("admin", Roles.Administrator);
        var client = factory.CreateBrowserlessClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.GetAsync("/ks/ABCD2345")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        using var scope = factory.Services.CreateScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<AppDbContext>().RateLimitCounters.AnyAsync(c => c.Key.StartsWith("survey:")));
    }

    private static string SurveyAnswerPageField(int target, int question) => $"s_{target}_{question}";
}
