using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Programmes;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Classes;

/// <summary>The class as the attendance and results pages head it.</summary>
public sealed record ClassHeading(
    int Id, string ProgrammeName, string NumberLabel, DateOnly? StartDate, DateOnly? EndDate, ClassStatus Status,
    string? DecisionNumber, DateOnly? DecisionDate, string? DecisionSigner, ClassPart AmendedParts = ClassPart.None)
{
    public bool HasDecision => DecisionNumber is not null && DecisionDate is not null;

    /// <summary>"số 12/QĐ-TTCT ngày 20/03/2026".</summary>
    public string? DecisionText => ClassLifecycle.DecisionText(DecisionNumber, DecisionDate);

    /// <summary>Why <paramref name="part"/> cannot be changed now, or null (<see cref="ClassLifecycle"/>).</summary>
    public string? LockedReason(ClassPart part) => ClassLifecycle.ChangeBlockedReason(Status, part, AmendedParts, DecisionText);
}

/// <summary>A session of the timetable with what attendance needs of it.</summary>
internal sealed record SessionFacts(int Id, DateOnly Date, DayPart Part, string Topic, int Periods, int? LecturerId, string? LecturerName, string? LecturerUserId)
{
    /// <summary>"buổi sáng 02/03/2026".</summary>
    public string Label => $"buổi {AttendanceRules.PartName(Part).ToLowerInvariant()} {Date:dd/MM/yyyy}";
}

/// <summary>The active roster line with the name the pages show.</summary>
internal sealed record RosterEntry(int EnrolmentId, int TraineeId, string FullName, string SearchKey, DateOnly? DateOfBirth, bool BirthYearOnly)
{
    public string? Birth => DateOfBirth is { } d ? PartialDate.From(d, BirthYearOnly).ToString() : null;
}

/// <summary>
/// Queries shared by attendance, results and the completion decision: which classes a user sees, the
/// class's sessions and active roster, each trainee's attendance total, and keeping stored outcomes in
/// step with attendance. Each is one query, whatever the size of the class.
/// </summary>
internal static class ClassRecords
{
    /// <summary>
    /// The class if the user may see it: their centre's, every centre's for the provincial office, or one they
    /// lecture in; a lecturer sees only the classes they teach, not the rest of their centre's.
    /// </summary>
    public static IQueryable<TrainingClass> Visible(AppDbContext db, IUserScope scope, int classId)
    {
        var query = db.TrainingClasses.Where(c => c.Id == classId);
        if (scope.AllCentres)
        {
            return query;
        }

        var userId = scope.UserId;
        if (scope.IsLecturer)
        {
            return userId is null ? query.Where(c => false) : query.Where(LecturerClasses.TaughtBy(db, userId));
        }

        return userId is null
            ? query.Where(c => c.CentreId == scope.CentreId)
            : query.Where(c => c.CentreId == scope.CentreId || db.ClassSessions.Any(s => s.ClassId == c.Id && s.Lecturer!.UserId == userId));
    }

