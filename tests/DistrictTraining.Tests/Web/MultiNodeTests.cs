using System.Net;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DistrictTraining.Tests.Web;

/// <summary>Several portal nodes on one database: start-up and first-run setup happen once, whatever starts together.</summary>
public class MultiNodeTests
{
    private static readonly Dictionary<string, string?> Bootstrap = new()
    {
        ["Bootstrap:CentreName"] = "Trung tâm Chính trị khu vực Phù Cát",
        ["Bootstrap:AdminUserName"] = "quantri",
        ["Bootstrap:AdminPassword"] = TestPassword.Default,
    };

    [Theory]
    [InlineData(Provider.PostgreSQL)]
    [InlineData(Provider.Sqlite)]
    public async Task Two_nodes_starting_at_once_on_an_empty_database_migrate_seed_and_bootstrap_once(Provider provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var first = new PortalFactory(database, Bootstrap);
        await using var second = new PortalFactory(database, Bootstrap);

        // Both hosts build and run their start-up work at the same moment.
        await Task.WhenAll(Task.Run(() => first.Services), Task.Run(() => second.Services));

        Assert.Equal(HttpStatusCode.OK, (await first.CreateBrowserlessClient().GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateBrowserlessClient().GetAsync("/healthz")).StatusCode);
        await using var db = database.CreateContext();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(Roles.All.Count, await db.Roles.CountAsync());
        Assert.Equal(ProgrammeCatalogue.Create().Count, await db.Programmes.CountAsync());
        Assert.Equal("quantri", (await db.Users.SingleAsync()).UserName);
        Assert.Equal("Trung tâm Chính trị khu vực Phù Cát", (await db.TrainingCentres.SingleAsync()).Name);
    }

    [Theory]
    [InlineData(Provider.PostgreSQL)]
    [InlineData(Provider.Sqlite)]
    public async Task Two_first_run_setups_at_once_make_exactly_one_administrator_and_one_centre(Provider provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var first = new PortalFactory(database);
        await using var second = new PortalFactory(database);
        _ = first.Services;
        _ = second.Services;

        async Task<IReadOnlyList<string>?> SetUpAsync(PortalFactory node, string admin)
        {
            using var scope = node.Services.CreateScope();
            try
            {
                return await scope.ServiceProvider.GetRequiredService<SetupService>()
                    .CompleteAsync(new SetupRequest("Trung tâm " + admin, admin, "Quản trị", TestPassword.Default));
            }
            catch (Core.Common.DomainException)
            {
                return null; // "already set up": the other node got there first
            }
        }

        var outcomes = await Task.WhenAll(Task.Run(() => SetUpAsync(first, "quantri1")), Task.Run(() => SetUpAsync(second, "quantri2")));
        Assert.Single(outcomes, o => o is { Count: 0 });
        Assert.Single(outcomes, o => o is null);

        await using var db = database.CreateContext();
        var user = await db.Users.SingleAsync();
        var centre = await db.TrainingCentres.SingleAsync();
        Assert.Equal("Trung tâm " + user.UserName, centre.Name);
        Assert.Equal(centre.Id, user.CentreId);
    }

    [Fact]
    public async Task The_health_check_fails_when_the_database_file_cannot_be_read()
    {
        await using var database = TestDatabase.Create(Provider.Sqlite);
        await using var factory = new PortalFactory(database);
        var client = factory.CreateBrowserlessClient();
        Assert.Equal("Healthy", await (await client.GetAsync("/healthz")).Content.ReadAsStringAsync());

        // Damage the file's pages (the header stays, so a connection still opens).
        SqliteConnection.ClearAllPools();
        var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            var garbage = Enumerable.Repeat((byte)0xA5, (int)stream.Length - 4096).ToArray();
            stream.Position = 4096;
            await stream.WriteAsync(garbage);
        }

