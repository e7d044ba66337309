using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Trainees;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Lecturers;

/// <summary>What a lecturer account reads: the classes they teach, their trainees' names only, their own sessions.</summary>
public class LecturerScopeTests
{
    /// <summary>
    /// One centre; class A (Hùng teaches two sessions, Lan one), class B (Lan only) and class C (Hùng is class head,
    /// teaches nothing). Sessions are dated around today so that the home page has something to sort.
    /// </summary>
    private sealed record World(ClassFixture A, ClassFixture B, int ClassC, int Today, int Yesterday, int LansSession, int BsSession);

    private static IUserScope Lecturer(int centreId, string userId) => new FixedUserScope(centreId, CanEdit: false, UserId: userId, IsLecturer: true);

    private static async Task<World> SeedAsync(AppDbContext db)
    {
        var centre = await TestData.CentreAsync(db);
        var hung = await ClassTestData.LecturerAsync(db, centre.Id, "Phạm", "Hùng", "user-hung");
        var lan = await ClassTestData.LecturerAsync(db, centre.Id, "Lê", "Lan", "user-lan");
        var a = await ClassTestData.CreateAsync(db, trainees: 3, sessions: 0, centreId: centre.Id, number: 1);
        var b = await ClassTestData.CreateAsync(db, trainees: 2, sessions: 0, centreId: centre.Id, number: 2);
        var c = await ClassTestData.CreateAsync(db, trainees: 1, sessions: 0, centreId: centre.Id, number: 3);
        (await db.TrainingClasses.SingleAsync(x => x.Id == c.ClassId)).HeadLecturerId = hung.Id;
        var today = VietnamTime.DateOfUtc(DateTime.UtcNow);
        ClassSession Session(int classId, int days, DayPart part, Lecturer lecturer) => new()
        {
            ClassId = classId, Date = today.AddDays(days), Part = part, Topic = $"Chuyên đề ngày {days}", Periods = 4, LecturerId = lecturer.Id,
        };

        var todays = Session(a.ClassId, 0, DayPart.Afternoon, hung);
        var yesterdays = Session(a.ClassId, -1, DayPart.Morning, hung);
        var old = Session(a.ClassId, -(TeachingService.RecentDays + 1), DayPart.Morning, hung);
        var lans = Session(a.ClassId, 1, DayPart.Morning, lan);
        var bs = Session(b.ClassId, 0, DayPart.Morning, lan);
        db.ClassSessions.AddRange(todays, yesterdays, old, lans, bs);
        await db.SaveChangesAsync();

        // Yesterday's session is marked for one trainee of three; the one of 31 days ago for nobody.
        await ClassTestData.MarkAsync(db, [(a.EnrolmentIds[0], yesterdays.Id, AttendanceStatus.Present)]);
        var first = await db.Enrolments.Where(e => e.Id == a.EnrolmentIds[0]).Select(e => e.Trainee!).SingleAsync();
        first.Cccd = "001080012345";
        first.Ethnicity = "Kinh";
        first.Religion = "Không";
        await db.SaveChangesAsync();
        return new World(a, b, c.ClassId, todays.Id, yesterdays.Id, lans.Id, bs.Id);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_lecturers_overview_lists_their_own_sessions_to_come_then_past_ones_not_fully_marked_and_their_classes(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var w = await SeedAsync(db);

        var overview = await new TeachingService(db, Lecturer(w.A.CentreId, "user-hung"), TimeProvider.System).GetOverviewAsync();
        Assert.Equal("Phạm Hùng", overview.LecturerName);
        Assert.Equal([w.Today], overview.Upcoming.Select(s => s.SessionId));
        Assert.Equal([w.Yesterday], overview.Unmarked.Select(s => s.SessionId));
        Assert.Equal((1, 3), (overview.Unmarked[0].Marked, overview.Unmarked[0].Trainees));
        Assert.Equal(w.A.ClassId, overview.Upcoming[0].ClassId);
        Assert.Equal("Lớp bồi dưỡng nhận thức về Đảng, lớp thứ 1/2026", overview.Upcoming[0].ClassName);
        Assert.Equal([(w.ClassC, true, 0), (w.A.ClassId, false, 3)], overview.Classes.OrderByDescending(c => c.ClassId).Select(c => (c.ClassId, c.IsHead, c.Sessions)));

        var lans = await new TeachingService(db, Lecturer(w.A.CentreId, "user-lan"), TimeProvider.System).GetOverviewAsync();
        Assert.Equal([w.BsSession, w.LansSession], lans.Upcoming.Select(s => s.SessionId));
        Assert.Empty(lans.Unmarked);

        var unlinked = await new TeachingService(db, Lecturer(w.A.CentreId, "user-nobody"), TimeProvider.System).GetOverviewAsync();
        Assert.False(unlinked.IsLinked);
        Assert.Empty(unlinked.Upcoming);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_lecturer_reads_the_roster_grids_and_list_of_the_classes_they_teach_only_and_no_identity_data(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var w = await SeedAsync(db);
        var scope = Lecturer(w.A.CentreId, "user-hung");

        var roster = new RosterService(db, scope, TimeProvider.System);
        var view = (await roster.GetAsync(w.A.ClassId))!;
        Assert.False(view.ShowsIdentity);
        Assert.Equal(3, view.Active.Count);
        Assert.All(view.Active, l => Assert.Null(l.Cccd));
        Assert.NotNull((await roster.GetAsync(w.ClassC))); // as class head
        Assert.Null(await roster.GetAsync(w.B.ClassId));
        Assert.Equal("001080012345", (await new RosterService(db, new FixedUserScope(w.A.CentreId), TimeProvider.System).GetAsync(w.A.ClassId))!.Active.Single(l => l.EnrolmentId == w.A.EnrolmentIds[0]).Cccd);

        // Reading is not changing: the roster service refuses, whatever the controller lets through.
        var trainee = await TestData.TraineeAsync(db, "Võ", "Thị", "Sáu");
        var refused = await Assert.ThrowsAsync<DomainException>(() => roster.AddExistingAsync(w.A.ClassId, trainee.Id));
        Assert.Equal("Tài khoản của bạn chỉ được xem danh sách lớp, không được thay đổi.", refused.Message);
        await Assert.ThrowsAsync<DomainException>(() => roster.WithdrawAsync(w.A.ClassId, view.Active[0].EnrolmentId, view.Active[0].Version, "Ốm"));
        Assert.Equal(3, await db.Enrolments.CountAsync(e => e.ClassId == w.A.ClassId && e.Status == EnrolmentStatus.Active));

        var attendance = new AttendanceService(db, scope, new NamedUser("gv.hung"), TimeProvider.System);
        Assert.NotNull(await attendance.GetGridAsync(w.A.ClassId));
        Assert.Null(await attendance.GetGridAsync(w.B.ClassId));
        await Assert.ThrowsAsync<DomainException>(() => attendance.FillEmptyAsync(w.B.ClassId, w.BsSession));
        var results = new ResultsService(db, scope);
        Assert.NotNull(await results.GetGridAsync(w.A.ClassId));
        Assert.Null(await results.GetGridAsync(w.B.ClassId));

        var classes = new ClassService(db, scope, TimeProvider.System);
        Assert.Equal([w.A.ClassId, w.ClassC], (await classes.ListAsync(new ClassListFilter())).Items.Select(c => c.Id).Order());
        Assert.Null(await classes.GetDetailsAsync(w.B.ClassId));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_trainee_registry_shows_a_lecturer_nobody(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var w = await SeedAsync(db);
        var traineeId = await db.Enrolments.Where(e => e.Id == w.A.EnrolmentIds[0]).Select(e => e.TraineeId).SingleAsync();

        var lecturer = new TraineeService(db, Lecturer(w.A.CentreId, "user-hung"), TimeProvider.System);
        Assert.Equal(0, (await lecturer.SearchAsync(new TraineeSearch())).TotalCount);
        Assert.Empty(await lecturer.LookupAsync("001080012345"));
        Assert.Null(await lecturer.GetDetailsAsync(traineeId));
        Assert.Null(await lecturer.GetForEditAsync(traineeId));

        var staff = new TraineeService(db, new FixedUserScope(w.A.CentreId), TimeProvider.System);
        Assert.Equal("Kinh", (await staff.GetDetailsAsync(traineeId))!.Ethnicity);
    }
}
