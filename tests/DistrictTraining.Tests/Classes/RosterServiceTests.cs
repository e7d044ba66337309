using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DistrictTraining.Tests.Classes;

public class RosterServiceTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_roster_is_shown_in_Vietnamese_order_with_a_size_warning(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await TestData.ClassAsync(db);
        var roster = new RosterService(db, new FixedUserScope(c.CentreId), TimeProvider.System);
        foreach (var (f, m, g) in new[] { ("Trần", "Văn", "Bình"), ("Nguyễn", "Văn", "An"), ("Đặng", "Thị", "Ánh"), ("Lê", "Thị", "Ân"), ("Đỗ", "Văn", "An") })
        {
            var t = await TestData.TraineeAsync(db, f, m, g);
            await roster.AddExistingAsync(c.Id, t.Id);
        }

        var view = (await roster.GetAsync(c.Id))!;
        Assert.Equal(["Đỗ Văn An", "Nguyễn Văn An", "Đặng Thị Ánh", "Lê Thị Ân", "Trần Văn Bình"], view.Active.Select(l => l.FullName));
        Assert.Equal("Lớp mới có 5 học viên, ít hơn mức tối thiểu 25.", view.SizeWarning);
        Assert.Equal("lớp thứ 1/2026", view.Class.NumberLabel);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task At_half_past_midnight_on_1_July_2025_in_Vietnam_a_new_person_is_offered_the_merged_communes(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await TestData.ClassAsync(db, year: 2025);
        db.OrganisationUnits.AddRange(
            new OrganisationUnit { Name = "Xã Cát Hiệp", Kind = UnitKind.Commune, ValidTo = new DateOnly(2025, 6, 30) },
            new OrganisationUnit { Name = "Xã Hòa Hội", Kind = UnitKind.Commune, ValidFrom = new DateOnly(2025, 7, 1) });
        await db.SaveChangesAsync();

        // 23:30 on 30 June 2025 in Vietnam, then 00:30 on 1 July (a UTC server's date is still 30 June).
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 30, 16, 30, 0, TimeSpan.Zero));
        var roster = new RosterService(db, new FixedUserScope(c.CentreId), clock);
        Assert.Equal(["Xã Cát Hiệp"], (await roster.UnitChoicesAsync()).Select(u => u.Name));

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(["Xã Hòa Hội"], (await roster.UnitChoicesAsync()).Select(u => u.Name));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_person_is_enrolled_once_and_a_withdrawal_keeps_its_reason(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await TestData.ClassAsync(db);
        var roster = new RosterService(db, new FixedUserScope(c.CentreId), TimeProvider.System);
        var t = await TestData.TraineeAsync(db, "Nguyễn", "Văn", "An");
        await roster.AddExistingAsync(c.Id, t.Id);
        var again = await Assert.ThrowsAsync<DomainException>(() => roster.AddExistingAsync(c.Id, t.Id));
        Assert.Equal("Nguyễn Văn An đã có trong danh sách lớp.", again.Message);

        var line = (await roster.GetAsync(c.Id))!.Active.Single();
        await Assert.ThrowsAsync<DomainException>(() => roster.WithdrawAsync(c.Id, line.EnrolmentId, line.Version, "  "));
        await roster.WithdrawAsync(c.Id, line.EnrolmentId, line.Version, "Chuyển công tác");
        var view = (await roster.GetAsync(c.Id))!;
        Assert.Empty(view.Active);
        Assert.Equal("Chuyển công tác", Assert.Single(view.Withdrawn).WithdrawalReason);

        // Reinstating reuses the same enrolment: never deleted, never duplicated.
        await roster.AddExistingAsync(c.Id, t.Id);
        Assert.Equal(1, await db.Enrolments.CountAsync());
        Assert.Single((await roster.GetAsync(c.Id))!.Active);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_new_person_is_created_and_enrolled_together_or_not_at_all(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await TestData.ClassAsync(db);
        var roster = new RosterService(db, new FixedUserScope(c.CentreId), TimeProvider.System);
        await TestData.TraineeAsync(db, "Lê", "Văn", "Tám", cccd: "052085001234");

        var name = await roster.AddNewAsync(c.Id, new NewTraineeInput("Hồ", "Thị", "Xuân", Sex.Female, "1/2/1990", null, null, "Hội viên"));
        Assert.Equal("Hồ Thị Xuân", name);
        var duplicate = await Assert.ThrowsAsync<DomainException>(() =>
            roster.AddNewAsync(c.Id, new NewTraineeInput("Lê", "Văn", "Tám", Sex.Male, "1985", "052 085 001 234", null, null)));
        Assert.Contains("đã thuộc về học viên Lê Văn Tám", duplicate.Message);
        var badDate = await Assert.ThrowsAsync<DomainException>(() =>
            roster.AddNewAsync(c.Id, new NewTraineeInput("Vũ", "", "Nam", Sex.Male, "31/02/1990", null, null, null)));
        Assert.Contains("31/02/1990", badDate.Message);

        await using var check = database.CreateContext();
        Assert.Equal(2, await check.Trainees.CountAsync());
        Assert.Equal(1, await check.Enrolments.CountAsync());
        var created = await check.Trainees.SingleAsync(t => t.GivenName == "Xuân");
        Assert.Equal(new DateOnly(1990, 2, 1), created.DateOfBirth);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task One_monitor_and_at_most_two_deputies(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await TestData.ClassAsync(db);
        var roster = new RosterService(db, new FixedUserScope(c.CentreId), TimeProvider.System);
        foreach (var g in new[] { "An", "Bình", "Cường", "Dũng" })
        {
            await roster.AddExistingAsync(c.Id, (await TestData.TraineeAsync(db, "Nguyễn", "Văn", g)).Id);
        }

        RosterLine Line(RosterView v, string given) => v.Active.Single(l => l.FullName.EndsWith(" " + given, StringComparison.Ordinal));
        var view = (await roster.GetAsync(c.Id))!;
        await roster.SetRoleAsync(c.Id, Line(view, "An").EnrolmentId, Line(view, "An").Version, ClassRole.Monitor);
        view = (await roster.GetAsync(c.Id))!;
        var note = await roster.SetRoleAsync(c.Id, Line(view, "Bình").EnrolmentId, Line(view, "Bình").Version, ClassRole.Monitor);
        Assert.Equal("Nguyễn Văn An không còn là lớp trưởng.", note);
        view = (await roster.GetAsync(c.Id))!;
        Assert.Equal(ClassRole.Member, Line(view, "An").Role);
        await roster.SetRoleAsync(c.Id, Line(view, "An").EnrolmentId, Line(view, "An").Version, ClassRole.DeputyMonitor);
        await roster.SetRoleAsync(c.Id, Line(view, "Cường").EnrolmentId, Line(view, "Cường").Version, ClassRole.DeputyMonitor);
        view = (await roster.GetAsync(c.Id))!;
        var third = await Assert.ThrowsAsync<DomainException>(() => roster.SetRoleAsync(c.Id, Line(view, "Dũng").EnrolmentId, Line(view, "Dũng").Version, ClassRole.DeputyMonitor));
        Assert.Equal("Lớp đã có 2 lớp phó.", third.Message);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Two_staff_changing_the_same_line_the_second_is_told_what_changed(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        int classId, centreId;
        await using (var db = database.CreateContext())
        {
            var c = await TestData.ClassAsync(db);
            (classId, centreId) = (c.Id, c.CentreId);
            var t = await TestData.TraineeAsync(db, "Phạm", "Thị", "Mai");
            await new RosterService(db, new FixedUserScope(centreId), TimeProvider.System).AddExistingAsync(classId, t.Id);
        }

        // Both staff loaded the page and saw the same version of the line.
        RosterLine seen;
        await using (var db = database.CreateContext())
        {
            seen = (await new RosterService(db, new FixedUserScope(centreId), TimeProvider.System).GetAsync(classId))!.Active.Single();
        }

        await using (var first = database.CreateContext())
        {
            await new RosterService(first, new FixedUserScope(centreId), TimeProvider.System).SetRoleAsync(classId, seen.EnrolmentId, seen.Version, ClassRole.Monitor);
        }

        await using (var second = database.CreateContext())
        {
            var conflict = await Assert.ThrowsAsync<RosterConflictException>(() =>
                new RosterService(second, new FixedUserScope(centreId), TimeProvider.System).WithdrawAsync(classId, seen.EnrolmentId, seen.Version, "Ốm dài ngày"));
            Assert.Contains("Phạm Thị Mai vừa được người khác thay đổi: hiện là lớp trưởng", conflict.Message);
        }

        await using (var check = database.CreateContext())
        {
            var e = await check.Enrolments.SingleAsync();
            Assert.Equal(EnrolmentStatus.Active, e.Status);
            Assert.Equal(ClassRole.Monitor, e.Role);
        }
    }

    [Fact]
    public async Task Another_centre_cannot_see_or_change_the_roster()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await TestData.ClassAsync(db);
        var other = await TestData.CentreAsync(db, "Trung tâm khác");
        var t = await TestData.TraineeAsync(db, "Nguyễn", "Văn", "An");
        var outsider = new RosterService(db, new FixedUserScope(other.Id), TimeProvider.System);
        Assert.Null(await outsider.GetAsync(c.Id));
        await Assert.ThrowsAsync<DomainException>(() => outsider.AddExistingAsync(c.Id, t.Id));
        Assert.False(await db.Enrolments.AnyAsync());
    }

    [Fact]
    public async Task A_cancelled_class_keeps_its_roster_frozen()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await TestData.ClassAsync(db);
        c.MoveTo(ClassStatus.Cancelled, "Không đủ học viên");
        await db.SaveChangesAsync();
        var t = await TestData.TraineeAsync(db, "Nguyễn", "Văn", "An");
        var ex = await Assert.ThrowsAsync<DomainException>(() => new RosterService(db, new FixedUserScope(c.CentreId), TimeProvider.System).AddExistingAsync(c.Id, t.Id));
        Assert.Contains("Lớp đã hủy", ex.Message);
    }
}
