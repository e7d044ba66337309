using System.Text;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Programmes;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Classes;

/// <summary>A band as the page explains it: "Khá: 7,0 đến dưới 8,0".</summary>
public sealed record GradeBandView(string Name, decimal MinScore, decimal? Below);

/// <summary>
/// A line of the results grid. <see cref="Score"/> and <see cref="Resit"/> are what the inputs show (stored,
/// or what the user typed when a save was refused); <see cref="StoredScore"/> and <see cref="StoredResit"/>
/// go back with the form so that a save can tell the user's changes from someone else's.
/// </summary>
public sealed record ResultsRow(
    int EnrolmentId, int TraineeId, string FullName, string? Birth, AttendanceSummary Attendance,
    string Score, string Resit, string StoredScore, string StoredResit, Guid? Version, AssessmentOutcome Outcome, string? Notice, bool Edited);

/// <summary>
/// The results page: one page of the roster's lines (or all of them), with the counts of the whole class.
/// </summary>
public sealed record ResultsGrid(
    ClassHeading Class, AssessmentKind Assessment, decimal PassScore, decimal ThresholdPercent, IReadOnlyList<GradeBandView> Bands,
    IReadOnlyList<ResultsRow> Rows, bool IsStaff, string? LockedReason, Guid ClassVersion)
{
    public bool CanEdit => IsStaff && LockedReason is null;

    public bool IsScored => Assessment != AssessmentKind.AttendanceOnly;

    /// <summary>Active trainees of the whole class, on every page.</summary>
    public int TotalRows { get; init; } = Rows.Count;

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = Math.Max(1, Rows.Count);

    public int PageCount => Math.Max(1, (TotalRows + PageSize - 1) / PageSize);

    /// <summary>The STT of the page's first line.</summary>
    public int FirstNumber => ((Page - 1) * PageSize) + 1;

    // The counts are of the whole class, whichever page is shown.
    public int CompletedCount { get; init; }

    public int NotCompletedCount { get; init; }

    public int PendingCount { get; init; }

    /// <summary>Completed trainees per grade, in band order.</summary>
    public IReadOnlyList<(string Grade, int Count)> GradeCounts { get; init; } = [];
}

/// <summary>One posted line: the scores typed, the version and the scores the page was loaded with.</summary>
public sealed record ScoreInput(int EnrolmentId, Guid? Version, string? Score, string? Resit, string? StoredScore, string? StoredResit);

/// <summary>What a refused save shows again: the user's lines as typed and a note per line at fault.</summary>
public sealed record ResultsOverlay(IReadOnlyDictionary<int, ScoreInput> Edits, IReadOnlyDictionary<int, string> Notices);

/// <summary>A results save refused as a whole (nothing written); <see cref="Overlay"/> keeps what was typed.</summary>
public sealed class ResultsRefusedException(string message, ResultsOverlay overlay) : DomainException(message)
{
    public ResultsOverlay Overlay { get; } = overlay;
}

public sealed record CompletionDecisionInput(string? Number, DateOnly? Date, string? Signer, Guid Version);

/// <summary>The completion decision changed by someone else since the form was shown.</summary>
public sealed class DecisionConflictException(string message) : DomainException(message);

/// <summary>One score to write, already parsed (from the grid or an import).</summary>
internal sealed record ScoreChange(int EnrolmentId, decimal? Score, decimal? Resit, Guid? SeenVersion, decimal? SeenScore, decimal? SeenResit);

/// <summary>
/// Results of a class: the score grid (score, one resit, grade, completion with its reason), saving it with
/// per-line concurrency, and the completion decision that closes the class's results.
/// </summary>
public sealed class ResultsService(AppDbContext db, IUserScope scope)
{
    private const int MaxNamed = 10;

    /// <summary>Lines per page of the results grid.</summary>
    public const int PageSize = 100;

    /// <summary>The whole grid, every line (the class report and the score import use it).</summary>
    public Task<ResultsGrid?> GetGridAsync(int classId, ResultsOverlay? overlay = null, CancellationToken cancellationToken = default) =>
        GridAsync(classId, null, overlay, cancellationToken);

