using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Infrastructure;

/// <summary>A class with its roster and timetable, made directly in the database, for attendance and results tests.</summary>
public sealed record ClassFixture(int ClassId, int CentreId, IReadOnlyList<int> EnrolmentIds, IReadOnlyList<int> SessionIds);

public static class ClassTestData
{
    private static readonly string[] Families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"];
    private static readonly string[] Middles = ["Văn", "Thị", "Hữu", "Minh", "Thu", "Đức", "Ngọc"];
    private static readonly string[] Givens = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Lan", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tú", "Uyên", "Vân", "Yến"];

    /// <summary>A distinct Vietnamese name for the i-th trainee.</summary>
    public static (string Family, string Middle, string Given) Name(int i) =>
        (Families[i % Families.Length], Middles[(i / Families.Length) % Middles.Length], Givens[i % Givens.Length]);

    /// <summary>
    /// A class (programme <paramref name="programmeCode"/>) with <paramref name="trainees"/> enrolled and
    /// <paramref name="sessions"/> sessions of <paramref name="periods"/> periods, morning and afternoon from
    /// 2 March 2026. Enrolments are returned in Vietnamese roster order, sessions in timetable order.
    /// The class is finished unless <paramref name="status"/> says otherwise (planned or open).
    /// </summary>
    public static async Task<ClassFixture> CreateAsync(
        AppDbContext db, int trainees, int sessions, int periods = 4, int? centreId = null, string programmeCode = "NTD", int number = 1, int? lecturerId = null,
        ClassStatus status = ClassStatus.Finished)
    {
        var trainingClass = await TestData.ClassAsync(db, centreId, number: number, programmeCode: programmeCode);
        foreach (var step in new[] { ClassStatus.Open, ClassStatus.Finished }.Where(s => s <= status))
        {
            trainingClass.MoveTo(step);
        }

        var people = Enumerable.Range(0, trainees).Select(i =>
        {
            var (family, middle, given) = Name(i);
            return new Trainee
            {
                FamilyName = family, MiddleName = middle, GivenName = given,
                DateOfBirth = new DateOnly(1980 + (i % 20), 1 + (i % 12), 1 + (i % 28)),
            };
        }).ToList();
        db.Trainees.AddRange(people);
        await db.SaveChangesAsync();
        db.Enrolments.AddRange(people.Select(p => new Enrolment { ClassId = trainingClass.Id, TraineeId = p.Id, EnrolledAt = DateTime.UtcNow }));
        for (var i = 0; i < sessions; i++)
        {
            db.ClassSessions.Add(new ClassSession
            {
                ClassId = trainingClass.Id,
                Date = new DateOnly(2026, 3, 2).AddDays(i / 2),
                Part = i % 2 == 0 ? DayPart.Morning : DayPart.Afternoon,
                Topic = $"Chuyên đề {i + 1}",
                Periods = periods,
                LecturerId = lecturerId,
            });
        }

        await db.SaveChangesAsync();
        var enrolmentIds = await db.Enrolments.Where(e => e.ClassId == trainingClass.Id)
            .OrderBy(e => e.Trainee!.SortKey).ThenBy(e => e.TraineeId).Select(e => e.Id).ToListAsync();
        var sessionIds = await db.ClassSessions.Where(s => s.ClassId == trainingClass.Id)
            .OrderBy(s => s.Date).ThenBy(s => s.Part).Select(s => s.Id).ToListAsync();
        return new ClassFixture(trainingClass.Id, trainingClass.CentreId, enrolmentIds, sessionIds);
    }

    public static async Task<Lecturer> LecturerAsync(AppDbContext db, int centreId, string family, string given, string? userId)
    {
        var lecturer = new Lecturer { CentreId = centreId, FamilyName = family, GivenName = given, Kind = LecturerKind.PartTime, UserId = userId };
        db.Lecturers.Add(lecturer);
        await db.SaveChangesAsync();
        return lecturer;
    }

    /// <summary>Marks cells directly (no rules): status per (enrolment, session).</summary>
    public static async Task MarkAsync(AppDbContext db, IEnumerable<(int EnrolmentId, int SessionId, AttendanceStatus Status)> marks)
    {
        db.AttendanceRecords.AddRange(marks.Select(m => new AttendanceRecord
        {
            EnrolmentId = m.EnrolmentId, SessionId = m.SessionId, Status = m.Status, MarkedAt = DateTime.UtcNow, MarkedBy = "seed",
        }));
        await db.SaveChangesAsync();
    }

    /// <summary>Everyone present at every session.</summary>
    public static Task MarkAllPresentAsync(AppDbContext db, ClassFixture c) =>
        MarkAsync(db, from e in c.EnrolmentIds from s in c.SessionIds select (e, s, AttendanceStatus.Present));
}

/// <summary>A signed-in user for services that stamp who did what.</summary>
public sealed record NamedUser(string UserName) : DistrictTraining.Core.Auditing.ICurrentUser
{
    string? DistrictTraining.Core.Auditing.ICurrentUser.UserId => UserName;

    string? DistrictTraining.Core.Auditing.ICurrentUser.UserName => UserName;
}
