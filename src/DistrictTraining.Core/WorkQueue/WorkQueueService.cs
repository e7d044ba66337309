using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Import;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.WorkQueue;

/// <summary>How pressing an item of the work queue is.</summary>
public enum Urgency
{
    Normal = 0,
    Soon = 1,
    Late = 2,
}

/// <summary>A class being taught: how far along it is.</summary>
public sealed record ClassUnderway(int ClassId, string ClassName, DateOnly? StartDate, DateOnly? EndDate, int Trainees, int SessionsHeld, int Sessions);

/// <summary>A session of today or yesterday whose attendance is not complete.</summary>
public sealed record SessionToMark(int ClassId, string ClassName, DateOnly Date, DayPart Part, string Topic, int Marked, int Trainees)
{
    public string When => $"{ClassLabels.DayPartName(Part)} {Date:dd/MM/yyyy}";
}

/// <summary>A class whose teaching is over but whose results or completion decision are missing.</summary>
public sealed record ClassToClose(int ClassId, string ClassName, DateOnly? EndDate, ClassStatus Status, int Trainees, int WithResult, bool HasDecision)
{
    public int MissingResults => Trainees - WithResult;
}

/// <summary>A decided class with trainees still waiting for their certificate, and the last day to issue it.</summary>
public sealed record CertificatesDue(int ClassId, string ClassName, string DecisionNumber, DateOnly DecisionDate, DateOnly Deadline, int Waiting, Urgency Urgency)
{
    public int DaysLeft(DateOnly today) => Deadline.DayNumber - today.DayNumber;
}

/// <summary>An upload previewed but neither confirmed nor cancelled.</summary>
public sealed record ImportWaiting(UploadKind Kind, int? TargetId, string FileName, DateTime UploadedAtUtc, DateTime ExpiresAtUtc, string? OwnerUserId)
{
    public string KindName => Kind switch
    {
        UploadKind.Roster => "Danh sách học viên",
        UploadKind.Scores => "Bảng điểm",
        UploadKind.Units => "Danh mục đơn vị",
        _ => "Tệp nhập",
    };

    /// <summary>Where the user finishes it: the page that shows its preview or lets it be uploaded again.</summary>
    public string Url => Kind switch
    {
        UploadKind.Roster => $"/RosterImport/Upload/{TargetId}",
        UploadKind.Scores => $"/ScoreImport/Upload/{TargetId}",
        _ => "/Units/Import",
    };
}

/// <summary>A programme's line of the year's plan against the classes opened so far.</summary>
public sealed record PlanProgress(int ProgrammeId, string ProgrammeName, int PlannedClasses, int PlannedTrainees, int OpenedClasses, int EnrolledTrainees, int ExpectedByNow)
{
    public bool IsBehind => OpenedClasses < ExpectedByNow;
}

/// <summary>One of the unit's people in a class being taught.</summary>
public sealed record UnitTraineeInClass(int TraineeId, string FullName, int ClassId, string ClassName, int Present, int Marked);

/// <summary>What the signed-in user has to do today, by role; empty lists for what does not concern them.</summary>
public sealed record WorkQueueView(
    DateOnly Today,
    IReadOnlyList<ClassUnderway> Underway,
    IReadOnlyList<SessionToMark> SessionsToMark,
    IReadOnlyList<ClassToClose> ClassesToClose,
    IReadOnlyList<CertificatesDue> CertificatesDue,
    IReadOnlyList<ImportWaiting> ImportsWaiting,
    IReadOnlyList<PlanProgress> Plan,
    IReadOnlyList<UnitTraineeInClass> UnitTrainees)
{
    public bool ShowsStaffQueue { get; init; }

    public bool ShowsPlan { get; init; }

    public bool ShowsUnit { get; init; }

    public int ToDoCount => SessionsToMark.Count + ClassesToClose.Count + CertificatesDue.Count + ImportsWaiting.Count + Plan.Count(p => p.IsBehind);
}

/// <summary>
/// The home page's "Việc cần làm": centre staff see the work of their centre that is waiting (sessions of
/// today and yesterday without attendance, classes over without results or decision, certificates whose
/// 15-day issuing window is closing, imports not confirmed, the plan behind schedule); committee officials see
/// the year's figures against the plan; a unit liaison sees the unit's people in classes being taught.
/// </summary>
public sealed class WorkQueueService(AppDbContext db, IUserScope scope, TimeProvider clock)
{
    /// <summary>Certificates are issued within 15 days of the completion decision (Hướng dẫn 154-HD/BTGTW).</summary>
    public const int IssuingWindowDays = 15;

    /// <summary>From this many days before the last day, the certificates of a class are shown as due soon.</summary>
    public const int SoonDays = 5;

    /// <summary>
    /// Decisions older than this are not listed: a register taken over from paper has old classes whose certificates
    /// were issued outside the portal, and years of "late" lines would bury this month's work.
    /// </summary>
    public const int LookbackDays = 90;

    public const int MaxRows = 30;

