using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Classes;

public class ResultsServiceTests
{
    private static ResultsService Service(AppDbContext db, ClassFixture c) => new(db, new FixedUserScope(c.CentreId, UserId: "giaovu"));

    /// <summary>The posted line for a row of the grid, with new scores typed.</summary>
    private static ScoreInput Typed(ResultsRow row, string score, string resit = "") =>
        new(row.EnrolmentId, row.Version, score, resit, row.StoredScore, row.StoredResit);

    /// <summary>
    /// A class of 4 (10 sessions of 4 periods): everyone present except the first trainee in roster order,
    /// who missed three sessions (28/40 periods, 70%).
    /// </summary>
    private static async Task<ClassFixture> ClassAsync(AppDbContext db)
    {
        var c = await ClassTestData.CreateAsync(db, trainees: 4, sessions: 10);
        await ClassTestData.MarkAsync(db,
            from e in c.EnrolmentIds
            from s in c.SessionIds
            select (e, s, e == c.EnrolmentIds[0] && c.SessionIds.Take(3).Contains(s) ? AttendanceStatus.Absent : AttendanceStatus.Present));
        return c;
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Scores_give_the_grade_and_the_completion_with_its_reason(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await ClassAsync(db);
        var service = Service(db, c);
        var grid = (await service.GetGridAsync(c.ClassId))!;
        Assert.Equal(["Trung bình", "Khá", "Giỏi", "Xuất sắc"], grid.Bands.Select(b => b.Name));
        var rows = grid.Rows;
        Assert.False(rows[0].Attendance.IsEligible);
        Assert.Equal("Không hoàn thành", rows[0].Outcome.StatusText);
        Assert.Equal("Chưa có điểm", rows[1].Outcome.Reason);

        // A score for the trainee who is not eligible is refused, with the reason; nothing is written.
        var refused = await Assert.ThrowsAsync<ResultsRefusedException>(() => service.SaveAsync(c.ClassId, [Typed(rows[0], "8"), Typed(rows[1], "7,5")]));
        Assert.Contains($"{rows[0].FullName}: Không đủ điều kiện dự kiểm tra cuối khóa (Tham dự 28/40 tiết (70,0%), dưới mức 80%): không thể ghi điểm.", refused.Message);
        Assert.Equal("7,5", refused.Overlay.Edits[rows[1].EnrolmentId].Score);
        Assert.Equal(0, await db.AssessmentResults.CountAsync());

        Assert.Equal(3, await service.SaveAsync(c.ClassId, [Typed(rows[1], "7,5"), Typed(rows[2], "4.5"), Typed(rows[3], "9")]));
        rows = (await service.GetGridAsync(c.ClassId))!.Rows;
        Assert.Equal(("7,5", "Khá", true), (rows[1].Score, rows[1].Outcome.GradeName, rows[1].Outcome.Completed));
        Assert.Equal((false, "Điểm 4,5 dưới điểm đạt 5,0"), (rows[2].Outcome.Completed, rows[2].Outcome.Reason));
        Assert.Equal("Xuất sắc", rows[3].Outcome.GradeName);

        // The stored result carries the outcome the certificates will read.
        await using (var check = database.CreateContext())
        {
            var stored = await check.AssessmentResults.SingleAsync(r => r.EnrolmentId == rows[1].EnrolmentId);
            Assert.Equal((7.5m, "Khá", true, (string?)null), (stored.Score!.Value, stored.GradeName, stored.Completed!.Value, stored.NotCompletedReason));
        }

        // One resit, only after a failed first score; the grade follows the resit.
        var again = await Assert.ThrowsAsync<ResultsRefusedException>(() => service.SaveAsync(c.ClassId, [Typed(rows[1], "7,5", "9")]));
        Assert.Contains("Chỉ được thi lại khi điểm lần đầu dưới điểm đạt (5,0)", again.Message);
        Assert.Equal(1, await service.SaveAsync(c.ClassId, [Typed(rows[2], "4,5", "6,5")]));
        rows = (await service.GetGridAsync(c.ClassId))!.Rows;
        Assert.Equal(("6,5", "Trung bình", true), (rows[2].Resit, rows[2].Outcome.GradeName, rows[2].Outcome.Completed));

        var bad = await Assert.ThrowsAsync<ResultsRefusedException>(() => service.SaveAsync(c.ClassId, [Typed(rows[3], "9,25")]));
        Assert.Contains("Điểm \"9,25\" không hợp lệ", bad.Message);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task One_save_reports_every_error_unreadable_scores_and_broken_rules_together(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await ClassAsync(db);
        var service = Service(db, c);
        var rows = (await service.GetGridAsync(c.ClassId))!.Rows;

        // An unreadable score, a resit after a passing score, a resit without a first score, both fields unreadable,
        // and a score for a trainee below the attendance threshold: all named by the first save.
        var refused = await Assert.ThrowsAsync<ResultsRefusedException>(() => service.SaveAsync(c.ClassId,
        [
            Typed(rows[0], "8"),
            Typed(rows[1], "abc"),
            Typed(rows[2], "7,5", "9"),
            Typed(rows[3], "11", "x"),
        ]));
        Assert.Contains("4 dòng cần xem lại", refused.Message);
        Assert.Contains($"{rows[0].FullName}: Không đủ điều kiện dự kiểm tra cuối khóa", refused.Message);
        Assert.Contains($"{rows[1].FullName}: Điểm \"abc\" không hợp lệ", refused.Message);
        Assert.Contains($"{rows[2].FullName}: Chỉ được thi lại khi điểm lần đầu dưới điểm đạt (5,0)", refused.Message);
        Assert.Contains("Điểm \"11\" không hợp lệ", refused.Overlay.Notices[rows[3].EnrolmentId]);
        Assert.Contains("Điểm thi lại \"x\" không hợp lệ", refused.Overlay.Notices[rows[3].EnrolmentId]);
        Assert.Equal(4, refused.Overlay.Notices.Count);
        Assert.Equal(0, await db.AssessmentResults.CountAsync());

        // The page shows every line's notice at once, with what was typed.
        var shown = (await service.GetGridAsync(c.ClassId, refused.Overlay))!.Rows;
        Assert.All(shown, r => Assert.NotNull(r.Notice));
        Assert.Equal(("7,5", "9"), (shown[2].Score, shown[2].Resit));

        // Correcting them all, the next save goes through.
        Assert.Equal(3, await service.SaveAsync(c.ClassId, [Typed(shown[1], "6"), Typed(shown[2], "7,5"), Typed(shown[3], "4", "6")]));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_second_save_over_someone_elses_scores_is_refused_with_what_they_wrote(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        ClassFixture c;
        await using (var setup = database.CreateContext())
        {
            c = await ClassAsync(setup);
        }

        await using var dbA = database.CreateContext();
        await using var dbB = database.CreateContext();
        var a = Service(dbA, c);
        var b = Service(dbB, c);
        var rowsA = (await a.GetGridAsync(c.ClassId))!.Rows;
        var rowsB = (await b.GetGridAsync(c.ClassId))!.Rows;

        await b.SaveAsync(c.ClassId, [Typed(rowsB[1], "6")]);
        var refused = await Assert.ThrowsAsync<ResultsRefusedException>(() => a.SaveAsync(c.ClassId, [Typed(rowsA[1], "8"), Typed(rowsA[2], "7")]));
        Assert.Contains($"{rowsA[1].FullName}: Người khác vừa ghi: điểm 6,0, điểm thi lại (trống).", refused.Message);
        Assert.DoesNotContain(rowsA[2].FullName, refused.Message);
        await using (var check = database.CreateContext())
        {
            Assert.Equal(6m, (await check.AssessmentResults.SingleAsync()).Score);
        }

        // Shown again with A's typed values over the current versions; saving again overwrites on purpose.
        var again = (await a.GetGridAsync(c.ClassId, refused.Overlay))!.Rows;
        Assert.Equal(("8", "6,0", true), (again[1].Score, again[1].StoredScore, again[1].Edited));
        Assert.Equal("Người khác vừa ghi: điểm 6,0, điểm thi lại (trống).", again[1].Notice);
        Assert.Equal(2, await a.SaveAsync(c.ClassId, [Typed(again[1], again[1].Score), Typed(again[2], again[2].Score)]));

        // B's stale page still saves a line nobody else touched.
        Assert.Equal(1, await b.SaveAsync(c.ClassId, [Typed(rowsB[3], "5")]));
        await using (var check = database.CreateContext())
        {
            Assert.Equal([8m, 7m, 5m], await check.AssessmentResults.OrderBy(r => r.Id).Select(r => r.Score!.Value).ToListAsync());
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_stored_outcome_follows_later_attendance_changes(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await ClassAsync(db);
        var results = Service(db, c);
        var rows = (await results.GetGridAsync(c.ClassId))!.Rows;
        await results.SaveAsync(c.ClassId, [Typed(rows[1], "8")]);

        var attendance = new AttendanceService(db, new FixedUserScope(c.CentreId, UserId: "giaovu"), new NamedUser("giaovu"), TimeProvider.System);
        var grid = (await attendance.GetGridAsync(c.ClassId))!;
        await attendance.SaveAsync(c.ClassId, new AttendanceSaveRequest(grid.Version, grid.Snapshot,
            c.SessionIds.Take(3).Select(s => new AttendanceCellInput(rows[1].EnrolmentId, s, "K", null)).ToList()));

        await using var check = database.CreateContext();
        var stored = await check.AssessmentResults.SingleAsync();
        Assert.False(stored.Completed);
        Assert.StartsWith("Không đủ điều kiện dự kiểm tra cuối khóa: Tham dự 28/40 tiết", stored.NotCompletedReason);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_completion_decision_waits_for_every_outcome_then_is_recorded_audited_and_closes_the_results(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext(new NamedUser("giaovu"));
        var c = await ClassAsync(db);
        var service = Service(db, c);
        var grid = (await service.GetGridAsync(c.ClassId))!;
        var rows = grid.Rows;
        await service.SaveAsync(c.ClassId, [Typed(rows[1], "7")]);

        var decision = new CompletionDecisionInput("15/QĐ-TTCT", new DateOnly(2026, 3, 10), "Nguyễn Văn Giám", grid.ClassVersion);
        var waiting = await Assert.ThrowsAsync<DomainException>(() => service.RecordDecisionAsync(c.ClassId, decision));
        Assert.Contains("2 học viên chưa có kết quả (chưa có điểm)", waiting.Message);
        Assert.Contains(rows[2].FullName, waiting.Message);
        Assert.Contains(rows[3].FullName, waiting.Message);
        Assert.DoesNotContain(rows[0].FullName, waiting.Message); // not eligible: an outcome already

        var incomplete = await Assert.ThrowsAsync<DomainException>(() => service.RecordDecisionAsync(c.ClassId, decision with { Signer = " " }));
        Assert.Equal("Vui lòng nhập đủ số quyết định, ngày quyết định và người ký.", incomplete.Message);

        await service.SaveAsync(c.ClassId, [Typed(rows[2], "3"), Typed(rows[3], "5")]);
        Assert.True(await service.RecordDecisionAsync(c.ClassId, decision));

        await using (var check = database.CreateContext())
        {
            var trainingClass = await check.TrainingClasses.SingleAsync();
            Assert.Equal(("15/QĐ-TTCT", new DateOnly(2026, 3, 10), "Nguyễn Văn Giám"),
                (trainingClass.CompletionDecisionNumber, trainingClass.CompletionDecisionDate!.Value, trainingClass.CompletionDecisionSigner));

            // Every active trainee now has a stored outcome, the one not eligible by attendance included.
            var outcomes = await check.AssessmentResults.ToDictionaryAsync(r => r.EnrolmentId, r => r.Completed);
            Assert.Equal([false, true, false, true], c.EnrolmentIds.Select(e => outcomes[e]));
        }

        // Scores are closed now.
        grid = (await service.GetGridAsync(c.ClassId))!;
        Assert.False(grid.CanEdit);
        var closed = await Assert.ThrowsAsync<DomainException>(() => service.SaveAsync(c.ClassId, [Typed(grid.Rows[3], "6")]));
        Assert.Contains("điểm và kết quả đã được chốt", closed.Message);

        // Correcting the decision later is allowed, refused over someone else's change, and audited.
        var stale = decision with { Number = "16/QĐ-TTCT" };
        var conflict = await Assert.ThrowsAsync<DecisionConflictException>(() => service.RecordDecisionAsync(c.ClassId, stale));
        Assert.Contains("số 15/QĐ-TTCT, ngày 10/03/2026, người ký Nguyễn Văn Giám", conflict.Message);
        Assert.False(await service.RecordDecisionAsync(c.ClassId, stale with { Version = grid.ClassVersion }));

        await using (var check = database.CreateContext())
        {
            var audit = await check.AuditEntries.Where(a => a.EntityType == nameof(TrainingClass)).ToListAsync();
            Assert.Equal(2, audit.Count(a => a.Changes.Contains("CompletionDecisionNumber", StringComparison.Ordinal)));
            Assert.Contains(audit, a => a.Changes.Contains("16/Q", StringComparison.Ordinal) && a.UserName == "giaovu");
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_decision_date_before_the_class_and_an_empty_class_are_refused(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await ClassTestData.CreateAsync(db, trainees: 0, sessions: 1);
        var service = Service(db, c);
        var grid = (await service.GetGridAsync(c.ClassId))!;
        var early = await Assert.ThrowsAsync<DomainException>(() => service.RecordDecisionAsync(c.ClassId, new("1/QĐ", new DateOnly(2026, 1, 1), "A", grid.ClassVersion)));
        Assert.Equal("Ngày quyết định (01/01/2026) không được trước ngày khai giảng lớp (02/03/2026).", early.Message);
        var empty = await Assert.ThrowsAsync<DomainException>(() => service.RecordDecisionAsync(c.ClassId, new("1/QĐ", new DateOnly(2026, 3, 9), "A", grid.ClassVersion)));
        Assert.Contains("Lớp chưa có học viên nào", empty.Message);
    }
}
