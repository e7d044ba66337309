using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Organisation;

public class OrganisationUnitServiceTests
{
    private static readonly DateOnly LastDay = new(2025, 6, 30);
    private static readonly DateOnly FirstDay = new(2025, 7, 1);

    /// <summary>A province, an old district with two communes (one with a Party cell), and a centre serving both communes.</summary>
    private static async Task<(int Province, int District, int CommuneA, int CommuneB, int Cell, int Centre)> OldDistrictAsync(AppDbContext db)
    {
        var service = new OrganisationUnitService(db);
        var province = await service.SaveAsync(new UnitEdit(null, "52", "Tỉnh Gia Lai", UnitKind.Province, null, null, null));
        var district = await service.SaveAsync(new UnitEdit(null, "540", "Huyện Phù Cát", UnitKind.District, province, null, LastDay));
        var a = await service.SaveAsync(new UnitEdit(null, "21610", "Xã Cát Hanh", UnitKind.Commune, district, null, null));
        var b = await service.SaveAsync(new UnitEdit(null, "21613", "Xã Cát Hiệp", UnitKind.Commune, district, null, null));
        var cell = await service.SaveAsync(new UnitEdit(null, null, "Chi bộ thôn Hòa Hội", UnitKind.PartyCell, a, null, null));
        var centre = new TrainingCentre { Name = "Trung tâm Chính trị Phù Cát" };
        centre.ServedUnits.Add(new CentreServedUnit { UnitId = a });
        centre.ServedUnits.Add(new CentreServedUnit { UnitId = b });
        db.TrainingCentres.Add(centre);
        await db.SaveChangesAsync();
        return (province, district, a, b, cell, centre.Id);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Merging_into_a_new_unit_keeps_the_old_names_in_history(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var (province, district, a, b, cell, centre) = await OldDistrictAsync(db);
        var service = new OrganisationUnitService(db);

        var result = await service.MergeAsync(new MergeRequest([a, b], null, new NewUnit("Xã Hòa Hội", "21611", UnitKind.Commune, province), LastDay));
        Assert.Equal(2, result.MergedCount);
        Assert.Equal(0, result.MovedChildren);
        Assert.Equal(1, result.CentresUpdated);

        await using var fresh = database.CreateContext();
        var units = new OrganisationUnitService(fresh);
        var before = await units.TreeAsync(LastDay);
        Assert.Equal(
            [("Tỉnh Gia Lai", 0), ("Huyện Phù Cát", 1), ("Xã Cát Hanh", 2), ("Chi bộ thôn Hòa Hội", 3), ("Xã Cát Hiệp", 2)],
            before.Select(u => (u.Name, u.Depth)));

        // The Party cell outlives its commune; it stays under it (so its past stays there) and shows under the nearest unit in force.
        var after = await units.TreeAsync(FirstDay);
        Assert.Equal(
            [("Tỉnh Gia Lai", 0), ("Xã Hòa Hội", 1), ("Chi bộ thôn Hòa Hội", 1)],
            after.Select(u => (u.Name, u.Depth)));

        var all = await units.TreeAsync(FirstDay, all: true);
        var oldA = all.Single(u => u.Id == a);
        Assert.False(oldA.IsValid);
        Assert.Equal("Xã Cát Hanh", oldA.Name);
        Assert.Equal("Xã Hòa Hội", oldA.SuccessorName);
        Assert.Equal(LastDay, oldA.ValidTo);
        Assert.Equal(FirstDay, all.Single(u => u.Id == result.SuccessorId).ValidFrom);
        Assert.Equal(a, (await fresh.OrganisationUnits.SingleAsync(u => u.Id == cell)).ParentId);

        var served = await fresh.CentreServedUnits.Where(s => s.CentreId == centre).OrderBy(s => s.UnitId).ToListAsync();
        Assert.Equal(
            [(a, (DateOnly?)null, (DateOnly?)LastDay), (b, null, LastDay), (result.SuccessorId, FirstDay, null)],
            served.Select(s => (s.UnitId, s.ServedFrom, s.ServedTo)));
        Assert.True(await fresh.AuditEntries.AnyAsync(e => e.EntityType == "OrganisationUnit" && e.EntityId == a.ToString() && e.Changes.Contains("SucceededById")));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Merging_into_an_existing_unit_and_what_is_refused(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var (province, district, a, b, cell, _) = await OldDistrictAsync(db);
        var service = new OrganisationUnitService(db);

        async Task Refused(MergeRequest request, string message)
        {
            var ex = await Assert.ThrowsAsync<DomainException>(() => service.MergeAsync(request));
            Assert.Contains(message, ex.Message);
        }

        await Refused(new MergeRequest([], b, null, LastDay), "ít nhất một đơn vị");
        await Refused(new MergeRequest([a], null, null, LastDay), "đơn vị kế thừa");
        await Refused(new MergeRequest([a, b], b, null, LastDay), "không được nằm trong số đơn vị bị sáp nhập");
        await Refused(new MergeRequest([a], district, null, LastDay), "Huyện Phù Cát không có hiệu lực vào ngày 01/07/2025");

        // Cát Hanh joins Cát Hiệp, which carries on, and its Party cell moves under Cát Hiệp.
        var result = await service.MergeAsync(new MergeRequest([a], b, null, LastDay, MoveChildren: true));
        Assert.Equal(b, result.SuccessorId);
        Assert.Equal(1, result.MovedChildren);
        Assert.Equal(0, result.CentresUpdated); // the centre already serves Cát Hiệp
        await Refused(new MergeRequest([a], province, null, LastDay.AddYears(1)), "Xã Cát Hanh đã được sáp nhập vào Xã Cát Hiệp");

        await using var fresh = database.CreateContext();
        Assert.Equal(b, (await fresh.OrganisationUnits.SingleAsync(u => u.Id == cell)).ParentId);
        Assert.Equal(b, (await fresh.OrganisationUnits.SingleAsync(u => u.Id == a)).SucceededById);
        Assert.Null((await fresh.OrganisationUnits.SingleAsync(u => u.Id == b)).ValidTo);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Saving_a_unit_refuses_loops_clashing_codes_and_reversed_dates(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var (province, district, a, _, cell, _) = await OldDistrictAsync(db);
        var service = new OrganisationUnitService(db);

        async Task Refused(UnitEdit edit, string message)
        {
            var ex = await Assert.ThrowsAsync<DomainException>(() => service.SaveAsync(edit));
            Assert.Equal(message, ex.Message);
        }

        await Refused(new UnitEdit(district, "540", "Huyện Phù Cát", UnitKind.District, cell, null, LastDay),
            "Không thể chọn một đơn vị cấp dưới của chính đơn vị này làm đơn vị cấp trên.");
        await Refused(new UnitEdit(a, "21610", "Xã Cát Hanh", UnitKind.Commune, a, null, null), "Một đơn vị không thể là đơn vị cấp trên của chính nó.");
        await Refused(new UnitEdit(null, "21610", "Xã Trùng Mã", UnitKind.Commune, province, null, null),
            "Mã 21610 đang được dùng cho Xã Cát Hanh trong cùng thời gian hiệu lực.");
        await Refused(new UnitEdit(null, null, "Xã Ngược", UnitKind.Commune, province, FirstDay, LastDay), "Ngày bắt đầu hiệu lực phải trước ngày hết hiệu lực.");
        await Refused(new UnitEdit(null, null, "  ", UnitKind.Commune, province, null, null), "Vui lòng nhập tên đơn vị.");

        // The district's code may be given again to a unit that starts after the district ended.
        var reused = await service.SaveAsync(new UnitEdit(null, "540", "Xã Phù Cát", UnitKind.Commune, province, FirstDay, null));
        var saved = await service.GetAsync(reused);
        Assert.Equal("Tỉnh Gia Lai", saved!.ParentName);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_centre_settings_and_served_units_belong_to_the_users_centre(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var (_, _, a, b, _, centre) = await OldDistrictAsync(db);
        var other = new TrainingCentre { Name = "Trung tâm khác" };
        other.ServedUnits.Add(new CentreServedUnit { UnitId = a });
        db.TrainingCentres.Add(other);
        await db.SaveChangesAsync();

        var service = new CentreSettingsService(db, new FixedUserScope(centre, IsAdministrator: true), new OrganisationUnitService(db));
        await service.SaveAsync(new CentreSettings(" Trung tâm Chính trị  Phù Cát ", "đảng ủy xã phù cát", a, "Phù Cát", "Nguyễn Văn Hùng", null, 20));
        await service.SaveServedUnitsAsync([new ServedUnitChoice(b, FirstDay, null)]);
        var ex = await Assert.ThrowsAsync<DomainException>(() => service.SaveServedUnitsAsync([new ServedUnitChoice(a, FirstDay, LastDay)]));
        Assert.Equal("Xã Cát Hanh: ngày bắt đầu phục vụ phải trước ngày kết thúc.", ex.Message);

        await using var fresh = database.CreateContext();
        var reread = new CentreSettingsService(fresh, new FixedUserScope(centre, IsAdministrator: true), new OrganisationUnitService(fresh));
        var settings = await reread.GetAsync();
        Assert.Equal(new CentreSettings("Trung tâm Chính trị Phù Cát", "ĐẢNG ỦY XÃ PHÙ CÁT", a, "Phù Cát", "Nguyễn Văn Hùng", null, 20), settings);
        var rows = await reread.ServedUnitsAsync(FirstDay);
        Assert.Equal([b], rows.Where(r => r.IsServed).Select(r => r.Unit.Id));
        Assert.Equal(FirstDay, rows.Single(r => r.Unit.Id == b).ServedFrom);
        Assert.True(await fresh.CentreServedUnits.AnyAsync(s => s.CentreId == other.Id && s.UnitId == a), "Another centre's service must be left alone.");

        var noCentre = new CentreSettingsService(fresh, new FixedUserScope(null), new OrganisationUnitService(fresh));
        await Assert.ThrowsAsync<DomainException>(() => noCentre.GetAsync());
    }
}