    public async Task<WorkQueueView> GetAsync(CancellationToken cancellationToken = default)
    {
        var today = clock.VietnamToday();
        var empty = new WorkQueueView(today, [], [], [], [], [], [], []);
        if (scope.IsLecturer || scope.CentreId is not int centreId)
        {
            return empty; // a lecturer's desk is their sessions (TeachingService); the provincial office reads the dashboard
        }

        if (scope.UnitId is int unitId)
        {
            return empty with { UnitTrainees = await UnitTraineesAsync(centreId, unitId, cancellationToken), ShowsUnit = true };
        }

        var plan = await PlanAsync(centreId, today, cancellationToken);
        if (!scope.CanEdit)
        {
            return empty with { Plan = plan, ShowsPlan = true };
        }

        return new WorkQueueView(
            today,
            await UnderwayAsync(centreId, today, cancellationToken),
            await SessionsToMarkAsync(centreId, today, cancellationToken),
            await ClassesToCloseAsync(centreId, today, cancellationToken),
            await CertificatesDueAsync(centreId, today, cancellationToken),
            await ImportsWaitingAsync(centreId, cancellationToken),
            plan,
            [])
        { ShowsStaffQueue = true, ShowsPlan = true };
    }

    private async Task<IReadOnlyList<ClassUnderway>> UnderwayAsync(int centreId, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await db.TrainingClasses.AsNoTracking()
            .Where(c => c.CentreId == centreId && c.Status == ClassStatus.Open)
            .OrderBy(c => c.StartDate).ThenBy(c => c.Id)
            .Select(c => new
            {
                c.Id, Programme = c.Programme!.Name, c.Title, c.Number, c.Year, c.StartDate, c.EndDate,
                Trainees = c.Enrolments.Count(e => e.Status == EnrolmentStatus.Active),
                Held = c.Sessions.Count(s => s.Date <= today),
                Sessions = c.Sessions.Count,
            })
            .Take(MaxRows)
            .ToListAsync(cancellationToken);
        return rows.Select(c => new ClassUnderway(c.Id, ClassLabels.ClassName(c.Programme, c.Title, c.Number, c.Year), c.StartDate, c.EndDate, c.Trainees, c.Held, c.Sessions)).ToList();
    }

    private async Task<IReadOnlyList<SessionToMark>> SessionsToMarkAsync(int centreId, DateOnly today, CancellationToken cancellationToken)
    {
        var yesterday = today.AddDays(-1);
        var rows = await db.ClassSessions.AsNoTracking()
            .Where(s => s.Class!.CentreId == centreId && (s.Date == today || s.Date == yesterday)
                && (s.Class.Status == ClassStatus.Planned || s.Class.Status == ClassStatus.Open))
            .Select(s => new
            {
                s.ClassId, Programme = s.Class!.Programme!.Name, s.Class.Title, s.Class.Number, s.Class.Year, s.Date, s.Part, s.Topic,
                Trainees = s.Class.Enrolments.Count(e => e.Status == EnrolmentStatus.Active),
                Marked = db.AttendanceRecords.Count(a => a.SessionId == s.Id && a.Enrolment!.Status == EnrolmentStatus.Active),
            })
            .ToListAsync(cancellationToken);
        return rows.Where(s => s.Marked < s.Trainees)
            .OrderBy(s => s.Date).ThenBy(s => s.Part).ThenBy(s => s.ClassId)
            .Take(MaxRows)
            .Select(s => new SessionToMark(s.ClassId, ClassLabels.ClassName(s.Programme, s.Title, s.Number, s.Year), s.Date, s.Part, s.Topic, s.Marked, s.Trainees))
            .ToList();
    }

    private async Task<IReadOnlyList<ClassToClose>> ClassesToCloseAsync(int centreId, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await db.TrainingClasses.AsNoTracking()
            .Where(c => c.CentreId == centreId
                && (c.Status == ClassStatus.Finished || (c.Status == ClassStatus.Open && c.EndDate != null && c.EndDate < today)))
            .OrderBy(c => c.EndDate).ThenBy(c => c.Id)
            .Select(c => new
            {
                c.Id, Programme = c.Programme!.Name, c.Title, c.Number, c.Year, c.EndDate, c.Status,
                Trainees = c.Enrolments.Count(e => e.Status == EnrolmentStatus.Active),
                WithResult = c.Enrolments.Count(e => e.Status == EnrolmentStatus.Active && e.Result != null && e.Result.Completed != null),
                HasDecision = c.CompletionDecisionNumber != null && c.CompletionDecisionDate != null,
            })
            .Take(MaxRows)
            .ToListAsync(cancellationToken);
        return rows.Select(c => new ClassToClose(c.Id, ClassLabels.ClassName(c.Programme, c.Title, c.Number, c.Year), c.EndDate, c.Status, c.Trainees, c.WithResult, c.HasDecision)).ToList();
    }

