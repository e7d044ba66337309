using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Import;
using DistrictTraining.Core.Plans;
using DistrictTraining.Core.WorkQueue;
using DistrictTraining.Tests.Certificates;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DistrictTraining.Tests.WorkQueue;

/// <summary>The home page's work queue, computed by hand for one centre on a chosen day, on both databases.</summary>
public class WorkQueueServiceTests
{
    // 24 March 2026, 08:00 in Vietnam (01:00 UTC).
    private readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 24, 1, 0, 0, TimeSpan.Zero));
    private static readonly DateOnly Today = new(2026, 3, 24);
    private static readonly DateOnly Yesterday = new(2026, 3, 23);

    private sealed record Scene(int CentreId, int Underway, int UnderwayFirstEnrolment, int Finished, int SoonDue, int LateDue, int AllIssued, int OtherCentreClass, int PlanProgrammeId);

    private async Task<Scene> SceneAsync(AppDbContext db)
    {
        var centreId = (await CertificateTestData.CentreAsync(db)).Id;
        var otherCentreId = (await TestData.CentreAsync(db, "Trung tâm Chính trị Khác")).Id;

        // Being taught: 3 trainees, sessions yesterday (morning, afternoon) and today (morning, afternoon).
        // Yesterday's morning is fully marked, yesterday's afternoon has 2 of 3, today's morning 1 of 3, today's afternoon none.
        var underway = await ClassTestData.CreateAsync(db, trainees: 3, sessions: 4, centreId: centreId, number: 1, status: ClassStatus.Open);
        var s = underway.SessionIds;
        var e = underway.EnrolmentIds;
        foreach (var session in await db.ClassSessions.Where(x => x.ClassId == underway.ClassId).ToListAsync())
        {
            session.Date = session.Id == s[0] || session.Id == s[1] ? Yesterday : Today;
        }

        var underwayClass = await db.TrainingClasses.SingleAsync(x => x.Id == underway.ClassId);
        (underwayClass.StartDate, underwayClass.EndDate) = (Yesterday, Today.AddDays(3));

        await ClassTestData.MarkAsync(db, [
            (e[0], s[0], AttendanceStatus.Present), (e[1], s[0], AttendanceStatus.Absent), (e[2], s[0], AttendanceStatus.Present),
            (e[0], s[1], AttendanceStatus.Present), (e[1], s[1], AttendanceStatus.Present),
            (e[0], s[2], AttendanceStatus.Present),
        ]);

        // Finished: 2 trainees, one with a result; no decision.
        var finished = await ClassTestData.CreateAsync(db, trainees: 2, sessions: 2, centreId: centreId, number: 2);
        db.AssessmentResults.Add(new AssessmentResult { EnrolmentId = finished.EnrolmentIds[0], Score = 8m, Completed = true, GradeName = "Giỏi" });

        // Decided 19 March (last day 3 April): 2 completed, 1 not, one certificate issued → 1 waiting, 10 days left.
        var soon = await CertificateTestData.ClassAsync(db, centreId, completed: 2, notCompleted: 1, number: 3, tag: "S", decisionDate: new DateOnly(2026, 3, 19));
        // Decided 6 March (last day 21 March): 1 completed, its certificate revoked → 1 waiting, late.
        var late = await CertificateTestData.ClassAsync(db, centreId, completed: 1, number: 4, tag: "L", decisionDate: new DateOnly(2026, 3, 6));
        // Decided 10 March, every certificate issued: nothing to do.
        var allIssued = await CertificateTestData.ClassAsync(db, centreId, completed: 1, number: 5, tag: "A", decisionDate: new DateOnly(2026, 3, 10));
        // Decided in 2025, more than 90 days ago, never issued here (a register taken over from paper): not listed.
        await CertificateTestData.ClassAsync(db, centreId, completed: 1, number: 6, tag: "O", year: 2025, decisionDate: new DateOnly(2025, 3, 10));
        var serial = 0;
        Certificate For(int enrolmentId) => new()
        {
            CentreId = centreId, EnrolmentId = enrolmentId, Year = 2026, SerialNumber = ++serial, RegisterNumber = serial,
            IssueDate = new DateOnly(2026, 3, 1), SignerName = "Nguyễn Văn Giám", VerificationCode = $"TEST{serial:D8}",
        };
        var soonFirst = await db.Enrolments.Where(x => x.ClassId == soon.Id && x.Result!.Completed == true).OrderBy(x => x.Id).Select(x => x.Id).FirstAsync();
        db.Certificates.Add(For(soonFirst));
        var revoked = For(await db.Enrolments.Where(x => x.ClassId == late.Id).Select(x => x.Id).SingleAsync());
        revoked.Revoke("Cấp nhầm", DateTime.UtcNow);
        db.Certificates.Add(revoked);
        db.Certificates.Add(For(await db.Enrolments.Where(x => x.ClassId == allIssued.Id).Select(x => x.Id).SingleAsync()));

        // Another centre's class with an unmarked session today: never shown.
        var other = await ClassTestData.CreateAsync(db, trainees: 2, sessions: 4, centreId: otherCentreId, number: 1, status: ClassStatus.Open);

        // Uploads: mine (waiting), a colleague's (waiting), mine expired, mine confirmed (kept for its skipped rows).
        var now = Clock.GetUtcNow().UtcDateTime;
        db.PendingUploads.AddRange(
            new PendingUpload { Token = "a".PadRight(32, '0'), Kind = UploadKind.Roster, TargetId = underway.ClassId, OwnerUserId = "giaovu", CentreId = centreId, FileName = "xa-cat-hanh.xlsx", Content = [1], CreatedAt = now.AddHours(-1), ExpiresAt = now.AddHours(5) },
            new PendingUpload { Token = "b".PadRight(32, '0'), Kind = UploadKind.Scores, TargetId = finished.ClassId, OwnerUserId = "dongnghiep", CentreId = centreId, FileName = "diem.xlsx", Content = [1], CreatedAt = now.AddHours(-2), ExpiresAt = now.AddHours(4) },
            new PendingUpload { Token = "c".PadRight(32, '0'), Kind = UploadKind.Roster, TargetId = underway.ClassId, OwnerUserId = "giaovu", CentreId = centreId, FileName = "cu.xlsx", Content = [1], CreatedAt = now.AddHours(-8), ExpiresAt = now.AddHours(-2) },
            new PendingUpload { Token = "d".PadRight(32, '0'), Kind = UploadKind.Roster, TargetId = underway.ClassId, OwnerUserId = "giaovu", CentreId = centreId, FileName = "da-xac-nhan.xlsx", Content = [1], CreatedAt = now.AddHours(-1), ExpiresAt = now.AddHours(5), ConfirmedAt = now.AddMinutes(-30) });

        // The plan: 40 classes of the programme this year; 83 of 365 days gone → floor(40 × 83 / 365) = 9 expected by
        // now; 5 opened (1 open, 1 finished, 3 decided) → behind.
        var programmeId = await db.TrainingClasses.Where(c => c.Id == underway.ClassId).Select(c => c.ProgrammeId).SingleAsync();
        db.AnnualPlans.Add(new AnnualPlan { CentreId = centreId, Year = 2026, ProgrammeId = programmeId, PlannedClasses = 40, PlannedTrainees = 1200 });
        await db.SaveChangesAsync();
        return new Scene(centreId, underway.ClassId, e[0], finished.ClassId, soon.Id, late.Id, allIssued.Id, other.ClassId, programmeId);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Centre_staff_see_what_waits_in_their_centre_and_nothing_else(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var scene = await SceneAsync(db);

        var queue = await new WorkQueueService(db, new FixedUserScope(scene.CentreId, UserId: "giaovu"), Clock).GetAsync();

        Assert.True(queue.ShowsStaffQueue);
        Assert.Equal(Today, queue.Today);
        Assert.Equal([(scene.Underway, 3, 4, 4)], queue.Underway.Select(c => (c.ClassId, c.Trainees, c.SessionsHeld, c.Sessions)));
        Assert.Equal(
            [(Yesterday, DayPart.Afternoon, 2), (Today, DayPart.Morning, 1), (Today, DayPart.Afternoon, 0)],
            queue.SessionsToMark.Select(x => (x.Date, x.Part, x.Marked)));
        Assert.All(queue.SessionsToMark, x => Assert.Equal((scene.Underway, 3), (x.ClassId, x.Trainees)));
        Assert.Equal([(scene.Finished, 2, 1, false)], queue.ClassesToClose.Select(c => (c.ClassId, c.Trainees, c.WithResult, c.HasDecision)));
        Assert.Equal(
            [(scene.LateDue, new DateOnly(2026, 3, 21), 1, Urgency.Late), (scene.SoonDue, new DateOnly(2026, 4, 3), 1, Urgency.Normal)],
            queue.CertificatesDue.Select(c => (c.ClassId, c.Deadline, c.Waiting, c.Urgency)));
        Assert.Equal(10, queue.CertificatesDue[1].DaysLeft(Today));
        Assert.Equal(["xa-cat-hanh.xlsx"], queue.ImportsWaiting.Select(u => u.FileName));
        Assert.Equal($"/RosterImport/Upload/{scene.Underway}", queue.ImportsWaiting[0].Url);
        var plan = Assert.Single(queue.Plan);
        Assert.Equal((40, 5, 9, true), (plan.PlannedClasses, plan.OpenedClasses, plan.ExpectedByNow, plan.IsBehind));
        Assert.Equal(3 + 1 + 2 + 1 + 1, queue.ToDoCount);

        // The administrator sees every upload of the centre.
        var administrator = await new WorkQueueService(db, new FixedUserScope(scene.CentreId, IsAdministrator: true, UserId: "quantri"), Clock).GetAsync();
        Assert.Equal(["diem.xlsx", "xa-cat-hanh.xlsx"], administrator.ImportsWaiting.Select(u => u.FileName));

        // Nine days on (2 April), the class decided on 19 March is due soon, and the uploads have expired.
        Clock.Advance(TimeSpan.FromDays(9));
        var later = await new WorkQueueService(db, new FixedUserScope(scene.CentreId, IsAdministrator: true, UserId: "quantri"), Clock).GetAsync();
        Assert.Equal(Urgency.Soon, later.CertificatesDue.Single(c => c.ClassId == scene.SoonDue).Urgency);
        Assert.Empty(later.ImportsWaiting);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Officials_see_the_plan_a_unit_liaison_their_people_and_a_lecturer_nothing_here(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var scene = await SceneAsync(db);
        var unit = new Core.Organisation.OrganisationUnit { Name = "Xã Cát Hanh", Kind = Core.Organisation.UnitKind.Commune };
        db.OrganisationUnits.Add(unit);
        await db.SaveChangesAsync();
        var first = await db.Enrolments.SingleAsync(x => x.Id == scene.UnderwayFirstEnrolment);
        first.UnitId = unit.Id;
        await db.SaveChangesAsync();

        var official = await new WorkQueueService(db, new FixedUserScope(scene.CentreId, CanEdit: false), Clock).GetAsync();
        Assert.False(official.ShowsStaffQueue);
        Assert.Empty(official.SessionsToMark);
        Assert.Equal([(scene.PlanProgrammeId, 40, 5)], official.Plan.Select(p => (p.ProgrammeId, p.PlannedClasses, p.OpenedClasses)));

        var liaison = await new WorkQueueService(db, new FixedUserScope(scene.CentreId, UnitId: unit.Id, CanEdit: false), Clock).GetAsync();
        var person = Assert.Single(liaison.UnitTrainees);
        Assert.Equal((first.TraineeId, scene.Underway), (person.TraineeId, person.ClassId));
        Assert.Equal((3, 3), (person.Present, person.Marked)); // present at yesterday's two sessions and this morning's
        Assert.Empty(liaison.Plan);

        var lecturer = await new WorkQueueService(db, new FixedUserScope(scene.CentreId, CanEdit: false, IsLecturer: true), Clock).GetAsync();
        Assert.Equal(0, lecturer.ToDoCount + lecturer.Plan.Count + lecturer.Underway.Count);
    }
}