    /// <summary>One page of <see cref="PageSize"/> lines (a page past the end shows the last), with the counts of the whole class.</summary>
    public Task<ResultsGrid?> GetGridAsync(int classId, int page, ResultsOverlay? overlay = null, CancellationToken cancellationToken = default) =>
        GridAsync(classId, page, overlay, cancellationToken);

    private async Task<ResultsGrid?> GridAsync(int classId, int? requestedPage, ResultsOverlay? overlay, CancellationToken cancellationToken)
    {
        var heading = await ClassRecords.HeadingAsync(db, scope, classId, cancellationToken);
        if (heading is null)
        {
            return null;
        }

        var programme = await ClassRecords.ProgrammeAsync(db, classId, cancellationToken);
        var sessions = await ClassRecords.SessionsAsync(db, classId, cancellationToken);
        var roster = await ClassRecords.RosterAsync(db, classId, cancellationToken);
        var summaries = await ClassRecords.SummariesAsync(db, classId, sessions, roster.Select(r => r.EnrolmentId), programme.AttendanceThresholdPercent, cancellationToken);
        var results = await db.AssessmentResults.Where(r => r.Enrolment!.ClassId == classId)
            .Select(r => new { r.EnrolmentId, r.Score, r.ResitScore, r.Version })
            .ToDictionaryAsync(r => r.EnrolmentId, cancellationToken);
        var classVersion = await db.TrainingClasses.Where(c => c.Id == classId).Select(c => c.Version).FirstAsync(cancellationToken);
        var staff = scope.CanEdit && await db.TrainingClasses.AnyAsync(c => c.Id == classId && c.CentreId == scope.CentreId, cancellationToken);

        var ordered = programme.GradeBands.OrderBy(b => b.MinScore).ToList();
        var bands = ordered.Select((b, i) => new GradeBandView(b.Name, b.MinScore, i + 1 < ordered.Count ? ordered[i + 1].MinScore : null)).ToList();
        var pageSize = requestedPage is null ? Math.Max(1, roster.Count) : PageSize;
        var pageCount = Math.Max(1, (roster.Count + pageSize - 1) / pageSize);
        var page = Math.Clamp(requestedPage ?? 1, 1, pageCount);
        var first = (page - 1) * pageSize;
        var last = Math.Min(roster.Count, first + pageSize);

        // Every line is evaluated for the counts; only the page's lines are built for the page.
        int completed = 0, notCompleted = 0, pending = 0;
        var perGrade = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<ResultsRow>(last - first);
        for (var i = 0; i < roster.Count; i++)
        {
            var person = roster[i];
            var stored = results.GetValueOrDefault(person.EnrolmentId);
            var summary = summaries[person.EnrolmentId];
            var outcome = AssessmentRules.Evaluate(programme, summary, stored?.Score, stored?.ResitScore);
            switch (outcome.Completed)
            {
                case true:
                    completed++;
                    if (outcome.GradeName is { } grade)
                    {
                        perGrade[grade] = perGrade.GetValueOrDefault(grade) + 1;
                    }

                    break;
                case false:
                    notCompleted++;
                    break;
            }

            if (outcome.IsPending)
            {
                pending++;
            }

            if (i < first || i >= last)
            {
                continue;
            }

            var storedScore = AssessmentRules.FormatScore(stored?.Score);
            var storedResit = AssessmentRules.FormatScore(stored?.ResitScore);
            var edit = overlay?.Edits.GetValueOrDefault(person.EnrolmentId);
            rows.Add(new ResultsRow(
                person.EnrolmentId, person.TraineeId, person.FullName, person.Birth, summary,
                edit?.Score?.Trim() ?? storedScore, edit?.Resit?.Trim() ?? storedResit, storedScore, storedResit, stored?.Version,
                outcome, overlay?.Notices.GetValueOrDefault(person.EnrolmentId), edit is not null));
        }

        return new ResultsGrid(heading, programme.Assessment, programme.PassScore, programme.AttendanceThresholdPercent, bands, rows,
            staff, heading.LockedReason(ClassPart.Results), classVersion)
        {
            TotalRows = roster.Count, Page = page, PageSize = pageSize,
            CompletedCount = completed, NotCompletedCount = notCompleted, PendingCount = pending,
            GradeCounts = bands.Select(b => (b.Name, perGrade.GetValueOrDefault(b.Name))).ToList(),
        };
    }

