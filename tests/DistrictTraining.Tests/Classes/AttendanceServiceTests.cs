using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DistrictTraining.Tests.Classes;

public class AttendanceServiceTests
{
    private static AttendanceService Staff(AppDbContext db, ClassFixture c, string user = "giaovu") =>
        new(db, new FixedUserScope(c.CentreId, UserId: user), new NamedUser(user), TimeProvider.System);

    private static AttendanceSaveRequest Request(AttendanceGrid grid, params (int EnrolmentId, int SessionId, string Mark)[] cells) =>
        new(grid.Version, grid.Snapshot, cells.Select(c => new AttendanceCellInput(c.EnrolmentId, c.SessionId, c.Mark, null)).ToList());

    private static async Task<Dictionary<(int, int), AttendanceStatus>> StoredAsync(TestDatabase database)
    {
        await using var check = database.CreateContext();
        return await check.AttendanceRecords.ToDictionaryAsync(a => (a.EnrolmentId, a.SessionId), a => a.Status);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_grid_is_the_roster_in_Vietnamese_order_by_the_sessions_in_date_order_with_each_total(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var trainingClass = await TestData.ClassAsync(db);
        foreach (var (f, m, g) in new[] { ("Trần", "Văn", "Bình"), ("Nguyễn", "Văn", "An"), ("Đặng", "Thị", "Ánh") })
        {
            var t = await TestData.TraineeAsync(db, f, m, g);
            db.Enrolments.Add(new Enrolment { ClassId = trainingClass.Id, TraineeId = t.Id, EnrolledAt = DateTime.UtcNow });
        }

        // Added out of order: the grid orders by date, then morning before afternoon.
        db.ClassSessions.AddRange(
            new ClassSession { ClassId = trainingClass.Id, Date = new DateOnly(2026, 3, 3), Part = DayPart.Morning, Topic = "C", Periods = 4 },
            new ClassSession { ClassId = trainingClass.Id, Date = new DateOnly(2026, 3, 2), Part = DayPart.Afternoon, Topic = "B", Periods = 4 },
            new ClassSession { ClassId = trainingClass.Id, Date = new DateOnly(2026, 3, 2), Part = DayPart.Morning, Topic = "A", Periods = 2 });
        await db.SaveChangesAsync();
        var withdrawn = await TestData.TraineeAsync(db, "Lê", "Văn", "Rút");
        var gone = new Enrolment { ClassId = trainingClass.Id, TraineeId = withdrawn.Id, EnrolledAt = DateTime.UtcNow };
        gone.Withdraw("Chuyển công tác", DateTime.UtcNow);
        db.Enrolments.Add(gone);
        await db.SaveChangesAsync();

        var service = new AttendanceService(db, new FixedUserScope(trainingClass.CentreId), new NamedUser("giaovu"), TimeProvider.System);
        var grid = (await service.GetGridAsync(trainingClass.Id))!;
        Assert.Equal(3, grid.Columns.Count);
        Assert.Equal(["Sáng 02/03", "Chiều 02/03", "Sáng 03/03"], grid.Columns.Select(c => c.ShortLabel));
        Assert.Equal(["Nguyễn Văn An", "Đặng Thị Ánh", "Trần Văn Bình"], grid.Rows.Select(r => r.FullName));
        Assert.All(grid.Columns, c => Assert.True(c.CanMark));

        var an = grid.Rows[0].EnrolmentId;
        var s = grid.Columns.Select(c => c.SessionId).ToList();
        Assert.Equal(3, await service.SaveAsync(trainingClass.Id, Request(grid, (an, s[0], "C"), (an, s[1], "p"), (an, s[2], "1"))));

        grid = (await service.GetGridAsync(trainingClass.Id))!;
        var row = grid.Rows[0];
        Assert.Equal(["C", "P", "C"], row.Cells.Select(c => c.Mark));
        Assert.Equal(6, row.Summary.AttendedPeriods);
        Assert.Equal(10, row.Summary.TotalPeriods);
        Assert.Equal("Tham dự 6/10 tiết (60,0%), dưới mức 80%", row.Summary.IneligibleReason);
        Assert.Equal(3, grid.NotEligibleCount);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_grid_judges_nobody_before_the_first_session_and_forecasts_who_cannot_reach_the_threshold(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        // Ten sessions of 4 periods from Monday 2 March 2026, two a day.
        var c = await ClassTestData.CreateAsync(db, trainees: 3, sessions: 10, status: ClassStatus.Planned);

        // 06:30 on 1 March in Vietnam: no session has taken place yet.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 2, 28, 23, 30, 0, TimeSpan.Zero));
        AttendanceService Service() => new(db, new FixedUserScope(c.CentreId, UserId: "giaovu"), new NamedUser("giaovu"), clock);
        var grid = (await Service().GetGridAsync(c.ClassId))!;
        Assert.True(grid.NotStarted);
        Assert.All(grid.Rows, r => Assert.Equal((AttendanceStanding.NotStarted, "Chưa đến buổi học nào"), (r.Forecast.Standing, r.Forecast.Text)));
        Assert.Equal(0, grid.NotEligibleCount);

        // 3 March: three sessions marked, one trainee present throughout, one absent twice, one absent three times.
        await ClassTestData.MarkAsync(db,
            from s in c.SessionIds.Take(3)
            from e in c.EnrolmentIds
            let absent = (e == c.EnrolmentIds[1] && s != c.SessionIds[0]) || e == c.EnrolmentIds[2]
            select (e, s, absent ? AttendanceStatus.Absent : AttendanceStatus.Present));
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 3, 0, 0, TimeSpan.Zero));
        grid = (await Service().GetGridAsync(c.ClassId))!;
        Assert.False(grid.NotStarted);
        Assert.Equal(
            [AttendanceStanding.OnTrack, AttendanceStanding.AtRisk, AttendanceStanding.CannotReach],
            grid.Rows.Select(r => r.Forecast.Standing));
        Assert.Equal("Dù có mặt cả 28 tiết còn lại cũng chỉ đạt 28/40 tiết, dưới mức 80%", grid.Rows[2].Forecast.Detail);
        Assert.Equal(1, grid.NotEligibleCount);

        // After the last session (6 March), unmarked cells count as absences: everyone is judged for good.
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 7, 3, 0, 0, TimeSpan.Zero));
        grid = (await Service().GetGridAsync(c.ClassId))!;
        Assert.All(grid.Rows, r => Assert.Equal(AttendanceStanding.NotEligible, r.Forecast.Standing));
        Assert.Equal(3, grid.NotEligibleCount);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_grid_save_is_one_transaction_written_whole_or_not_at_all(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await ClassTestData.CreateAsync(db, trainees: 30, sessions: 6);
        var service = Staff(db, c);
        var grid = (await service.GetGridAsync(c.ClassId))!;
        var all = (from e in c.EnrolmentIds from s in c.SessionIds select (e, s, e % 7 == 0 ? "K" : "C")).ToArray();
        Assert.Equal(180, await service.SaveAsync(c.ClassId, Request(grid, all)));
        Assert.Equal(180, (await StoredAsync(database)).Count);

        // One bad cell among good ones: the refusal names it, keeps what was typed, and writes nothing.
        grid = (await service.GetGridAsync(c.ClassId))!;
        var before = await StoredAsync(database);
        var refused = await Assert.ThrowsAsync<AttendanceRefusedException>(() => service.SaveAsync(c.ClassId, Request(grid,
            (c.EnrolmentIds[0], c.SessionIds[0], "P"), (c.EnrolmentIds[1], c.SessionIds[0], "X"), (c.EnrolmentIds[2], c.SessionIds[0], ""))));
        var second = grid.Rows[1].FullName;
        Assert.Contains($"{second} – buổi sáng 02/03/2026: \"X\" không phải C, P hoặc K", refused.Message);
        Assert.Equal(3, refused.Overlay.Edits.Count);
        Assert.Equal(AttendanceCellFlag.Invalid, refused.Overlay.Flags[new AttendanceCellKey(c.EnrolmentIds[1], c.SessionIds[0])].Flag);
        Assert.Equal(before, await StoredAsync(database));

        // The page shown again keeps the typed values, the valid ones as letters.
        var again = (await service.GetGridAsync(c.ClassId, refused.Overlay))!;
        Assert.Equal(["P", "X", ""], again.Rows.Take(3).Select(r => r.Cells[0].Mark));
        Assert.Equal(AttendanceCellFlag.Edited, again.Rows[0].Cells[0].Flag);

        // Clearing a cell unmarks it.
        Assert.Equal(1, await service.SaveAsync(c.ClassId, Request(grid, (c.EnrolmentIds[2], c.SessionIds[0], ""))));
        Assert.False((await StoredAsync(database)).ContainsKey((c.EnrolmentIds[2], c.SessionIds[0])));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Mark_all_present_fills_only_the_empty_cells_of_sessions_that_took_place(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await ClassTestData.CreateAsync(db, trainees: 5, sessions: 4);
        var future = new ClassSession { ClassId = c.ClassId, Date = DateOnly.FromDateTime(DateTime.Today).AddDays(30), Part = DayPart.Morning, Topic = "Sắp tới", Periods = 4 };
        db.ClassSessions.Add(future);
        await db.SaveChangesAsync();
        await ClassTestData.MarkAsync(db, [
            (c.EnrolmentIds[0], c.SessionIds[0], AttendanceStatus.Absent),
            (c.EnrolmentIds[1], c.SessionIds[1], AttendanceStatus.ExcusedAbsence),
            (c.EnrolmentIds[2], c.SessionIds[2], AttendanceStatus.Present)]);

        var service = Staff(db, c);
        Assert.Equal((5 * 4) - 3, await service.FillEmptyAsync(c.ClassId, null));
        var stored = await StoredAsync(database);
        Assert.Equal(AttendanceStatus.Absent, stored[(c.EnrolmentIds[0], c.SessionIds[0])]);
        Assert.Equal(AttendanceStatus.ExcusedAbsence, stored[(c.EnrolmentIds[1], c.SessionIds[1])]);
        Assert.Equal(20, stored.Count);
        Assert.DoesNotContain(stored.Keys, k => k.Item2 == future.Id);
        Assert.Equal(0, await service.FillEmptyAsync(c.ClassId, null));

        var notYet = await Assert.ThrowsAsync<DomainException>(() => service.FillEmptyAsync(c.ClassId, future.Id));
        Assert.Contains("chưa diễn ra", notYet.Message);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Overwriting_marks_needs_an_explicit_confirmation_against_the_marks_it_was_shown(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await ClassTestData.CreateAsync(db, trainees: 4, sessions: 2);
        await ClassTestData.MarkAsync(db, [
            (c.EnrolmentIds[0], c.SessionIds[0], AttendanceStatus.Absent),
            (c.EnrolmentIds[1], c.SessionIds[0], AttendanceStatus.ExcusedAbsence),
            (c.EnrolmentIds[2], c.SessionIds[0], AttendanceStatus.Present)]);
        var service = Staff(db, c);

        var preview = (await service.PreviewOverwriteAsync(c.ClassId, null))!;
        Assert.Equal((1, 1, 1, 5), (preview.Absent, preview.Excused, preview.Present, preview.Empty));
        Assert.Equal(2, preview.Replaced);

        var unconfirmed = await Assert.ThrowsAsync<DomainException>(() => service.OverwriteAllAsync(c.ClassId, null, preview.Version, confirmed: false));
        Assert.Contains("Cần xác nhận", unconfirmed.Message);
        Assert.Equal(AttendanceStatus.Absent, (await StoredAsync(database))[(c.EnrolmentIds[0], c.SessionIds[0])]);

        // Someone marks a cell after the confirmation page was shown: the confirmation no longer holds.
        await using (var other = database.CreateContext())
        {
            await ClassTestData.MarkAsync(other, [(c.EnrolmentIds[3], c.SessionIds[1], AttendanceStatus.Absent)]);
        }

        var stale = await Assert.ThrowsAsync<DomainException>(() => service.OverwriteAllAsync(c.ClassId, null, preview.Version, confirmed: true));
        Assert.Contains("vừa được thay đổi", stale.Message);

        preview = (await service.PreviewOverwriteAsync(c.ClassId, null))!;
        Assert.Equal(8 - 1, await service.OverwriteAllAsync(c.ClassId, null, preview.Version, confirmed: true));
        Assert.All((await StoredAsync(database)).Values, s => Assert.Equal(AttendanceStatus.Present, s));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_save_over_marks_someone_made_since_the_page_was_loaded_is_refused_naming_the_cells(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        ClassFixture c;
        await using (var setup = database.CreateContext())
        {
            c = await ClassTestData.CreateAsync(setup, trainees: 3, sessions: 2);
        }

        await using var dbA = database.CreateContext();
        await using var dbB = database.CreateContext();
        var a = Staff(dbA, c, "giaovu1");
        var b = Staff(dbB, c, "giaovu2");
        var gridA = (await a.GetGridAsync(c.ClassId))!;
        var gridB = (await b.GetGridAsync(c.ClassId))!;
        var (e0, e1, e2) = (c.EnrolmentIds[0], c.EnrolmentIds[1], c.EnrolmentIds[2]);
        var (s0, s1) = (c.SessionIds[0], c.SessionIds[1]);

        await b.SaveAsync(c.ClassId, Request(gridB, (e0, s0, "P"), (e1, s1, "K")));

        // A changes one of the cells B marked: refused, naming it and what B wrote; nothing of A's save is written.
        var refused = await Assert.ThrowsAsync<AttendanceRefusedException>(() => a.SaveAsync(c.ClassId, Request(gridA, (e0, s0, "C"), (e2, s1, "C"))));
        var name = gridA.Rows[0].FullName;
        Assert.Contains($"{name} – buổi sáng 02/03/2026 (hiện là «Vắng có phép», do giaovu2 ghi", refused.Message);
        Assert.DoesNotContain(gridA.Rows[2].FullName, refused.Message);
        Assert.Equal(AttendanceCellFlag.Conflict, refused.Overlay.Flags[new AttendanceCellKey(e0, s0)].Flag);
        var stored = await StoredAsync(database);
        Assert.Equal(AttendanceStatus.ExcusedAbsence, stored[(e0, s0)]);
        Assert.False(stored.ContainsKey((e2, s1)));

        // Shown again: A's typed values, B's mark elsewhere, and the current version; saving again is a deliberate overwrite.
        var again = (await a.GetGridAsync(c.ClassId, refused.Overlay))!;
        Assert.Equal("C", again.Rows[0].Cells[0].Mark);
        Assert.Equal("K", again.Rows[1].Cells[1].Mark);
        Assert.Equal(2, await a.SaveAsync(c.ClassId, Request(again, (e0, s0, "C"), (e1, s1, "K"), (e2, s1, "C"))));
        stored = await StoredAsync(database);
        Assert.Equal(AttendanceStatus.Present, stored[(e0, s0)]);
        Assert.Equal(AttendanceStatus.Absent, stored[(e1, s1)]);

        // Edits of different cells merge: B's stale page still saves a cell nobody else touched.
        Assert.Equal(1, await b.SaveAsync(c.ClassId, Request(gridB, (e2, s0, "K"))));
        stored = await StoredAsync(database);
        Assert.Equal(AttendanceStatus.Absent, stored[(e2, s0)]);
        Assert.Equal(AttendanceStatus.Present, stored[(e0, s0)]);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_lecturer_marks_only_the_sessions_they_teach(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await ClassTestData.CreateAsync(db, trainees: 3, sessions: 2);
        var mine = await ClassTestData.LecturerAsync(db, c.CentreId, "Phạm", "Hùng", userId: "user-hung");
        var theirs = await ClassTestData.LecturerAsync(db, c.CentreId, "Lê", "Lan", userId: "user-lan");
        var sessions = await db.ClassSessions.OrderBy(s => s.Date).ThenBy(s => s.Part).ToListAsync();
        sessions[0].LecturerId = mine.Id;
        sessions[1].LecturerId = theirs.Id;
        await db.SaveChangesAsync();

        var lecturer = new AttendanceService(db, new FixedUserScope(c.CentreId, CanEdit: false, UserId: "user-hung"), new NamedUser("gv.hung"), TimeProvider.System);
        var grid = (await lecturer.GetGridAsync(c.ClassId))!;
        Assert.Equal([true, false], grid.Columns.Select(col => col.CanMark));
        Assert.Equal("Phạm Hùng", grid.Columns[0].LecturerName);

        Assert.Equal(1, await lecturer.SaveAsync(c.ClassId, Request(grid, (c.EnrolmentIds[0], c.SessionIds[0], "C"))));
        var refused = await Assert.ThrowsAsync<AttendanceRefusedException>(() =>
            lecturer.SaveAsync(c.ClassId, Request(grid, (c.EnrolmentIds[1], c.SessionIds[0], "C"), (c.EnrolmentIds[1], c.SessionIds[1], "C"))));
        Assert.Contains("Bạn chỉ được điểm danh các buổi mình giảng", refused.Message);
        Assert.Contains("buổi chiều 02/03/2026", refused.Message);
        Assert.Single(await StoredAsync(database));

        Assert.Equal(2, await lecturer.FillEmptyAsync(c.ClassId, null));
        Assert.DoesNotContain((await StoredAsync(database)).Keys, k => k.Item2 == c.SessionIds[1]);
        await Assert.ThrowsAsync<DomainException>(() => lecturer.FillEmptyAsync(c.ClassId, c.SessionIds[1]));

        // Someone who teaches nothing in the class marks nothing.
        var stranger = new AttendanceService(db, new FixedUserScope(c.CentreId, CanEdit: false, UserId: "user-other"), new NamedUser("gv.khac"), TimeProvider.System);
        Assert.All((await stranger.GetGridAsync(c.ClassId))!.Columns, col => Assert.False(col.CanMark));
        await Assert.ThrowsAsync<DomainException>(() => stranger.FillEmptyAsync(c.ClassId, null));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Attendance_is_read_only_once_the_completion_decision_is_recorded(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await ClassTestData.CreateAsync(db, trainees: 2, sessions: 1);
        var trainingClass = await db.TrainingClasses.SingleAsync();
        trainingClass.FinishAndDecide("15/QĐ-TTCT", new DateOnly(2026, 3, 10), "Lê Văn Thành");
        await db.SaveChangesAsync();

        var service = Staff(db, c);
        var grid = (await service.GetGridAsync(c.ClassId))!;
        Assert.False(grid.CanMark);
        Assert.Contains("15/QĐ-TTCT", grid.LockedReason);
        var refused = await Assert.ThrowsAsync<DomainException>(() => service.SaveAsync(c.ClassId, Request(grid, (c.EnrolmentIds[0], c.SessionIds[0], "C"))));
        Assert.Contains("đã được chốt", refused.Message);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_grid_of_100_by_20_loads_its_marks_in_one_query_and_saves_in_one_go(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await ClassTestData.CreateAsync(db, trainees: 100, sessions: 20);
        await ClassTestData.MarkAllPresentAsync(db, c);

        var counter = new QueryCounter();
        await using var counted = database.CreateContext(counter);
        var grid = (await Staff(counted, c).GetGridAsync(c.ClassId))!;
        Assert.Equal(100, grid.Rows.Count);
        Assert.All(grid.Rows, r => Assert.Equal(80, r.Summary.TotalPeriods));
        Assert.True(counter.Count <= 8, $"{counter.Count} queries for the grid");

        var cells = (from e in c.EnrolmentIds.Take(50) from s in c.SessionIds select (e, s, "K")).ToArray();
        Assert.Equal(1000, await Staff(db, c).SaveAsync(c.ClassId, Request(grid, cells)));
        Assert.Equal(1000, (await StoredAsync(database)).Values.Count(v => v == AttendanceStatus.Absent));
    }

    private sealed class QueryCounter : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public int Count { get; private set; }

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