    private async Task<IReadOnlyList<CertificatesDue>> CertificatesDueAsync(int centreId, DateOnly today, CancellationToken cancellationToken)
    {
        var since = today.AddDays(-LookbackDays);
        var rows = await db.TrainingClasses.AsNoTracking()
            .Where(c => c.CentreId == centreId && c.Status == ClassStatus.Decided && c.CompletionDecisionDate != null && c.CompletionDecisionDate >= since)
            .Select(c => new
            {
                c.Id, Programme = c.Programme!.Name, c.Title, c.Number, c.Year, c.CompletionDecisionNumber, Date = c.CompletionDecisionDate!.Value,
                Waiting = c.Enrolments.Count(e => e.Status == EnrolmentStatus.Active && e.Result != null && e.Result.Completed == true
                    && !db.Certificates.Any(x => x.EnrolmentId == e.Id && x.Status == CertificateStatus.Valid)),
            })
            .Where(c => c.Waiting > 0)
            .OrderBy(c => c.Date).ThenBy(c => c.Id)
            .Take(MaxRows)
            .ToListAsync(cancellationToken);
        return rows.Select(c =>
        {
            var deadline = c.Date.AddDays(IssuingWindowDays);
            var urgency = today > deadline ? Urgency.Late : deadline.DayNumber - today.DayNumber <= SoonDays ? Urgency.Soon : Urgency.Normal;
            return new CertificatesDue(c.Id, ClassLabels.ClassName(c.Programme, c.Title, c.Number, c.Year), c.CompletionDecisionNumber ?? string.Empty, c.Date, deadline, c.Waiting, urgency);
        }).ToList();
    }

    private async Task<IReadOnlyList<ImportWaiting>> ImportsWaitingAsync(int centreId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = scope.UserId;
        var everyone = scope.IsAdministrator;
        return await db.PendingUploads.AsNoTracking()
            .Where(u => u.CentreId == centreId && u.ConfirmedAt == null && u.ExpiresAt > now && (everyone || u.OwnerUserId == userId))
            .OrderBy(u => u.CreatedAt)
            .Take(MaxRows)
            .Select(u => new ImportWaiting(u.Kind, u.TargetId, u.FileName, u.CreatedAt, u.ExpiresAt, u.OwnerUserId))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Each programme's line of this year's plan against the classes opened (open, finished or decided) and the
    /// trainees enrolled in them. "Expected by now" spreads the planned classes evenly over the year.
    /// </summary>
    private async Task<IReadOnlyList<PlanProgress>> PlanAsync(int centreId, DateOnly today, CancellationToken cancellationToken)
    {
        var year = today.Year;
        var lines = await db.AnnualPlans.AsNoTracking()
            .Where(p => p.CentreId == centreId && p.Year == year && p.UnitId == null && (p.PlannedClasses > 0 || p.PlannedTrainees > 0))
            .Join(db.Programmes, p => p.ProgrammeId, g => g.Id, (p, g) => new { p.ProgrammeId, g.Name, p.PlannedClasses, p.PlannedTrainees })
            .ToListAsync(cancellationToken);
        if (lines.Count == 0)
        {
            return [];
        }

        var opened = await db.TrainingClasses.AsNoTracking()
            .Where(c => c.CentreId == centreId && c.Year == year
                && (c.Status == ClassStatus.Open || c.Status == ClassStatus.Finished || c.Status == ClassStatus.Decided))
            .GroupBy(c => c.ProgrammeId)
            .Select(g => new { ProgrammeId = g.Key, Classes = g.Count(), Trainees = g.Sum(c => c.Enrolments.Count(e => e.Status == EnrolmentStatus.Active)) })
            .ToDictionaryAsync(g => g.ProgrammeId, cancellationToken);
        var share = (double)today.DayOfYear / (DateTime.IsLeapYear(year) ? 366 : 365);
        return lines
            .OrderBy(l => VietnameseText.SortKey(l.Name), StringComparer.Ordinal)
            .Select(l =>
            {
                var done = opened.GetValueOrDefault(l.ProgrammeId);
                return new PlanProgress(l.ProgrammeId, l.Name, l.PlannedClasses, l.PlannedTrainees, done?.Classes ?? 0, done?.Trainees ?? 0, (int)Math.Floor(l.PlannedClasses * share));
            })
            .ToList();
    }

    private async Task<IReadOnlyList<UnitTraineeInClass>> UnitTraineesAsync(int centreId, int unitId, CancellationToken cancellationToken)
    {
        var rows = await db.Enrolments.AsNoTracking()
            .Where(e => e.UnitId == unitId && e.Status == EnrolmentStatus.Active && e.Class!.CentreId == centreId && e.Class.Status == ClassStatus.Open)
            .Select(e => new
            {
                e.TraineeId, e.Trainee!.FullName, e.ClassId, Programme = e.Class!.Programme!.Name, e.Class.Title, e.Class.Number, e.Class.Year,
                e.Trainee.SortKey,
                Present = e.Attendance.Count(a => a.Status == AttendanceStatus.Present),
                Marked = e.Attendance.Count,
            })
            .OrderBy(e => e.ClassId).ThenBy(e => e.SortKey)
            .Take(200)
            .ToListAsync(cancellationToken);
        return rows.Select(e => new UnitTraineeInClass(e.TraineeId, e.FullName, e.ClassId, ClassLabels.ClassName(e.Programme, e.Title, e.Number, e.Year), e.Present, e.Marked)).ToList();
    }
}
