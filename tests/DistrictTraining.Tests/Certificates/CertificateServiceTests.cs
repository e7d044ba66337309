using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Certificates;

public class CertificateServiceTests
{
    private static readonly DateOnly IssueDay = new(2026, 3, 12);

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Only_trainees_who_completed_get_a_certificate_once_with_numbers_in_roster_order(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var centre = await CertificateTestData.CentreAsync(db);
        var c = await CertificateTestData.ClassAsync(db, centre.Id, completed: 4, notCompleted: 2);
        // A trainee who completed but was then withdrawn gets nothing.
        var withdrawn = await db.Enrolments.Include(e => e.Trainee).Where(e => e.ClassId == c.Id && e.Trainee!.GivenName == "A003").SingleAsync();
        withdrawn.Withdraw("Chuyển công tác", DateTime.UtcNow);
        await db.SaveChangesAsync();
        var service = new CertificateService(db, new FixedUserScope(centre.Id), TimeProvider.System);

        var result = await service.IssueForClassAsync(c.Id, new IssueRequest(IssueDay));
        Assert.Equal(3, result.Count);
        Assert.Equal("000001/2026", result.FirstSerial);
        Assert.Equal("000003/2026", result.LastSerial);
        Assert.Empty(result.Warnings);
        Assert.Equal("Đã cấp 3 giấy chứng nhận, số hiệu từ 000001/2026 đến 000003/2026.", result.Summary);

        var again = await service.IssueForClassAsync(c.Id, new IssueRequest(IssueDay));
        Assert.Equal(0, again.Count);

        await using var check = database.CreateContext();
        var issued = await check.Certificates.Include(x => x.Enrolment!.Trainee).OrderBy(x => x.SerialNumber).ToListAsync();
        Assert.Equal(["Nguyễn Văn A000", "Nguyễn Văn A001", "Nguyễn Văn A002"], issued.Select(x => x.Enrolment!.Trainee!.FullName));
        Assert.Equal([1, 2, 3], issued.Select(x => x.RegisterNumber));
        Assert.All(issued, x =>
        {
            Assert.Equal(2026, x.Year);
            Assert.Equal(1, x.IssueSequence);
            Assert.Equal("Khá", x.GradeName);
            Assert.Equal("Nguyễn Văn Giám", x.SignerName);
            Assert.Equal("Giám đốc", x.SignerTitle);
            Assert.Equal(new DateOnly(2031, 3, 12), x.ValidUntil); // the awareness class: 60 months
            Assert.True(VerificationCode.IsWellFormed(x.VerificationCode));
        });
        Assert.Equal(3, issued.Select(x => x.VerificationCode).Distinct().Count());
        var counter = await check.CertificateCounters.SingleAsync();
        Assert.Equal((centre.Id, 2026, 3, 3), (counter.CentreId, counter.Year, counter.LastSerialNumber, counter.LastRegisterNumber));
        Assert.Equal(3, await check.AuditEntries.CountAsync(a => a.EntityType == nameof(Certificate) && a.Action == AuditAction.Created));

        var view = (await service.GetClassAsync(c.Id))!;
        Assert.Equal(0, view.PendingCount);
        Assert.Equal(3, view.IssuedCount);
        Assert.Equal(5, view.Lines.Count); // the withdrawn trainee without a certificate is not listed
        Assert.Equal(CertificateState.Valid, view.Lines.Single(l => l.FullName == "Nguyễn Văn A000").State);
        Assert.Null(view.Lines.Single(l => l.FullName == "Nguyễn Văn A004").CertificateId);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Issue_waits_for_the_decision_and_a_programme_whose_certificate_the_centre_issues(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var centre = await CertificateTestData.CentreAsync(db);
        var undecided = await CertificateTestData.ClassAsync(db, centre.Id, completed: 2, decided: false, number: 1);
        var noCertificate = await CertificateTestData.ClassAsync(db, centre.Id, completed: 2, number: 1, programmeCode: "NQ", tag: "B");
        var service = new CertificateService(db, new FixedUserScope(centre.Id), TimeProvider.System);

        var refused = await Assert.ThrowsAsync<DomainException>(() => service.IssueForClassAsync(undecided.Id, new IssueRequest(IssueDay)));
        Assert.Contains("chưa có quyết định công nhận hoàn thành", refused.Message);
        Assert.Contains("không cấp giấy chứng nhận", (await Assert.ThrowsAsync<DomainException>(() =>
            service.IssueForClassAsync(noCertificate.Id, new IssueRequest(IssueDay)))).Message);
        Assert.False((await service.GetClassAsync(undecided.Id))!.Class.CanIssue);

        // Before the decision, or in the future: refused. Late: refused without a reason, issued with one.
        var decided = await CertificateTestData.ClassAsync(db, centre.Id, completed: 1, number: 2, tag: "C");
        Assert.Contains("trước ngày quyết định", (await Assert.ThrowsAsync<DomainException>(() =>
            service.IssueForClassAsync(decided.Id, new IssueRequest(CertificateTestData.DecisionDate.AddDays(-1))))).Message);
        Assert.Contains("sau ngày hôm nay", (await Assert.ThrowsAsync<DomainException>(() =>
            service.IssueForClassAsync(decided.Id, new IssueRequest(TimeProvider.System.VietnamToday().AddDays(1))))).Message);
        Assert.Contains("cần xác nhận", (await Assert.ThrowsAsync<DomainException>(() =>
            service.IssueForClassAsync(decided.Id, new IssueRequest(CertificateTestData.DecisionDate.AddDays(20))))).Message);
        var late = await service.IssueForClassAsync(decided.Id, new IssueRequest(
            CertificateTestData.DecisionDate.AddDays(20), " Trần Thị Phó ", "Phó Giám đốc", ConfirmationReason: "Chờ chữ ký"));
        Assert.Equal(1, late.Count);
        Assert.Contains("quá thời hạn 15 ngày", Assert.Single(late.Warnings));

        await using var check = database.CreateContext();
        var certificate = await check.Certificates.SingleAsync();
        Assert.Equal(("Trần Thị Phó", "Phó Giám đốc"), (certificate.SignerName, certificate.SignerTitle));
        Assert.Equal(1, await check.CertificateCounters.SumAsync(x => x.LastSerialNumber)); // refused attempts took no number
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Counters_run_per_centre_and_year(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var north = await CertificateTestData.CentreAsync(db, "Trung tâm Chính trị Bắc");
        var south = await CertificateTestData.CentreAsync(db, "Trung tâm Chính trị Nam");
        var lastYear = await CertificateTestData.ClassAsync(db, north.Id, completed: 2, number: 7, year: 2025, tag: "P", decisionDate: new DateOnly(2025, 12, 20));
        var northClass = await CertificateTestData.ClassAsync(db, north.Id, completed: 3, number: 1, tag: "N");
        var southClass = await CertificateTestData.ClassAsync(db, south.Id, completed: 2, number: 1, tag: "S");

        var northService = new CertificateService(db, new FixedUserScope(north.Id), TimeProvider.System);
        await northService.IssueForClassAsync(lastYear.Id, new IssueRequest(new DateOnly(2025, 12, 28)));
        await northService.IssueForClassAsync(northClass.Id, new IssueRequest(IssueDay));
        await new CertificateService(db, new FixedUserScope(south.Id), TimeProvider.System).IssueForClassAsync(southClass.Id, new IssueRequest(IssueDay));

        // Staff of one centre cannot issue for another centre's class.
        Assert.Equal("Không tìm thấy lớp học.", (await Assert.ThrowsAsync<DomainException>(() =>
            northService.IssueForClassAsync(southClass.Id, new IssueRequest(IssueDay)))).Message);
        Assert.Null(await northService.GetClassAsync(southClass.Id));

        await using var check = database.CreateContext();
        var numbers = await check.Certificates.OrderBy(x => x.CentreId).ThenBy(x => x.Year).ThenBy(x => x.SerialNumber)
            .Select(x => new { x.CentreId, x.Year, x.SerialNumber }).ToListAsync();
        Assert.Equal(
            [(north.Id, 2025, 1), (north.Id, 2025, 2), (north.Id, 2026, 1), (north.Id, 2026, 2), (north.Id, 2026, 3), (south.Id, 2026, 1), (south.Id, 2026, 2)],
            numbers.Select(n => (n.CentreId, n.Year, n.SerialNumber)));
        Assert.Equal(3, await check.CertificateCounters.CountAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_reissue_takes_new_numbers_links_to_the_old_certificate_and_supersedes_it(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var centre = await CertificateTestData.CentreAsync(db);
        var c = await CertificateTestData.ClassAsync(db, centre.Id, completed: 3);
        var service = new CertificateService(db, new FixedUserScope(centre.Id), TimeProvider.System);
        await service.IssueForClassAsync(c.Id, new IssueRequest(IssueDay));
        var firstId = await db.Certificates.Where(x => x.SerialNumber == 1).Select(x => x.Id).SingleAsync();

        var secondId = await service.ReissueAsync(firstId, new ReissueRequest(ReissueReasonKind.Lost, "mất khi chuyển nhà", IssueDay.AddDays(30)));
        // The replacement can itself be reissued: the chain goes on with the next sequence.
        var thirdId = await service.ReissueAsync(secondId, new ReissueRequest(ReissueReasonKind.CentreError, "ghi sai ngày sinh", IssueDay.AddDays(40), "Trần Thị Phó", "Phó Giám đốc"));

        await using (var check = database.CreateContext())
        {
            var chain = await check.Certificates.Where(x => x.Id == firstId || x.Id == secondId || x.Id == thirdId).OrderBy(x => x.IssueSequence).ToListAsync();
            Assert.Equal([1, 2, 3], chain.Select(x => x.IssueSequence));
            Assert.Equal([1, 4, 5], chain.Select(x => x.SerialNumber));
            Assert.Equal([1, 4, 5], chain.Select(x => x.RegisterNumber));
            Assert.Equal([null, firstId, secondId], chain.Select(x => x.ReplacesCertificateId));
            Assert.Equal([CertificateStatus.Superseded, CertificateStatus.Superseded, CertificateStatus.Valid], chain.Select(x => x.Status));
            Assert.Equal([null, "Mất: mất khi chuyển nhà", "Sai sót của Trung tâm: ghi sai ngày sinh"], chain.Select(x => x.ReissueReason));
            Assert.All(chain, x => Assert.Equal(new DateOnly(2031, 3, 12), x.ValidUntil)); // a replacement does not extend validity
            Assert.Equal(3, chain.Select(x => x.VerificationCode).Distinct().Count());
            Assert.Equal("Phó Giám đốc", chain[2].SignerTitle);
            Assert.Equal(5, (await check.CertificateCounters.SingleAsync()).LastSerialNumber);
            Assert.Equal(5, await check.Certificates.CountAsync());
            Assert.Equal(2, await check.AuditEntries.CountAsync(a => a.EntityType == nameof(Certificate) && a.Action == AuditAction.Updated));
        }

        Assert.Contains("đang có hiệu lực", (await Assert.ThrowsAsync<DomainException>(() =>
            service.ReissueAsync(firstId, new ReissueRequest(ReissueReasonKind.Lost, null, IssueDay.AddDays(50))))).Message);
        Assert.Equal("Phải ghi rõ lý do cấp lại.", (await Assert.ThrowsAsync<DomainException>(() =>
            service.ReissueAsync(thirdId, new ReissueRequest(ReissueReasonKind.Other, " ", IssueDay.AddDays(50))))).Message);

        var details = (await service.GetAsync(secondId))!;
        Assert.Equal(CertificateState.Superseded, details.State);
        Assert.Equal("000001/2026", details.Replaces!.SerialLabel);
        Assert.Equal("000005/2026", details.ReplacedBy!.SerialLabel);
        Assert.Equal("Sai sót của Trung tâm: ghi sai ngày sinh", details.ReplacedBy.Reason);
        Assert.False(details.CanChange);

        // Reissue continues the register: the class still shows one current certificate per trainee.
        var view = (await service.GetClassAsync(c.Id))!;
        Assert.Equal("000005/2026", view.Lines.Single(l => l.FullName == "Nguyễn Văn A000").SerialLabel);
        Assert.Equal(0, view.PendingCount);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_revocation_keeps_the_certificate_with_its_reason_and_is_audited(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var centre = await CertificateTestData.CentreAsync(db);
        var c = await CertificateTestData.ClassAsync(db, centre.Id, completed: 2);
        var service = new CertificateService(db, new FixedUserScope(centre.Id), TimeProvider.System);
        await service.IssueForClassAsync(c.Id, new IssueRequest(IssueDay));
        var id = await db.Certificates.Where(x => x.SerialNumber == 2).Select(x => x.Id).SingleAsync();

        Assert.Equal("Phải ghi lý do thu hồi.", (await Assert.ThrowsAsync<DomainException>(() => service.RevokeAsync(id, "  "))).Message);
        await service.RevokeAsync(id, "Khai man  hồ sơ");
        Assert.Contains("đang có hiệu lực", (await Assert.ThrowsAsync<DomainException>(() => service.RevokeAsync(id, "Lần nữa"))).Message);
        Assert.Contains("đang có hiệu lực", (await Assert.ThrowsAsync<DomainException>(() =>
            service.ReissueAsync(id, new ReissueRequest(ReissueReasonKind.Lost, null, IssueDay)))).Message);

        await using var check = database.CreateContext();
        var revoked = await check.Certificates.SingleAsync(x => x.Id == id);
        Assert.Equal(CertificateStatus.Revoked, revoked.Status);
        Assert.Equal("Khai man hồ sơ", revoked.RevocationReason);
        Assert.NotNull(revoked.StatusChangedAt);
        Assert.Equal(2, await check.Certificates.CountAsync());
        var audit = await check.AuditEntries.SingleAsync(a => a.EntityType == nameof(Certificate) && a.Action == AuditAction.Updated);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.EntityId);
        Assert.Contains("RevocationReason", audit.Changes);
        Assert.Contains("Status", audit.Changes);
        Assert.Equal(CertificateState.Revoked, (await service.GetAsync(id))!.State);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Two_staff_revoking_and_reissuing_the_same_certificate_at_once_do_not_both_win(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        int id;
        int centreId;
        await using (var db = database.CreateContext())
        {
            var centre = await CertificateTestData.CentreAsync(db);
            centreId = centre.Id;
            var c = await CertificateTestData.ClassAsync(db, centre.Id, completed: 1);
            await new CertificateService(db, new FixedUserScope(centre.Id), TimeProvider.System).IssueForClassAsync(c.Id, new IssueRequest(IssueDay));
            id = await db.Certificates.Select(x => x.Id).SingleAsync();
        }

        // The first staff member has the certificate loaded; the second revokes it meanwhile.
        await using var first = database.CreateContext();
        var loaded = await first.Certificates.SingleAsync(x => x.Id == id);
        await using (var second = database.CreateContext())
        {
            await new CertificateService(second, new FixedUserScope(centreId), TimeProvider.System).RevokeAsync(id, "Khai man hồ sơ");
        }

        loaded.Revoke("Lý do khác", DateTime.UtcNow);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync());

        await using var check = database.CreateContext();
        Assert.Equal("Khai man hồ sơ", (await check.Certificates.SingleAsync()).RevocationReason);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Printables_carry_what_the_certificate_shows(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var centre = await CertificateTestData.CentreAsync(db);
        var c = await CertificateTestData.ClassAsync(db, centre.Id, completed: 3);
        var service = new CertificateService(db, new FixedUserScope(centre.Id), TimeProvider.System);
        await service.IssueForClassAsync(c.Id, new IssueRequest(IssueDay));
        var ids = await db.Certificates.OrderBy(x => x.SerialNumber).Select(x => x.Id).ToListAsync();
        await service.RevokeAsync(ids[1], "Khai man hồ sơ");

        var one = (await service.PrintableAsync(ids[0]))!;
        Assert.Equal("GIẤY CHỨNG NHẬN", one.DocumentTitle);
        Assert.Equal(("ĐẢNG ỦY XÃ CÁT HANH", "Trung tâm Chính trị Thử nghiệm"), (one.ParentBody, one.IssuingBody));
        Assert.Equal(("Nguyễn Văn A000", "01/01/1990"), (one.FullName, one.Birth));
        Assert.Equal("lớp thứ 1/2026", one.ClassLabel);
        Assert.Equal("Cát Hanh, ngày 12 tháng 03 năm 2026", one.PlaceAndDate);
        Assert.Equal(("Giám đốc", "Nguyễn Văn Giám", "000001/2026", "1/2026", "Khá"), (one.SignerTitle, one.SignerName, one.SerialLabel, one.RegisterLabel, one.GradeName));
        Assert.Equal((new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 6)), (one.StartDate!.Value, one.EndDate!.Value));

        // The class document holds the certificates still in force, in number order.
        var all = (await service.PrintableForClassAsync(c.Id))!;
        Assert.Equal(["000001/2026", "000003/2026"], all.Select(p => p.SerialLabel));
        Assert.Equal(CertificateState.Revoked, (await service.PrintableAsync(ids[1]))!.State);
        Assert.Null(await service.PrintableForClassAsync(c.Id + 1000));
        Assert.Null(await new CertificateService(db, new FixedUserScope(centre.Id + 1000), TimeProvider.System).PrintableAsync(ids[0]));
    }
}