    /// <summary>
    /// Saves the lines the user changed, in one transaction. A line someone else changed since the page was
    /// loaded, a score that cannot be read, or a score the rules refuse (not eligible by attendance, a resit
    /// without a failed first score) refuses the whole save and names the lines. Returns the lines written.
    /// </summary>
    public async Task<int> SaveAsync(int classId, IReadOnlyList<ScoreInput> lines, CancellationToken cancellationToken = default)
    {
        await EditableClassAsync(classId, cancellationToken);
        var edits = new Dictionary<int, ScoreInput>();
        var notices = new Dictionary<int, string>();
        var changes = new List<ScoreChange>();
        foreach (var line in lines.GroupBy(l => l.EnrolmentId).Select(g => g.Last()))
        {
            var scoreOk = AssessmentRules.TryParseScore(line.Score, out var score);
            var resitOk = AssessmentRules.TryParseScore(line.Resit, out var resit);
            AssessmentRules.TryParseScore(line.StoredScore, out var seenScore);
            AssessmentRules.TryParseScore(line.StoredResit, out var seenResit);
            if (scoreOk && resitOk && score == seenScore && resit == seenResit)
            {
                continue; // not changed by this user
            }

            edits[line.EnrolmentId] = line;
            var unreadable = new List<string>();
            if (!scoreOk)
            {
                unreadable.Add(AssessmentRules.InvalidScoreMessage("Điểm", line.Score!.Trim()));
            }

            if (!resitOk)
            {
                unreadable.Add(AssessmentRules.InvalidScoreMessage("Điểm thi lại", line.Resit!.Trim()));
            }

            if (unreadable.Count > 0)
            {
                notices[line.EnrolmentId] = string.Join(" ", unreadable);
            }
            else
            {
                changes.Add(new ScoreChange(line.EnrolmentId, score, resit, line.Version, seenScore, seenResit));
            }
        }

        // Unreadable lines do not stop the rules from being checked on the others: one save reports every error.
        return await WriteAsync(classId, changes, cancellationToken, async refused => await RefusalAsync(classId, refused, edits, cancellationToken), notices);
    }

