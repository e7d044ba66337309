using DistrictTraining.Core.Common;
using DistrictTraining.Core.Plans;
using DistrictTraining.Tests.Infrastructure;
using DistrictTraining.Tests.Reports;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Plans;

public class PlanServiceTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_grid_has_a_line_per_programme_and_served_unit_and_saves_what_was_typed(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var w = await ReportWorld.SeedAsync(database);
        await using var db = database.CreateContext();
        var plans = new PlanService(db, w.StaffA);

        // 2024 has unit lines, so the grid shows the units served that year: X, W and Y (Z only from 07/2025).
        var grid = await plans.GetGridAsync(2024, showUnits: false);
        Assert.True(grid.ShowUnits);
        Assert.True(grid.CanEdit);
        var ntd = grid.Rows.Where(r => r.ProgrammeId == w.Ntd).ToList();
        Assert.Equal([null, "Xã Cát Hanh", "Xã Cát Lâm", "Xã Cát Tài"], ntd.Select(r => r.UnitName));
        Assert.Equal((3, 12), (ntd[0].PlannedClasses!.Value, ntd[0].PlannedTrainees!.Value));
        Assert.Equal(10, grid.Rows.Count(r => r.UnitId is null)); // every active programme of the catalogue
        Assert.Equal((3, 12), (grid.TotalClasses, grid.TotalTrainees));

        // 2026: no plan yet; units only when asked for, and then today's served units (Y and Z).
        var empty = await plans.GetGridAsync(2026, showUnits: false);
        Assert.False(empty.HasPlan);
        Assert.All(empty.Rows, r => Assert.Null(r.UnitId));
        Assert.Equal(["Xã Cát Tài", "Xã Hội Sơn"], (await plans.GetGridAsync(2026, showUnits: true)).Rows.Where(r => r.ProgrammeId == w.Ntd && r.UnitId != null).Select(r => r.UnitName));

        // Typed in: NTD 4/150 with a note, DVM for Z 2/60; an untouched line stays without a plan.
        var input = (await plans.GetGridAsync(2026, showUnits: true)).Rows.Select(Input).ToList();
        Set(input, w.Ntd, null, 4, 150, "  Hai lớp ở   cụm xã ");
        Set(input, w.Dvm, w.Z, 2, 60, null);
        Assert.Equal(2, await plans.SaveAsync(2026, input));

        await using (var check = database.CreateContext())
        {
            var lines = await check.AnnualPlans.Where(p => p.Year == 2026).OrderBy(p => p.ProgrammeId).ToListAsync();
            Assert.Equal([(w.Ntd, (int?)null, 4, 150, "Hai lớp ở cụm xã"), (w.Dvm, w.Z, 2, 60, null)],
                lines.Select(l => (l.ProgrammeId, l.UnitId, l.PlannedClasses, l.PlannedTrainees, l.Note)));
        }

        // Emptying a line removes it; changing one keeps it.
        input = (await plans.GetGridAsync(2026, showUnits: true)).Rows.Select(Input).ToList();
        Set(input, w.Ntd, null, null, null, null);
        Set(input, w.Dvm, w.Z, 3, 60, null);
        Assert.Equal(2, await plans.SaveAsync(2026, input));
        var after = await plans.GetGridAsync(2026, showUnits: true);
        Assert.Null(after.Rows.Single(r => r.ProgrammeId == w.Ntd && r.UnitId is null).LineId);
        Assert.Equal(3, after.Rows.Single(r => r.ProgrammeId == w.Dvm && r.UnitId == w.Z).PlannedClasses);

        var negative = await Assert.ThrowsAsync<DomainException>(() => plans.SaveAsync(2026, [new PlanLineInput(w.Ntd, null, null, null, -1, 10, null)]));
        Assert.Equal("Số lớp kế hoạch phải từ 0 đến 1.000.", negative.Message);

        // Readers see the plan and change nothing.
        var official = new PlanService(db, w.Official);
        Assert.False((await official.GetGridAsync(2024, false)).CanEdit);
        var refused = await Assert.ThrowsAsync<DomainException>(() => official.SaveAsync(2026, input));
        Assert.Equal("Tài khoản của bạn chỉ được xem, không được thay đổi kế hoạch.", refused.Message);
        await Assert.ThrowsAsync<DomainException>(() => official.CopyFromPreviousYearAsync(2027));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_stale_grid_is_refused_with_what_the_other_person_saved_and_can_then_overwrite(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var w = await ReportWorld.SeedAsync(database);

        // Two people open the 2024 grid.
        await using var mine = database.CreateContext();
        var myInput = (await new PlanService(mine, w.StaffA).GetGridAsync(2024, false)).Rows.Select(Input).ToList();

        await using (var theirs = database.CreateContext())
        {
            var plans = new PlanService(theirs, w.StaffA);
            var input = (await plans.GetGridAsync(2024, false)).Rows.Select(Input).ToList();
            Set(input, w.Ntd, null, 5, 200, null);       // changes a line
            Set(input, w.Nq, null, 2, 80, null);         // adds a centre-wide line
            await plans.SaveAsync(2024, input);
        }

        Set(myInput, w.Ntd, null, 4, 150, null);
        Set(myInput, w.Dvm, w.X, 2, 3, null);
        var conflict = await Assert.ThrowsAsync<PlanConflictException>(() => new PlanService(mine, w.StaffA).SaveAsync(2024, myInput));
        Assert.Equal(
            "Kế hoạch năm 2024 vừa được người khác cập nhật trong lúc bạn đang sửa. Nội dung người đó đã lưu: "
            + "Bồi dưỡng nhận thức về Đảng (toàn trung tâm): 5 lớp, 200 học viên; Cập nhật kiến thức, học tập nghị quyết (toàn trung tâm): 2 lớp, 80 học viên. "
            + "Nội dung bạn nhập vẫn được giữ trên bảng; kiểm tra lại rồi bấm Lưu để ghi đè.",
            conflict.Message);

        // Nothing of mine was saved.
        await using (var check = database.CreateContext())
        {
            Assert.Equal(2, await check.AnnualPlans.Where(p => p.ProgrammeId == w.Dvm && p.UnitId == w.X).Select(p => p.PlannedTrainees).SingleAsync());
        }

        // The grid re-shown carries the saved versions: saving again overwrites on purpose.
        var again = myInput.Select(l => conflict.Current.FirstOrDefault(c => c.ProgrammeId == l.ProgrammeId && c.UnitId == l.UnitId) is { } c
            ? l with { LineId = c.LineId, Version = c.Version }
            : l with { LineId = null, Version = null }).ToList();
        await using var fresh = database.CreateContext();
        await new PlanService(fresh, w.StaffA).SaveAsync(2024, again);
        var saved = await new PlanService(fresh, w.StaffA).GetGridAsync(2024, false);
        Assert.Equal((4, 150), (saved.Rows.Single(r => r.ProgrammeId == w.Ntd && r.UnitId is null).PlannedClasses!.Value, saved.Rows.Single(r => r.ProgrammeId == w.Ntd && r.UnitId is null).PlannedTrainees!.Value));
        Assert.Null(saved.Rows.Single(r => r.ProgrammeId == w.Nq && r.UnitId is null).LineId); // I had it empty: removed
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Copying_last_years_plan_fills_an_empty_year_and_moves_merged_units_to_their_successor(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var w = await ReportWorld.SeedAsync(database);
        await using var db = database.CreateContext();
        var plans = new PlanService(db, w.StaffA);

        var none = await Assert.ThrowsAsync<DomainException>(() => plans.CopyFromPreviousYearAsync(2024 + 2));
        Assert.Equal("Năm 2025 chưa có kế hoạch để sao chép.", none.Message);

        // 2024 → 2025: Xã Cát Hanh and Xã Cát Lâm were still in force on 01/01/2025, so their lines are copied as they are.
        Assert.Equal(4, await plans.CopyFromPreviousYearAsync(2025));
        var copied = await db.AnnualPlans.AsNoTracking().Where(p => p.Year == 2025 && p.CentreId == w.CentreA).OrderBy(p => p.Id).ToListAsync();
        (int, int?, int, int)[] expected = [(w.Ntd, null, 3, 12), (w.Ntd, w.Y, 1, 5), (w.Dvm, w.X, 1, 2), (w.Dvm, w.W, 0, 2)];
        Assert.Equal(expected.Order(), copied.Select(p => (p.ProgrammeId, p.UnitId, p.PlannedClasses, p.PlannedTrainees)).Order());

        // 2025 → 2026: X and W ended on 30/06/2025, so their DVM lines go to Xã Hội Sơn, added together.
        Assert.Equal(3, await plans.CopyFromPreviousYearAsync(2026));
        var dvm = await db.AnnualPlans.AsNoTracking().Where(p => p.Year == 2026 && p.ProgrammeId == w.Dvm).SingleAsync();
        Assert.Equal((w.Z, 1, 4), (dvm.UnitId!.Value, dvm.PlannedClasses, dvm.PlannedTrainees));

        // A year with a plan is never overwritten.
        var refused = await Assert.ThrowsAsync<DomainException>(() => plans.CopyFromPreviousYearAsync(2026));
        Assert.Equal("Năm 2026 đã có kế hoạch nên không thể sao chép đè từ năm 2025. Hãy sửa trực tiếp trên bảng kế hoạch.", refused.Message);
        Assert.Equal(3, await db.AnnualPlans.CountAsync(p => p.Year == 2026));
    }

    private static PlanLineInput Input(PlanGridRow r) =>
        new(r.ProgrammeId, r.UnitId, r.LineId, r.Version, r.PlannedClasses, r.PlannedTrainees, r.Note);

    private static void Set(List<PlanLineInput> input, int programmeId, int? unitId, int? classes, int? trainees, string? note)
    {
        var i = input.FindIndex(l => l.ProgrammeId == programmeId && l.UnitId == unitId);
        input[i] = input[i] with { PlannedClasses = classes, PlannedTrainees = trainees, Note = note };
    }
}
