using System.Data.Common;
using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Common;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DistrictTraining.Tests.Certificates;

/// <summary>
/// The confirm step of an issue: the numbers shown are the numbers taken, or the issue is refused with
/// the new ones; a late issue or a trainee without a date of birth needs a reason, which is recorded.
/// </summary>
public class IssueConfirmationTests
{
    private static readonly DateOnly InWindow = CertificateTestData.DecisionDate.AddDays(5);

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_preview_takes_nothing_and_the_issue_takes_exactly_the_numbers_it_showed(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var centre = await CertificateTestData.CentreAsync(db);
        var earlier = await CertificateTestData.ClassAsync(db, centre.Id, completed: 2, number: 1, tag: "A");
        var c = await CertificateTestData.ClassAsync(db, centre.Id, completed: 3, notCompleted: 1, number: 2, tag: "B");
        var service = new CertificateService(db, new FixedUserScope(centre.Id), TimeProvider.System);
        await service.IssueForClassAsync(earlier.Id, new IssueRequest(InWindow));

        var preview = await service.PreviewIssueAsync(c.Id, InWindow);
        Assert.Equal(3, preview.Count);
        Assert.Equal(("000003/2026", "000005/2026", "3/2026", "5/2026"), (preview.FirstSerialLabel, preview.LastSerialLabel, preview.FirstRegisterLabel, preview.LastRegisterLabel));
        Assert.Equal("số hiệu từ 000003/2026 đến 000005/2026, số vào sổ từ 3/2026 đến 5/2026 (3 giấy)", preview.NumbersText);
        Assert.Equal(["Nguyễn Văn B000", "Nguyễn Văn B001", "Nguyễn Văn B002"], preview.Lines.Select(l => l.FullName));
        Assert.False(preview.NeedsConfirmation);
        Assert.Equal(2, (await db.CertificateCounters.AsNoTracking().SingleAsync()).LastSerialNumber); // a preview takes nothing

        var result = await service.IssueForClassAsync(c.Id, new IssueRequest(InWindow, Expected: preview.Expectation));
        Assert.Equal((3, preview.FirstSerialLabel, preview.LastSerialLabel), (result.Count, result.FirstSerial, result.LastSerial));

        await using var check = database.CreateContext();
        var issued = await check.Certificates.Where(x => x.Enrolment!.ClassId == c.Id).OrderBy(x => x.SerialNumber).ToListAsync();
        Assert.Equal(preview.Lines.Select(l => l.EnrolmentId), issued.Select(x => x.EnrolmentId));
        Assert.Equal(preview.Lines.Select(l => l.SerialLabel), issued.Select(x => CertificateRules.SerialLabel(x.Year, x.SerialNumber)));
        Assert.Equal(preview.Lines.Select(l => l.RegisterLabel), issued.Select(x => CertificateRules.RegisterLabel(x.Year, x.RegisterNumber)));
        Assert.All(issued, x => Assert.Null(x.ConfirmedWarning));
        Assert.All(issued, x => Assert.Null(x.ConfirmationReason));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Numbers_taken_by_someone_else_after_the_preview_refuse_the_issue_and_show_the_new_ones(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        int centreId, otherId, classId;
        await using (var setup = database.CreateContext())
        {
            centreId = (await CertificateTestData.CentreAsync(setup)).Id;
            otherId = (await CertificateTestData.ClassAsync(setup, centreId, completed: 2, number: 1, tag: "A")).Id;
            classId = (await CertificateTestData.ClassAsync(setup, centreId, completed: 3, number: 2, tag: "B")).Id;
        }

        await using var db = database.CreateContext();
        var service = new CertificateService(db, new FixedUserScope(centreId), TimeProvider.System);
        var preview = await service.PreviewIssueAsync(classId, InWindow);
        Assert.Equal("000001/2026", preview.FirstSerialLabel);

        // Another clerk, in another tab, issues another class of the same register meanwhile.
        await using (var rival = database.CreateContext())
        {
            Assert.Equal(2, (await new CertificateService(rival, new FixedUserScope(centreId), TimeProvider.System).IssueForClassAsync(otherId, new IssueRequest(InWindow))).Count);
        }

        var refused = await Assert.ThrowsAsync<IssueNumbersChangedException>(() =>
            service.IssueForClassAsync(classId, new IssueRequest(InWindow, Expected: preview.Expectation)));
        Assert.Contains("số hiệu từ 000003/2026 đến 000005/2026, số vào sổ từ 3/2026 đến 5/2026 (3 giấy)", refused.Message);
        Assert.Contains("Chưa cấp giấy nào", refused.Message);
        Assert.Equal((3, 3, 3), (refused.Current.FirstSerial, refused.Current.FirstRegister, refused.Current.Count));

        await using (var check = database.CreateContext())
        {
            Assert.False(await check.Certificates.AnyAsync(x => x.Enrolment!.ClassId == classId));
            Assert.Equal(2, (await check.CertificateCounters.SingleAsync()).LastSerialNumber);
        }

        // Confirmed again with the new numbers, the issue takes exactly those.
        var result = await service.IssueForClassAsync(classId, new IssueRequest(InWindow, Expected: refused.Current.Expectation));
        Assert.Equal(("000003/2026", "000005/2026"), (result.FirstSerial, result.LastSerial));
        await using var after = database.CreateContext();
        Assert.Equal(Enumerable.Range(1, 5), await after.Certificates.OrderBy(x => x.SerialNumber).Select(x => x.SerialNumber).ToListAsync());
    }

    /// <summary>
    /// The rival commits while this issue is inside its transaction, between reading the counter and writing
    /// it. PostgreSQL only: SQLite's BEGIN IMMEDIATE already makes the rival wait for this issue to finish.
    /// </summary>
    [Fact]
    public async Task An_issue_that_loses_the_race_for_the_counter_retries_and_refuses_with_the_new_numbers()
    {
        await using var database = await TestDatabase.Create(Provider.PostgreSQL).MigrateAsync();
        int centreId, otherId, classId;
        await using (var setup = database.CreateContext())
        {
            centreId = (await CertificateTestData.CentreAsync(setup)).Id;
            otherId = (await CertificateTestData.ClassAsync(setup, centreId, completed: 2, number: 1, tag: "A")).Id;
            classId = (await CertificateTestData.ClassAsync(setup, centreId, completed: 3, number: 2, tag: "B")).Id;
            await new CertificateService(setup, new FixedUserScope(centreId), TimeProvider.System).IssueForClassAsync(
                (await CertificateTestData.ClassAsync(setup, centreId, completed: 1, number: 3, tag: "C")).Id, new IssueRequest(InWindow));
        }

        var rivalIssue = new BeforeCounterWrite(async () =>
        {
            await using var rival = database.CreateContext();
            await new CertificateService(rival, new FixedUserScope(centreId), TimeProvider.System).IssueForClassAsync(otherId, new IssueRequest(InWindow));
        });
        await using var db = database.CreateContext(rivalIssue);
        var service = new CertificateService(db, new FixedUserScope(centreId), TimeProvider.System);
        var preview = await service.PreviewIssueAsync(classId, InWindow);
        Assert.Equal("000002/2026", preview.FirstSerialLabel);

        var refused = await Assert.ThrowsAsync<IssueNumbersChangedException>(() =>
            service.IssueForClassAsync(classId, new IssueRequest(InWindow, Expected: preview.Expectation)));
        Assert.True(rivalIssue.Fired);
        Assert.Equal("000004/2026", refused.Current.FirstSerialLabel);
        Assert.Contains("số hiệu từ 000004/2026 đến 000006/2026", refused.Message);

        await using var check = database.CreateContext();
        Assert.Equal([1, 2, 3], await check.Certificates.OrderBy(x => x.SerialNumber).Select(x => x.SerialNumber).ToListAsync());
        Assert.Equal(3, (await check.CertificateCounters.SingleAsync()).LastSerialNumber);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_late_issue_needs_a_confirmed_reason_which_every_certificate_and_the_audit_trail_record(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext(new NamedUser("giaovu"));
        var centre = await CertificateTestData.CentreAsync(db);
        var c = await CertificateTestData.ClassAsync(db, centre.Id, completed: 2);
        var service = new CertificateService(db, new FixedUserScope(centre.Id), TimeProvider.System);
        var late = CertificateTestData.DecisionDate.AddDays(16);

        var preview = await service.PreviewIssueAsync(c.Id, late);
        Assert.True(preview.NeedsConfirmation);
        Assert.Contains("quá thời hạn 15 ngày (hạn cuối 25/03/2026)", preview.LateWarning);
        Assert.Empty(preview.WithoutBirth);

        foreach (var reason in new string?[] { null, "   " })
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() =>
                service.IssueForClassAsync(c.Id, new IssueRequest(late, Expected: preview.Expectation, ConfirmationReason: reason)));
            Assert.Contains("cần xác nhận", refused.Message);
        }

        Assert.False(await db.CertificateCounters.AnyAsync(x => x.LastSerialNumber > 0)); // refusals took no number

        var result = await service.IssueForClassAsync(c.Id, new IssueRequest(late, Expected: preview.Expectation, ConfirmationReason: " Giám đốc đi công tác, ký ngày về "));
        Assert.Equal(2, result.Count);
        Assert.Contains("quá thời hạn 15 ngày", Assert.Single(result.Warnings));

        await using var check = database.CreateContext();
        var issued = await check.Certificates.OrderBy(x => x.SerialNumber).ToListAsync();
        Assert.All(issued, x =>
        {
            Assert.Equal(preview.LateWarning, x.ConfirmedWarning);
            Assert.Equal("Giám đốc đi công tác, ký ngày về", x.ConfirmationReason);
        });
        var details = (await service.GetAsync(issued[0].Id))!;
        Assert.Equal((preview.LateWarning, "Giám đốc đi công tác, ký ngày về"), (details.ConfirmedWarning, details.ConfirmationReason));
        var audit = await check.AuditEntries.Where(a => a.EntityType == nameof(Certificate) && a.Action == AuditAction.Created).ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a =>
        {
            Assert.Equal("giaovu", a.UserName);
            Assert.Contains("ConfirmationReason", a.Changes);
            Assert.Contains("ký ngày về", System.Text.RegularExpressions.Regex.Unescape(a.Changes));
        });
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_trainee_without_a_date_of_birth_needs_a_confirmed_reason_recorded_on_that_certificate(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var centre = await CertificateTestData.CentreAsync(db);
        var c = await CertificateTestData.ClassAsync(db, centre.Id, completed: 3);
        var noBirth = await db.Enrolments.Include(e => e.Trainee).SingleAsync(e => e.ClassId == c.Id && e.Trainee!.GivenName == "A001");
        noBirth.Trainee!.DateOfBirth = null;
        await db.SaveChangesAsync();
        var service = new CertificateService(db, new FixedUserScope(centre.Id), TimeProvider.System);

        var preview = await service.PreviewIssueAsync(c.Id, InWindow);
        Assert.True(preview.NeedsConfirmation);
        Assert.Null(preview.LateWarning);
        Assert.Equal(["Nguyễn Văn A001"], preview.WithoutBirth);
        Assert.Contains("cần xác nhận", (await Assert.ThrowsAsync<DomainException>(() =>
            service.IssueForClassAsync(c.Id, new IssueRequest(InWindow, Expected: preview.Expectation)))).Message);

        await service.IssueForClassAsync(c.Id, new IssueRequest(InWindow, Expected: preview.Expectation, ConfirmationReason: "Hồ sơ gốc thất lạc, đã xác minh qua Đảng ủy xã"));
        await using var check = database.CreateContext();
        var issued = await check.Certificates.ToDictionaryAsync(x => x.EnrolmentId);
        Assert.Equal(CertificateRules.MissingBirthWarning, issued[noBirth.Id].ConfirmedWarning);
        Assert.Equal("Hồ sơ gốc thất lạc, đã xác minh qua Đảng ủy xã", issued[noBirth.Id].ConfirmationReason);
        Assert.All(issued.Values.Where(x => x.EnrolmentId != noBirth.Id), x => Assert.Null(x.ConfirmationReason));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_class_issued_in_another_tab_since_the_preview_issues_nothing_more(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var centre = await CertificateTestData.CentreAsync(db);
        var c = await CertificateTestData.ClassAsync(db, centre.Id, completed: 2);
        var service = new CertificateService(db, new FixedUserScope(centre.Id), TimeProvider.System);
        var preview = await service.PreviewIssueAsync(c.Id, InWindow);
        await service.IssueForClassAsync(c.Id, new IssueRequest(InWindow, Expected: preview.Expectation));

        var again = await service.IssueForClassAsync(c.Id, new IssueRequest(InWindow, Expected: preview.Expectation));
        Assert.Equal(0, again.Count);
        Assert.Equal(2, await db.Certificates.CountAsync());
        Assert.Equal(0, (await service.PreviewIssueAsync(c.Id, InWindow)).Count);
    }

    /// <summary>Runs <paramref name="action"/> once, just before this context first writes the register's counter.</summary>
    private sealed class BeforeCounterWrite(Func<Task> action) : DbCommandInterceptor
    {
        public bool Fired { get; private set; }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await FireAsync(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await FireAsync(command);
            return result;
        }

        private async Task FireAsync(DbCommand command)
        {
            var text = command.CommandText;
            if (!Fired && text.Contains("\"CertificateCounters\"", StringComparison.Ordinal)
                && (text.Contains("UPDATE", StringComparison.Ordinal) || text.Contains("INSERT", StringComparison.Ordinal)))
            {
                Fired = true;
                await action();
            }
        }
    }
}
