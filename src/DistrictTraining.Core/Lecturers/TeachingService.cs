using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Lecturers;

/// <summary>One of the lecturer's sessions, with how many of the class's active trainees are marked.</summary>
public sealed record TeachingSession(
    int SessionId, int ClassId, string ClassName, DateOnly Date, DayPart Part, string Topic, int Periods, int Marked, int Trainees)
{
    public bool IsFullyMarked => Marked >= Trainees;

    /// <summary>"Sáng 02/03/2026".</summary>
    public string When => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{AttendanceRules.PartName(Part)} {Date:dd/MM/yyyy}");
}

/// <summary>A class the lecturer teaches in (a session, or as class head).</summary>
public sealed record TeachingClass(
    int ClassId, string ClassName, DateOnly? StartDate, DateOnly? EndDate, ClassStatus Status, bool IsHead, int Sessions, int Trainees)
{
    public string StatusName => ClassLabels.StatusName(Status);
}

/// <summary>
/// What a lecturer's home page shows. <see cref="LecturerName"/> is null when the account is not linked to a
/// lecturer record yet: then there is nothing to show but the explanation.
/// </summary>
public sealed record TeachingOverview(
    string? LecturerName, IReadOnlyList<TeachingSession> Upcoming, IReadOnlyList<TeachingSession> Unmarked, IReadOnlyList<TeachingClass> Classes)
{
    public bool IsLinked => LecturerName is not null;
}

/// <summary>The signed-in lecturer's own teaching: today's and coming sessions, past sessions still to mark, their classes.</summary>
public sealed class TeachingService(AppDbContext db, IUserScope scope, TimeProvider clock)
{
    /// <summary>How far back a session not fully marked is still brought up.</summary>
    public const int RecentDays = 30;

    public const int MaxUpcoming = 20;

    public async Task<TeachingOverview> GetOverviewAsync(CancellationToken cancellationToken = default)
    {
        if (scope.UserId is not { } userId
            || await db.Lecturers.Where(l => l.UserId == userId).Select(l => l.FullName).FirstOrDefaultAsync(cancellationToken) is not { } name)
        {
            return new TeachingOverview(null, [], [], []);
        }

        var today = clock.VietnamToday();
        var from = today.AddDays(-RecentDays);
        var rows = await db.ClassSessions
            .Where(s => s.Lecturer!.UserId == userId && s.Date >= from && s.Class!.Status != ClassStatus.Cancelled)
            .OrderBy(s => s.Date).ThenBy(s => s.Part).ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id, s.ClassId, Programme = s.Class!.Programme!.Name, s.Class.Title, s.Class.Number, s.Class.Year, s.Date, s.Part, s.Topic, s.Periods,
                Decided = s.Class.CompletionDecisionNumber != null,
                Marked = db.AttendanceRecords.Count(a => a.SessionId == s.Id && a.Enrolment!.Status == EnrolmentStatus.Active),
                Trainees = s.Class.Enrolments.Count(e => e.Status == EnrolmentStatus.Active),
            })
            .ToListAsync(cancellationToken);
        var sessions = rows.Select(r => (r.Decided, Session: new TeachingSession(
            r.Id, r.ClassId, ClassLabels.ClassName(r.Programme, r.Title, r.Number, r.Year), r.Date, r.Part, r.Topic, r.Periods, r.Marked, r.Trainees))).ToList();

        var classes = await db.TrainingClasses.Where(LecturerClasses.TaughtBy(db, userId))
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.StartDate).ThenByDescending(c => c.Id)
            .Select(c => new
            {
                c.Id, Programme = c.Programme!.Name, c.Title, c.Number, c.Year, c.StartDate, c.EndDate, c.Status,
                IsHead = c.HeadLecturer != null && c.HeadLecturer.UserId == userId,
                Sessions = c.Sessions.Count(s => s.Lecturer!.UserId == userId),
                Trainees = c.Enrolments.Count(e => e.Status == EnrolmentStatus.Active),
            })
            .ToListAsync(cancellationToken);

        return new TeachingOverview(
            name,
            sessions.Where(s => s.Session.Date >= today).Select(s => s.Session).Take(MaxUpcoming).ToList(),
            sessions.Where(s => s.Session.Date < today && !s.Decided && !s.Session.IsFullyMarked).Select(s => s.Session).Reverse().ToList(),
            classes.Select(c => new TeachingClass(
                c.Id, ClassLabels.ClassName(c.Programme, c.Title, c.Number, c.Year), c.StartDate, c.EndDate, c.Status, c.IsHead, c.Sessions, c.Trainees)).ToList());
    }
}
