using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Quality;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static DistrictTraining.Tests.Classes.ClassServiceTests;

namespace DistrictTraining.Tests.Classes;

public class TimetableServiceTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Sessions_are_added_edited_and_totalled_within_the_class_dates(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var world = await ClassWorld.SeedAsync(database);
        await using var db = database.CreateContext();
        var id = await world.Classes(db).SaveAsync(world.NewClass(1)); // 10/03/2025 – 14/03/2025
        var timetable = world.Timetable(db);

        var fresh = (await timetable.NewSessionAsync(id))!;
        Assert.Equal((new DateOnly(2025, 3, 10), DayPart.Morning), (fresh.Date, fresh.Part));

        await timetable.SaveSessionAsync(fresh with { Topic = "  Điều lệ Đảng  ", LecturerId = world.LecturerId, Periods = 5 });
        var next = (await timetable.NewSessionAsync(id))!;
        Assert.Equal((new DateOnly(2025, 3, 10), DayPart.Afternoon, world.LecturerId, 5), (next.Date, next.Part, next.LecturerId, next.Periods));
        var afternoon = await timetable.SaveSessionAsync(next with { Topic = "Lịch sử Đảng", Periods = 4 });
        Assert.Equal((new DateOnly(2025, 3, 11), DayPart.Morning), ((await timetable.NewSessionAsync(id))!.Date, (await timetable.NewSessionAsync(id))!.Part));

        var before = await Assert.ThrowsAsync<DomainException>(() => timetable.SaveSessionAsync(Session(id, new DateOnly(2025, 3, 9))));
        Assert.Equal("Ngày học 09/03/2025 nằm ngoài thời gian học của lớp (từ 10/03/2025 đến 14/03/2025).", before.Message);
        await Assert.ThrowsAsync<DomainException>(() => timetable.SaveSessionAsync(Session(id, new DateOnly(2025, 3, 15))));
        var tooMany = await Assert.ThrowsAsync<DomainException>(() => timetable.SaveSessionAsync(Session(id, new DateOnly(2025, 3, 12), periods: 11)));
        Assert.Equal("Số tiết của một buổi phải từ 1 đến 10.", tooMany.Message);
        await Assert.ThrowsAsync<DomainException>(() => timetable.SaveSessionAsync(Session(id, new DateOnly(2025, 3, 12), periods: 0)));
        var foreign = await Assert.ThrowsAsync<DomainException>(() =>
            timetable.SaveSessionAsync(Session(id, new DateOnly(2025, 3, 12)) with { LecturerId = world.OtherLecturerId }));
        Assert.Equal("Giảng viên không thuộc trung tâm này.", foreign.Message);

        var edit = (await timetable.GetSessionAsync(afternoon))!;
        await timetable.SaveSessionAsync(edit with { Part = DayPart.Evening, Periods = 3, Date = new DateOnly(2025, 3, 14) });
        await timetable.SaveSessionAsync(Session(id, new DateOnly(2025, 3, 12), periods: 10));

        var details = (await world.Classes(db).GetDetailsAsync(id))!;
        Assert.Equal(
            [("10/03/2025", "Sáng", "Điều lệ Đảng", "Trần Thị Thu Hà", 5), ("12/03/2025", "Sáng", "Điều lệ Đảng và nhiệm vụ của đảng viên", null, 10), ("14/03/2025", "Tối", "Lịch sử Đảng", "Trần Thị Thu Hà", 3)],
            details.Sessions.Select(s => (s.Date.ToString("dd/MM/yyyy"), s.PartName, s.Topic, s.LecturerName, s.Periods)));
        Assert.Equal(18, details.TotalPeriods);

        // Another centre's staff cannot see or touch this timetable.
        var other = world.Timetable(db, world.OtherStaff);
        Assert.Null(await other.GetSessionAsync(afternoon));
        Assert.Null(await other.NewSessionAsync(id));
        await Assert.ThrowsAsync<DomainException>(() => other.DeleteSessionAsync(afternoon));
        await Assert.ThrowsAsync<DomainException>(() => other.SaveSessionAsync(Session(id, new DateOnly(2025, 3, 12))));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_session_is_deleted_only_while_nothing_refers_to_it(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var world = await ClassWorld.SeedAsync(database);
        await using var db = database.CreateContext();
        var id = await world.Classes(db).SaveAsync(world.NewClass(1));
        var timetable = world.Timetable(db);
        var marked = await timetable.SaveSessionAsync(Session(id, new DateOnly(2025, 3, 10)));
        var observed = await timetable.SaveSessionAsync(Session(id, new DateOnly(2025, 3, 10), DayPart.Afternoon));
        var free = await timetable.SaveSessionAsync(Session(id, new DateOnly(2025, 3, 11)));

        await ClassWorld.EnrolAsync(db, id, 1);
        var enrolment = await db.Enrolments.SingleAsync();
        db.AttendanceRecords.Add(new AttendanceRecord { EnrolmentId = enrolment.Id, SessionId = marked, Status = AttendanceStatus.Present, MarkedAt = DateTime.UtcNow });
        db.ClassObservations.Add(new ClassObservation { SessionId = observed, ObserverName = "Nguyễn Văn Hùng", ObservedOn = new DateOnly(2025, 3, 10) });
        await db.SaveChangesAsync();

        var attendance = await Assert.ThrowsAsync<DomainException>(() => timetable.DeleteSessionAsync(marked));
        Assert.Equal("Không thể xóa buổi sáng ngày 10/03/2025 vì đã có điểm danh học viên của buổi này.", attendance.Message);
        var observation = await Assert.ThrowsAsync<DomainException>(() => timetable.DeleteSessionAsync(observed));
        Assert.Equal("Không thể xóa buổi chiều ngày 10/03/2025 vì đã có phiếu dự giờ của buổi này.", observation.Message);

        Assert.Equal(id, await timetable.DeleteSessionAsync(free));
        Assert.Equal([marked, observed], await db.ClassSessions.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_cancelled_class_keeps_its_timetable_as_it_was(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var world = await ClassWorld.SeedAsync(database);
        await using var db = database.CreateContext();
        var classes = world.Classes(db);
        var id = await classes.SaveAsync(world.NewClass(1));
        await classes.MoveAsync(id, ClassStatus.Cancelled, "Không đủ học viên");
        var refused = await Assert.ThrowsAsync<DomainException>(() => world.Timetable(db).SaveSessionAsync(Session(id, new DateOnly(2025, 3, 10))));
        Assert.Equal("Lớp đã hủy: không thể sửa thời khóa biểu (buổi học, số tiết).", refused.Message);
    }
}
