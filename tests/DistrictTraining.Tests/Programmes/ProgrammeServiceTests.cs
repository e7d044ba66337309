using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Programmes;

public class ProgrammeServiceTests
{
    private static async Task<TestDatabase> CatalogueAsync(Provider provider)
    {
        var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        db.Programmes.AddRange(ProgrammeCatalogue.Create());
        await db.SaveChangesAsync();
        return database;
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Rules_and_grade_bands_are_saved_and_audited(Provider provider)
    {
        await using var database = await CatalogueAsync(provider);
        int id;
        Dictionary<decimal, int> bandIds;
        await using (var db = database.CreateContext())
        {
            var programme = await db.Programmes.Include(p => p.GradeBands).SingleAsync(p => p.Code == "NTD");
            id = programme.Id;
            bandIds = programme.GradeBands.ToDictionary(b => b.MinScore, b => b.Id);
            var rules = (await new ProgrammeService(db).GetAsync(id))!;
            await new ProgrammeService(db).SaveAsync(rules with
            {
                PassScore = 5.5m,
                AttendanceThresholdPercent = 75m,
                ValidityMonths = null,
                GradeBands =
                [
                    new GradeBandRule(9.0m, "Xuất sắc"),
                    new GradeBandRule(5.0m, "Trung bình"),
                    new GradeBandRule(6.5m, "Khá"),
                    new GradeBandRule(8.0m, "Giỏi (tốt)"),
                ],
            });
        }

        await using (var db = database.CreateContext())
        {
            var saved = (await new ProgrammeService(db).GetAsync(id))!;
            Assert.Equal(5.5m, saved.PassScore);
            Assert.Equal(75m, saved.AttendanceThresholdPercent);
            Assert.Null(saved.ValidityMonths);
            Assert.Equal(
                [(5.0m, "Trung bình"), (6.5m, "Khá"), (8.0m, "Giỏi (tốt)"), (9.0m, "Xuất sắc")],
                saved.GradeBands.Select(b => (b.MinScore, b.Name)));

            // A band whose minimum stayed is the same row (renamed in place); the 7.0 band is gone.
            var bands = await db.GradeBands.Where(b => b.ProgrammeId == id).ToListAsync();
            Assert.Equal(bandIds[8.0m], bands.Single(b => b.MinScore == 8.0m).Id);
            Assert.DoesNotContain(bands, b => b.Id == bandIds[7.0m]);
            Assert.Equal(4, bands.Count);

            var audit = await db.AuditEntries.Where(a => a.Action != AuditAction.Created || a.EntityType == "GradeBand").ToListAsync();
            var programmeUpdate = Assert.Single(audit, a => a.EntityType == "Programme" && a.EntityId == id.ToString());
            Assert.Equal(AuditAction.Updated, programmeUpdate.Action);
            Assert.Contains("PassScore", programmeUpdate.Changes);
            Assert.Contains(audit, a => a.EntityType == "GradeBand" && a.Action == AuditAction.Deleted && a.EntityId == bandIds[7.0m].ToString());
            Assert.Contains(audit, a => a.EntityType == "GradeBand" && a.Action == AuditAction.Updated && a.EntityId == bandIds[8.0m].ToString() && a.Changes.Contains("\"Name\""));
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Broken_rules_are_refused_in_Vietnamese_and_nothing_changes(Provider provider)
    {
        await using var database = await CatalogueAsync(provider);
        await using var db = database.CreateContext();
        var service = new ProgrammeService(db);
        var rules = (await service.ListAsync()).Single(p => p.Code == "NTD");

        async Task Refused(ProgrammeRules broken, string message)
        {
            var ex = await Assert.ThrowsAsync<DomainException>(() => service.SaveAsync(broken));
            Assert.Equal(message, ex.Message);
        }

        await Refused(rules with { GradeBands = [new(5.0m, "Trung bình"), new(5.0m, "Khá")] }, "Hai xếp loại không được có cùng điểm tối thiểu.");
        await Refused(rules with { GradeBands = [new(5.0m, "Trung bình"), new(11m, "Quá cao")] }, "Điểm tối thiểu của xếp loại phải từ 0 đến 10.");
        await Refused(rules with { GradeBands = [new(5.0m, " ")] }, "Vui lòng nhập tên xếp loại có điểm tối thiểu 5,0.");
        await Refused(rules with { PassScore = 10.5m }, "Điểm đạt phải từ 0 đến 10.");
        await Refused(rules with { PassScore = 5.25m }, "Điểm đạt chỉ được có một chữ số thập phân.");
        await Refused(rules with { AttendanceThresholdPercent = 120m }, "Tỷ lệ chuyên cần tối thiểu phải từ 0 đến 100%.");
        await Refused(rules with { ValidityMonths = 0 }, "Thời hạn giá trị phải từ 1 đến 1200 tháng, hoặc để trống nếu không có thời hạn.");
        await Refused(rules with { Id = null, Code = "ntd" }, "Mã chương trình “NTD” đã được dùng.");

        await using var fresh = database.CreateContext();
        var unchanged = (await new ProgrammeService(fresh).GetAsync(rules.Id!.Value))!;
        Assert.Equal(5.0m, unchanged.PassScore);
        Assert.Equal(4, unchanged.GradeBands.Count);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_new_programme_goes_to_the_end_of_the_catalogue(Provider provider)
    {
        await using var database = await CatalogueAsync(provider);
        await using var db = database.CreateContext();
        var service = new ProgrammeService(db);
        var id = await service.SaveAsync(new ProgrammeRules(
            null, " bd-cd ", "Bồi dưỡng chuyển đổi số", ProgrammeKind.Other, null, 2, null, AssessmentKind.AttendanceOnly,
            CertificateKind.None, 100m, 0m, null, true, []));

        var list = await service.ListAsync();
        Assert.Equal(id, list[^1].Id);
        Assert.Equal("BD-CD", list[^1].Code);
        Assert.Equal(11, list.Count);
    }
}