    public static async Task<ClassHeading?> HeadingAsync(AppDbContext db, IUserScope scope, int classId, CancellationToken cancellationToken)
    {
        var c = await Visible(db, scope, classId)
            .Select(c => new
            {
                c.Id, ProgrammeName = c.Programme!.Name, c.Number, c.Year, c.StartDate, c.EndDate, c.Status,
                c.CompletionDecisionNumber, c.CompletionDecisionDate, c.CompletionDecisionSigner,
                Amended = c.Amendments.Where(a => a.ClosedAt == null).Select(a => (ClassPart?)a.Parts).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return c is null
            ? null
            : new ClassHeading(c.Id, c.ProgrammeName, ClassLabels.NumberLabel(c.Number, c.Year), c.StartDate, c.EndDate, c.Status,
                c.CompletionDecisionNumber, c.CompletionDecisionDate, c.CompletionDecisionSigner, c.Amended ?? ClassPart.None);
    }

    public static async Task<Programme> ProgrammeAsync(AppDbContext db, int classId, CancellationToken cancellationToken)
    {
        var programmeId = await db.TrainingClasses.Where(c => c.Id == classId).Select(c => c.ProgrammeId).FirstAsync(cancellationToken);
        return await db.Programmes.AsNoTracking().Include(p => p.GradeBands).FirstAsync(p => p.Id == programmeId, cancellationToken);
    }

    /// <summary>The timetable in order: date, then morning, afternoon, evening.</summary>
    public static async Task<IReadOnlyList<SessionFacts>> SessionsAsync(AppDbContext db, int classId, CancellationToken cancellationToken) =>
        await db.ClassSessions.Where(s => s.ClassId == classId)
            .OrderBy(s => s.Date).ThenBy(s => s.Part).ThenBy(s => s.Id)
            .Select(s => new SessionFacts(s.Id, s.Date, s.Part, s.Topic, s.Periods, s.LecturerId,
                s.Lecturer != null ? s.Lecturer.FullName : null, s.Lecturer != null ? s.Lecturer.UserId : null))
            .ToListAsync(cancellationToken);

    /// <summary>The active roster in Vietnamese order (given, middle, family name).</summary>
    public static async Task<IReadOnlyList<RosterEntry>> RosterAsync(AppDbContext db, int classId, CancellationToken cancellationToken) =>
        await db.Enrolments.Where(e => e.ClassId == classId && e.Status == EnrolmentStatus.Active)
            .OrderBy(e => e.Trainee!.SortKey).ThenBy(e => e.TraineeId)
            .Select(e => new RosterEntry(e.Id, e.TraineeId, e.Trainee!.FullName, e.Trainee.SearchKey, e.Trainee.DateOfBirth, e.Trainee.BirthYearOnly))
            .ToListAsync(cancellationToken);

    /// <summary>Every active trainee's attendance total, from one grouped query over the class's marks.</summary>
    public static async Task<Dictionary<int, AttendanceSummary>> SummariesAsync(
        AppDbContext db, int classId, IReadOnlyList<SessionFacts> sessions, IEnumerable<int> enrolmentIds, decimal thresholdPercent, CancellationToken cancellationToken)
    {
        var totals = await PeriodTotalsAsync(db, classId, cancellationToken);
        var classPeriods = sessions.Sum(s => s.Periods);
        return enrolmentIds.ToDictionary(
            id => id,
            id => new AttendanceSummary(totals.GetValueOrDefault(id).Attended, classPeriods, thresholdPercent));
    }

    /// <summary>
    /// Per active trainee with marks, the periods attended (present) and missed (absent, excused or not), summed
    /// by the database: one row per trainee rather than one per cell, for classes of thousands.
    /// </summary>
    public static async Task<Dictionary<int, (int Attended, int Missed)>> PeriodTotalsAsync(AppDbContext db, int classId, CancellationToken cancellationToken)
    {
        var totals = await (
                from a in db.AttendanceRecords
                join s in db.ClassSessions on a.SessionId equals s.Id
                where s.ClassId == classId && a.Enrolment!.Status == EnrolmentStatus.Active
                group new { a.Status, s.Periods } by a.EnrolmentId into g
                select new
                {
                    EnrolmentId = g.Key,
                    Attended = g.Sum(x => x.Status == AttendanceStatus.Present ? x.Periods : 0),
                    Missed = g.Sum(x => x.Status != AttendanceStatus.Present ? x.Periods : 0),
                })
            .ToListAsync(cancellationToken);
        var result = new Dictionary<int, (int Attended, int Missed)>(totals.Count);
        foreach (var t in totals)
        {
            result[t.EnrolmentId] = (t.Attended, t.Missed);
        }

        return result;
    }

    /// <summary>
    /// Re-evaluates the stored results of the class after its attendance changed, so that a stored
    /// "completed" never outlives the attendance it was based on. Call inside the caller's transaction.
    /// </summary>
    public static async Task RefreshOutcomesAsync(AppDbContext db, int classId, CancellationToken cancellationToken)
    {
        var results = await db.AssessmentResults
            .Where(r => r.Enrolment!.ClassId == classId && r.Enrolment.Status == EnrolmentStatus.Active)
            .ToListAsync(cancellationToken);
        if (results.Count == 0)
        {
            return;
        }

        var programme = await ProgrammeAsync(db, classId, cancellationToken);
        var sessions = await SessionsAsync(db, classId, cancellationToken);
        var summaries = await SummariesAsync(db, classId, sessions, results.Select(r => r.EnrolmentId), programme.AttendanceThresholdPercent, cancellationToken);
        foreach (var result in results)
        {
            AssessmentRules.Apply(result, AssessmentRules.Evaluate(programme, summaries[result.EnrolmentId], result.Score, result.ResitScore));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Refuses a change of <paramref name="part"/> of a class that its lifecycle freezes (decided without an
    /// amendment naming it, cancelled). For services that load no heading.
    /// </summary>
    public static async Task EnsureChangeableAsync(AppDbContext db, int classId, ClassPart part, CancellationToken cancellationToken)
    {
        var state = await db.TrainingClasses.Where(c => c.Id == classId)
            .Select(c => new
            {
                c.Status, c.CompletionDecisionNumber, c.CompletionDecisionDate,
                Amended = c.Amendments.Where(a => a.ClosedAt == null).Select(a => (ClassPart?)a.Parts).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (state is not null && ClassLifecycle.ChangeBlockedReason(
                state.Status, part, state.Amended ?? ClassPart.None,
                ClassLifecycle.DecisionText(state.CompletionDecisionNumber, state.CompletionDecisionDate)) is { } blocked)
        {
            throw new DomainException(blocked);
        }
    }

    /// <summary>
    /// Serialises writers of one class's attendance and results: on PostgreSQL and SQL Server a lock on the
    /// class row until the transaction ends; SQLite's write transactions (BEGIN IMMEDIATE) are serialised already.
    /// </summary>
    public static async Task LockAsync(AppDbContext db, int classId, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"TrainingClasses\" WHERE \"Id\" = {classId} FOR UPDATE", cancellationToken);
        }
        else if (db.Database.IsSqlServer())
        {
            await db.Database.ExecuteSqlInterpolatedAsync(LockSqlServer(classId), cancellationToken);
        }
    }

    // UPDLOCK takes an update lock on the row, HOLDLOCK keeps it (serializable) until the transaction ends.
    internal static FormattableString LockSqlServer(int classId) =>
        $"SELECT 1 FROM [TrainingClasses] WITH (UPDLOCK, HOLDLOCK) WHERE [Id] = {classId}";
}
