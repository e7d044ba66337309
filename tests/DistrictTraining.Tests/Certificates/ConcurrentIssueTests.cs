using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Common;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Certificates;

/// <summary>
/// Staff issuing at the same moment, as from several browser tabs or several portal instances on one
/// database: every issue succeeds and the register's numbers come out exactly 1..N.
/// </summary>
public class ConcurrentIssueTests
{
    private const int Classes = 6;
    private const int PerClass = 5;

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Parallel_issues_for_one_centre_and_year_get_distinct_numbers_without_gaps(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        int centreId;
        var classIds = new List<int>();
        await using (var db = database.CreateContext())
        {
            centreId = (await CertificateTestData.CentreAsync(db)).Id;
            for (var i = 1; i <= Classes; i++)
            {
                classIds.Add((await CertificateTestData.ClassAsync(db, centreId, completed: PerClass, number: i, tag: $"L{i}")).Id);
            }
        }

        // A new year's counter does not exist yet: the first issuers also race to create it.
        using var start = new SemaphoreSlim(0);
        var tasks = classIds.Select(classId => Task.Run(async () =>
        {
            await using var db = database.CreateContext();
            var service = new CertificateService(db, new FixedUserScope(centreId), TimeProvider.System);
            await start.WaitAsync();
            return await service.IssueForClassAsync(classId, new IssueRequest(new DateOnly(2026, 3, 12)));
        })).ToList();
        start.Release(tasks.Count);
        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Equal(PerClass, r.Count));
        await using var check = database.CreateContext();
        var serials = await check.Certificates.OrderBy(c => c.SerialNumber).Select(c => c.SerialNumber).ToListAsync();
        var registers = await check.Certificates.OrderBy(c => c.RegisterNumber).Select(c => c.RegisterNumber).ToListAsync();
        Assert.Equal(Enumerable.Range(1, Classes * PerClass), serials);
        Assert.Equal(Enumerable.Range(1, Classes * PerClass), registers);
        var counter = await check.CertificateCounters.SingleAsync();
        Assert.Equal(Classes * PerClass, counter.LastSerialNumber);
        Assert.Equal(Classes * PerClass, counter.LastRegisterNumber);

        // Each class's block is contiguous: one issue took one run of numbers.
        var blocks = await check.Certificates.GroupBy(c => c.Enrolment!.ClassId)
            .Select(g => new { Min = g.Min(c => c.SerialNumber), Max = g.Max(c => c.SerialNumber) }).ToListAsync();
        Assert.All(blocks, b => Assert.Equal(PerClass - 1, b.Max - b.Min));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Two_tabs_issuing_the_same_class_at_once_issue_each_certificate_once(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        int centreId;
        int classId;
        await using (var db = database.CreateContext())
        {
            centreId = (await CertificateTestData.CentreAsync(db)).Id;
            classId = (await CertificateTestData.ClassAsync(db, centreId, completed: 8)).Id;
        }

        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var db = database.CreateContext();
            await start.WaitAsync();
            return await new CertificateService(db, new FixedUserScope(centreId), TimeProvider.System).IssueForClassAsync(classId, new IssueRequest(new DateOnly(2026, 3, 12)));
        })).ToList();
        start.Release(tasks.Count);
        var results = await Task.WhenAll(tasks);

        // One tab issued all eight; the others found nothing left to issue.
        Assert.Equal([0, 0, 0, 8], results.Select(r => r.Count).Order());
        await using var check = database.CreateContext();
        Assert.Equal(Enumerable.Range(1, 8), await check.Certificates.OrderBy(c => c.SerialNumber).Select(c => c.SerialNumber).ToListAsync());
        Assert.Equal(8, await check.Certificates.Select(c => c.EnrolmentId).Distinct().CountAsync());
        Assert.Equal(8, (await check.CertificateCounters.SingleAsync()).LastSerialNumber);
    }

    [Fact]
    public void Conflicts_worth_a_retry_are_told_from_real_errors()
    {
        Assert.True(CertificateService.IsNumberingConflict(new DbUpdateConcurrencyException("changed")));
        Assert.True(CertificateService.IsNumberingConflict(new DbUpdateException("unique", new Npgsql.PostgresException("dup", "ERROR", "ERROR", "23505"))));
        Assert.True(CertificateService.IsNumberingConflict(new DbUpdateException("unique", new Microsoft.Data.Sqlite.SqliteException("UNIQUE", 19, 2067))));
        Assert.True(CertificateService.IsNumberingConflict(new Microsoft.Data.Sqlite.SqliteException("busy", 5)));
        Assert.False(CertificateService.IsNumberingConflict(new DbUpdateException("fk", new Npgsql.PostgresException("fk", "ERROR", "ERROR", "23503"))));
        Assert.False(CertificateService.IsNumberingConflict(new DbUpdateException("fk", new Microsoft.Data.Sqlite.SqliteException("FOREIGN KEY", 19, 787))));
        Assert.False(CertificateService.IsNumberingConflict(new DomainException("rule")));
    }
}