        SqliteConnection.ClearAllPools();
        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(Provider.PostgreSQL)]
    [InlineData(Provider.Sqlite)]
    public async Task The_verification_limit_holds_across_both_nodes(Provider provider)
    {
        await using var database = TestDatabase.Create(provider);
        var settings = new Dictionary<string, string?> { ["Verification:PermitPerMinute"] = "3" };
        // Both nodes read one clock that stands still in the middle of a minute: the window cannot turn between requests.
        var clock = new FakeTimeProvider(StillClock.MidMinute());
        await using var first = new PortalFactory(database, settings, clock);
        await using var second = new PortalFactory(database, settings, clock);
        await first.CreateUserAsync("admin", Roles.Administrator); // past the first-run setup page
        var a = first.CreateBrowserlessClient();
        var b = second.CreateBrowserlessClient();

        // Three lookups in one minute, spread over the two nodes, then the fourth on either node is refused.
        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { a, b, a, b, a })
        {
            statuses.Add((await client.GetAsync("/Verify/ABCDEFGHJKMN")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var refused = await b.GetAsync("/Verify/ABCDEFGHJKMN");
        Assert.Equal("60", refused.Headers.RetryAfter!.ToString());
    }

    /// <summary>
    /// Two nodes issue the certificates of two classes of one register at the same moment, each from the numbers
    /// its preview showed: the register's counter lets one through; the other is refused with the new numbers
    /// and issues them when confirmed again. Numbers 1…7, no gap, no repeat.
    /// </summary>
    [Theory]
    [InlineData(Provider.PostgreSQL)]
    [InlineData(Provider.Sqlite)]
    public async Task Two_nodes_issuing_at_once_take_gap_free_numbers_and_the_loser_is_shown_its_new_ones(Provider provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var first = new PortalFactory(database);
        await first.CreateUserAsync("giaovu", Roles.CentreStaff);
        await using var second = new PortalFactory(database);
        int classA, classB;
        using (var scope = first.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var centre = await Certificates.CertificateTestData.CentreAsync(db, (await db.TrainingCentres.FirstAsync()).Name);
            classA = (await Certificates.CertificateTestData.ClassAsync(db, centre.Id, completed: 3, number: 1, tag: "A")).Id;
            classB = (await Certificates.CertificateTestData.ClassAsync(db, centre.Id, completed: 4, number: 2, tag: "B")).Id;
        }

        var onFirst = await first.SignInAsync("giaovu");
        var onSecond = await second.SignInAsync("giaovu");
        var previewA = await CertificatePageTests.PreviewAsync(onFirst, classA, "2026-03-12");
        var previewB = await CertificatePageTests.PreviewAsync(onSecond, classB, "2026-03-12");
        Assert.Equal("000001/2026 – 000003/2026", previewA.QuerySelector("#serial-range")!.TextContent);
        Assert.Equal("000001/2026 – 000004/2026", previewB.QuerySelector("#serial-range")!.TextContent);

        var answers = await Task.WhenAll(
            Task.Run(() => onFirst.PostFormAsync(previewA, "#confirm-form", new Dictionary<string, string>())),
            Task.Run(() => onSecond.PostFormAsync(previewB, "#confirm-form", new Dictionary<string, string>())));
        var issued = answers.Single(a => a.StatusCode == HttpStatusCode.Redirect);
        var refused = await HtmlForms.ParseAsync(answers.Single(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Contains("Chưa cấp giấy nào", refused.QuerySelector(".validation-summary-errors")!.TextContent);

        var loser = ReferenceEquals(issued, answers[0]) ? onSecond : onFirst;
        Assert.Equal(HttpStatusCode.Redirect, (await loser.PostFormAsync(refused, "#confirm-form", new Dictionary<string, string>())).StatusCode);

        await using var check = database.CreateContext();
        var numbers = await check.Certificates.OrderBy(c => c.SerialNumber).Select(c => new { c.SerialNumber, c.RegisterNumber }).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 7), numbers.Select(n => n.SerialNumber));
        Assert.Equal(Enumerable.Range(1, 7), numbers.Select(n => n.RegisterNumber));
        Assert.Equal(7, (await check.CertificateCounters.SingleAsync()).LastSerialNumber);
    }
}