    /// <summary>
    /// Records (or corrects) the completion decision: number, date, signer. Only once every active trainee has
    /// an outcome. The outcomes are stored with it, for the certificates. Editing it later is allowed and, like
    /// every change of a class, goes to the audit trail.
    /// </summary>
    public async Task<bool> RecordDecisionAsync(int classId, CompletionDecisionInput input, CancellationToken cancellationToken = default)
    {
        var trainingClass = await ClassRecords.Visible(db, scope, classId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("Không tìm thấy lớp học.");
        if (!scope.CanEdit || trainingClass.CentreId != scope.CentreId)
        {
            throw new DomainException("Tài khoản này không được ghi quyết định công nhận hoàn thành của lớp này.");
        }

        var hasValidCertificates = await db.Certificates.AnyAsync(
            c => c.Enrolment!.ClassId == classId && c.Status == Certificates.CertificateStatus.Valid, cancellationToken);
        if (ClassLifecycle.DecisionBlockedReason(trainingClass.Status, hasValidCertificates) is { } blocked)
        {
            throw new DomainException(blocked);
        }

        var number = string.IsNullOrWhiteSpace(input.Number) ? null : VietnameseText.Clean(input.Number);
        var signer = string.IsNullOrWhiteSpace(input.Signer) ? null : VietnameseText.Clean(input.Signer);
        if (number is null || signer is null || input.Date is null)
        {
            throw new DomainException("Vui lòng nhập đủ số quyết định, ngày quyết định và người ký.");
        }

        if (trainingClass.DecisionDateProblem(input.Date.Value) is { } dateProblem)
        {
            throw new DomainException(dateProblem);
        }

        if (trainingClass.Version != input.Version)
        {
            throw DecisionConflict(trainingClass);
        }

        var isNew = !trainingClass.HasCompletionDecision;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ClassRecords.LockAsync(db, classId, cancellationToken);
        var programme = await ClassRecords.ProgrammeAsync(db, classId, cancellationToken);
        var sessions = await ClassRecords.SessionsAsync(db, classId, cancellationToken);
        var roster = await ClassRecords.RosterAsync(db, classId, cancellationToken);
        if (roster.Count == 0)
        {
            throw new DomainException("Lớp chưa có học viên nào: chưa thể ghi quyết định công nhận hoàn thành.");
        }

        var summaries = await ClassRecords.SummariesAsync(db, classId, sessions, roster.Select(r => r.EnrolmentId), programme.AttendanceThresholdPercent, cancellationToken);
        var results = await db.AssessmentResults.Where(r => r.Enrolment!.ClassId == classId).ToDictionaryAsync(r => r.EnrolmentId, cancellationToken);
        var outcomes = roster.Select(person =>
        {
            var result = results.GetValueOrDefault(person.EnrolmentId);
            return (person, result, Outcome: AssessmentRules.Evaluate(programme, summaries[person.EnrolmentId], result?.Score, result?.ResitScore));
        }).ToList();
        var pending = outcomes.Where(o => o.Outcome.IsPending).Select(o => o.person.FullName).ToList();
        if (pending.Count > 0)
        {
            throw new DomainException(
                $"Chưa thể ghi quyết định công nhận hoàn thành: {pending.Count} học viên chưa có kết quả ({AssessmentRules.NoScoreReason.ToLowerInvariant()}): "
                + string.Join(", ", pending.Take(MaxNamed)) + (pending.Count > MaxNamed ? $" và {pending.Count - MaxNamed} người khác" : "")
                + ". Mọi học viên trong danh sách phải có kết quả hoàn thành hoặc không hoàn thành.");
        }

        foreach (var (person, result, outcome) in outcomes)
        {
            var stored = result ?? db.AssessmentResults.Add(new AssessmentResult { EnrolmentId = person.EnrolmentId }).Entity;
            AssessmentRules.Apply(stored, outcome);
        }

        trainingClass.RecordDecision(number, input.Date.Value, signer, hasValidCertificates);
        db.Entry(trainingClass).Property(c => c.Version).OriginalValue = input.Version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(cancellationToken);
            await db.Entry(trainingClass).ReloadAsync(cancellationToken);
            throw DecisionConflict(trainingClass);
        }

        await transaction.CommitAsync(cancellationToken);
        return isNew;
    }

    /// <summary>
    /// Writes parsed scores in one transaction under the class lock, checking each line against what was
    /// stored when the user saw it. <paramref name="refuse"/> builds the exception for refused lines, together
    /// with the <paramref name="unreadable"/> lines the caller could not parse, so that one save names every error.
    /// </summary>
    internal async Task<int> WriteAsync(
        int classId, IReadOnlyList<ScoreChange> changes, CancellationToken cancellationToken,
        Func<Dictionary<int, string>, Task<DomainException>> refuse, IReadOnlyDictionary<int, string>? unreadable = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ClassRecords.LockAsync(db, classId, cancellationToken);
        var programme = await ClassRecords.ProgrammeAsync(db, classId, cancellationToken);
        var sessions = await ClassRecords.SessionsAsync(db, classId, cancellationToken);
        var roster = (await ClassRecords.RosterAsync(db, classId, cancellationToken)).ToDictionary(r => r.EnrolmentId);
        var summaries = await ClassRecords.SummariesAsync(db, classId, sessions, roster.Keys, programme.AttendanceThresholdPercent, cancellationToken);
        var results = await db.AssessmentResults.Where(r => r.Enrolment!.ClassId == classId).ToDictionaryAsync(r => r.EnrolmentId, cancellationToken);

        var notices = unreadable is null ? new Dictionary<int, string>() : new Dictionary<int, string>(unreadable);
        var written = 0;
        foreach (var change in changes)
        {
            if (!roster.ContainsKey(change.EnrolmentId))
            {
                notices[change.EnrolmentId] = "Học viên không còn trong danh sách lớp.";
                continue;
            }

            var stored = results.GetValueOrDefault(change.EnrolmentId);
            var changedByOthers = stored?.Version != change.SeenVersion
                && (stored?.Score != change.SeenScore || stored?.ResitScore != change.SeenResit);
            if (changedByOthers)
            {
                if (stored?.Score == change.Score && stored?.ResitScore == change.Resit)
                {
                    continue; // someone else wrote the very same scores
                }

                notices[change.EnrolmentId] = $"Người khác vừa ghi: điểm {Shown(stored?.Score)}, điểm thi lại {Shown(stored?.ResitScore)}.";
                continue;
            }

            if (AssessmentRules.Refusal(programme, summaries[change.EnrolmentId], change.Score, change.Resit) is { } refusal)
            {
                notices[change.EnrolmentId] = refusal;
                continue;
            }

            if (stored is null)
            {
                stored = new AssessmentResult { EnrolmentId = change.EnrolmentId };
                db.AssessmentResults.Add(stored);
                results[change.EnrolmentId] = stored;
            }

            stored.Score = change.Score;
            stored.ResitScore = change.Resit;
            AssessmentRules.Apply(stored, AssessmentRules.Evaluate(programme, summaries[change.EnrolmentId], change.Score, change.Resit));
            written++;
        }

        if (notices.Count > 0)
        {
            db.ChangeTracker.Clear();
            throw await refuse(notices);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Only possible if the class lock was bypassed: the version token or the one-result-per-enrolment index decides.
            throw new DomainException("Kết quả vừa được người khác thay đổi. Chưa có gì được ghi; hãy tải lại trang rồi nhập lại.");
        }

        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    private async Task EditableClassAsync(int classId, CancellationToken cancellationToken)
    {
        var heading = await ClassRecords.HeadingAsync(db, scope, classId, cancellationToken)
            ?? throw new DomainException("Không tìm thấy lớp học.");
        if (!scope.CanEdit || !await db.TrainingClasses.AnyAsync(c => c.Id == classId && c.CentreId == scope.CentreId, cancellationToken))
        {
            throw new DomainException("Tài khoản này không được ghi điểm của lớp này.");
        }

        if (heading.LockedReason(ClassPart.Results) is { } locked)
        {
            throw new DomainException(locked);
        }
    }

    internal async Task<ResultsRefusedException> RefusalAsync(int classId, Dictionary<int, string> notices, Dictionary<int, ScoreInput> edits, CancellationToken cancellationToken)
    {
        var names = await db.Enrolments.Where(e => e.ClassId == classId && notices.Keys.Contains(e.Id))
            .Select(e => new { e.Id, e.Trainee!.FullName }).ToDictionaryAsync(e => e.Id, e => e.FullName, cancellationToken);
        var message = new StringBuilder($"Chưa lưu được kết quả; chưa có dòng nào được ghi. {notices.Count} dòng cần xem lại: ");
        message.Append(string.Join(" ", notices.Take(MaxNamed).Select(n => $"{names.GetValueOrDefault(n.Key, "?")}: {n.Value}")));
        if (notices.Count > MaxNamed)
        {
            message.Append($" Và {notices.Count - MaxNamed} dòng khác.");
        }

        message.Append(" Những gì bạn nhập vẫn được giữ trên bảng.");
        return new ResultsRefusedException(message.ToString(), new ResultsOverlay(edits, notices));
    }

    private static string Shown(decimal? score) => score is null ? "(trống)" : AssessmentRules.FormatScore(score);

    private static DecisionConflictException DecisionConflict(TrainingClass current) =>
        new(current.HasCompletionDecision
            ? $"Quyết định công nhận hoàn thành vừa được người khác ghi: số {current.CompletionDecisionNumber}, ngày {current.CompletionDecisionDate:dd/MM/yyyy}, "
              + $"người ký {current.CompletionDecisionSigner}. Nội dung bạn nhập vẫn được giữ; hãy xem lại rồi lưu lần nữa nếu vẫn muốn sửa."
            : "Thông tin lớp vừa được người khác thay đổi. Nội dung bạn nhập vẫn được giữ; hãy lưu lần nữa.");
}
