using System.Security.Cryptography;
using System.Text;
using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Classes;

/// <summary>A column of the grid: one session.</summary>
public sealed record AttendanceColumn(int SessionId, DateOnly Date, DayPart Part, string Topic, string? LecturerName, int Periods, bool CanMark, bool HasTakenPlace)
{
    /// <summary>"Sáng 02/03".</summary>
    public string ShortLabel => $"{AttendanceRules.PartName(Part)} {Date:dd/MM}";
}

public enum AttendanceCellFlag
{
    None = 0,

    /// <summary>Typed by the user and not saved yet (the save was refused for another cell).</summary>
    Edited = 1,

    /// <summary>Someone else marked this cell after the page was loaded.</summary>
    Conflict = 2,

    /// <summary>What was typed cannot be saved (not C/P/K, or a column the user may not mark).</summary>
    Invalid = 3,
}

/// <summary>A cell as shown: the letter (or what the user typed), the note, and why it is highlighted.</summary>
public sealed record AttendanceCell(string Mark, string? Note, AttendanceCellFlag Flag = AttendanceCellFlag.None, string? Remark = null);

/// <summary>A trainee's line: the cells, and the standing against the threshold by today (<see cref="AttendanceRules.Forecast"/>).</summary>
public sealed record AttendanceRow(int EnrolmentId, int TraineeId, string FullName, string? Birth, IReadOnlyList<AttendanceCell> Cells, AttendanceForecast Forecast)
{
    public AttendanceSummary Summary => Forecast.Summary;
}

/// <summary>
/// The attendance page: one page of the roster × sessions. <see cref="Version"/> is a hash of the stored marks
/// of the page's rows and <see cref="Snapshot"/> those marks as loaded; both go back with a save (with
/// <see cref="RowIds"/>, the rows the page showed) so that it can tell which cells someone else changed in
/// the meantime, and so that a save of one page never reads or writes another page's rows.
/// </summary>
public sealed record AttendanceGrid(
    ClassHeading Class, decimal ThresholdPercent, IReadOnlyList<AttendanceColumn> Columns, IReadOnlyList<AttendanceRow> Rows,
    string Version, string Snapshot, string? LockedReason)
{
    public bool CanMark => LockedReason is null && Columns.Any(c => c.CanMark);

    /// <summary>Active trainees of the whole class, on every page.</summary>
    public int TotalRows { get; init; } = Rows.Count;

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = AttendanceService.PageSize;

    public int PageCount => Math.Max(1, (TotalRows + PageSize - 1) / PageSize);

    /// <summary>The STT of the page's first row.</summary>
    public int FirstNumber => ((Page - 1) * PageSize) + 1;

    /// <summary>The enrolments of the page's rows, in order: the scope of <see cref="Version"/> and of a save.</summary>
    public IEnumerable<int> RowIds => Rows.Select(r => r.EnrolmentId);

    /// <summary>Trainees of the whole class named as failing the threshold: once every session is held, or already out of reach.</summary>
    public int NotEligibleCount { get; init; }

    /// <summary>No session has taken place yet: nobody is judged.</summary>
    public bool NotStarted => !Columns.Any(c => c.HasTakenPlace);

    /// <summary>Said on the page before the first mark of a planned class opens it.</summary>
    public string? OpensClassNote => ClassLifecycle.OpensWithFirstMark(Class.Status) && LockedReason is null
        ? "Lớp đang ở trạng thái \"Kế hoạch\": lần lưu điểm danh đầu tiên sẽ chuyển lớp sang trạng thái \"Đang học\" (khai giảng)."
        : null;
}

public readonly record struct AttendanceCellKey(int EnrolmentId, int SessionId);

/// <summary>One posted cell: the letter typed (C/P/K, 1/2/3 or blank) and the note.</summary>
public sealed record AttendanceCellInput(int EnrolmentId, int SessionId, string? Mark, string? Note)
{
    public AttendanceCellKey Key => new(EnrolmentId, SessionId);
}

/// <summary>
/// A save of the grid: the version and snapshot the page was loaded with, the cells as posted, and the rows
/// (enrolments) the page showed, to which the version, the snapshot and the cells belong; null for the whole class.
/// </summary>
public sealed record AttendanceSaveRequest(string? Version, string? Snapshot, IReadOnlyList<AttendanceCellInput> Cells, IReadOnlyCollection<int>? Rows = null);

/// <summary>What a refused save asks the page to show again: the user's edits, and the cells to point at.</summary>
public sealed record AttendanceOverlay(IReadOnlyList<AttendanceCellInput> Edits, IReadOnlyDictionary<AttendanceCellKey, AttendanceCell> Flags);

/// <summary>A save refused as a whole (nothing written); <see cref="Overlay"/> keeps what the user typed.</summary>
public sealed class AttendanceRefusedException(string message, AttendanceOverlay overlay) : DomainException(message)
{
    public AttendanceOverlay Overlay { get; } = overlay;
}

/// <summary>What "mark everyone present, overwriting" would change, shown before it is confirmed.</summary>
public sealed record AttendanceOverwritePreview(
    ClassHeading Class, int? SessionId, string Scope, int Empty, int Present, int Excused, int Absent, string Version)
{
    public int Replaced => Excused + Absent;
}

/// <summary>
/// Attendance of a class: the grid (one query for the marks), saving it in one transaction with
/// cell-level conflict detection, and marking present in bulk. Staff mark every session; a lecturer
/// marks only the sessions they teach.
/// </summary>
public sealed class AttendanceService(AppDbContext db, IUserScope scope, ICurrentUser currentUser, TimeProvider clock)
{
    private const int MaxNoteLength = 300;
    private const int MaxNamedCells = 10;

    /// <summary>Trainees per page of the grid: with 20 sessions, 2,000 cells, a page well under a megabyte.</summary>
    public const int PageSize = 100;

    /// <summary>The whole grid, every trainee on one page.</summary>
    public Task<AttendanceGrid?> GetGridAsync(int classId, AttendanceOverlay? overlay = null, CancellationToken cancellationToken = default) =>
        GridAsync(classId, null, overlay, cancellationToken);

    /// <summary>
    /// One page of <see cref="PageSize"/> trainees (a page past the end shows the last one). The standing of every
    /// trainee is worked out for the count of those not eligible; cells are built only for the page's rows.
    /// </summary>
    public Task<AttendanceGrid?> GetGridAsync(int classId, int page, AttendanceOverlay? overlay = null, CancellationToken cancellationToken = default) =>
        GridAsync(classId, page, overlay, cancellationToken);

    private async Task<AttendanceGrid?> GridAsync(int classId, int? requestedPage, AttendanceOverlay? overlay, CancellationToken cancellationToken)
    {
        var heading = await ClassRecords.HeadingAsync(db, scope, classId, cancellationToken);
        if (heading is null)
        {
            return null;
        }

        var threshold = await db.TrainingClasses.Where(c => c.Id == classId).Select(c => c.Programme!.AttendanceThresholdPercent).FirstAsync(cancellationToken);
        var sessions = await ClassRecords.SessionsAsync(db, classId, cancellationToken);
        var roster = await ClassRecords.RosterAsync(db, classId, cancellationToken);
        var locked = heading.LockedReason(ClassPart.Attendance);
        var staff = await IsStaffOfClassAsync(classId, cancellationToken);
        var today = clock.VietnamToday();
        var columns = sessions.Select(s => new AttendanceColumn(
            s.Id, s.Date, s.Part, s.Topic, s.LecturerName, s.Periods, locked is null && MayMark(staff, s), s.Date <= today)).ToList();

        var pageSize = requestedPage is null ? Math.Max(1, roster.Count) : PageSize;
        var pageCount = Math.Max(1, (roster.Count + pageSize - 1) / pageSize);
        var page = Math.Clamp(requestedPage ?? 1, 1, pageCount);
        var first = (page - 1) * pageSize;
        var onPage = roster.Skip(first).Take(pageSize).ToList();

        // Every trainee's standing from totals the database sums; cells and marks for the page's rows only.
        var totals = await ClassRecords.PeriodTotalsAsync(db, classId, cancellationToken);
        var marks = await MarksAsync(classId, requestedPage is null ? null : onPage.Select(p => p.EnrolmentId).ToList(), cancellationToken);
        var classPeriods = sessions.Sum(s => s.Periods);
        var anyHeld = sessions.Any(s => s.Date <= today);
        var allHeld = sessions.All(s => s.Date <= today);
        AttendanceForecast ForecastOf(int enrolmentId)
        {
            var (attended, missed) = totals.GetValueOrDefault(enrolmentId);
            return AttendanceRules.Forecast(attended, missed, classPeriods, anyHeld, allHeld, threshold);
        }

        var notEligible = roster.Count(person => ForecastOf(person.EnrolmentId).IsLost);
        var edits = (overlay?.Edits ?? []).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last());
        var flags = overlay?.Flags ?? new Dictionary<AttendanceCellKey, AttendanceCell>();
        var rows = new List<AttendanceRow>(onPage.Count);
        foreach (var person in onPage)
        {
            var cells = new AttendanceCell[sessions.Count];
            for (var i = 0; i < sessions.Count; i++)
            {
                var key = new AttendanceCellKey(person.EnrolmentId, sessions[i].Id);
                if (flags.TryGetValue(key, out var flagged))
                {
                    cells[i] = flagged;
                }
                else if (edits.TryGetValue(key, out var edit))
                {
                    cells[i] = new AttendanceCell(Shown(edit.Mark), Clean(edit.Note), AttendanceCellFlag.Edited);
                }
                else
                {
                    cells[i] = marks.TryGetValue(key, out var stored) ? new AttendanceCell(AttendanceRules.Letter(stored.Status), stored.Note) : EmptyCell;
                }
            }

            rows.Add(new AttendanceRow(person.EnrolmentId, person.TraineeId, person.FullName, person.Birth, cells, ForecastOf(person.EnrolmentId)));
        }

        var snapshot = Snapshot(marks.Values);
        return new AttendanceGrid(heading, threshold, columns, rows, Hash(snapshot), snapshot, locked)
        {
            TotalRows = roster.Count, Page = page, PageSize = pageSize, NotEligibleCount = notEligible,
        };
    }

    private static readonly AttendanceCell EmptyCell = new(string.Empty, null);

    /// <summary>
    /// Saves the grid in one transaction. Only the cells the user changed are written, so marks others made
    /// meanwhile in other cells stay. If a cell the user changed was also changed by someone else since the
    /// page was loaded, or a cell is invalid or outside the user's sessions, nothing is written and the
    /// refusal names the cells. Returns the number of cells written.
    /// </summary>
    public async Task<int> SaveAsync(int classId, AttendanceSaveRequest request, CancellationToken cancellationToken = default)
    {
        var staff = await MarkableClassAsync(classId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ClassRecords.LockAsync(db, classId, cancellationToken);

        var sessions = (await ClassRecords.SessionsAsync(db, classId, cancellationToken)).ToDictionary(s => s.Id);
        var roster = (await ClassRecords.RosterAsync(db, classId, cancellationToken)).ToDictionary(r => r.EnrolmentId);
        var records = await TrackedRecordsAsync(classId, cancellationToken);
        var rows = request.Rows is { } shown ? shown.ToHashSet() : null;
        if (rows is not null && request.Cells.Any(c => !rows.Contains(c.EnrolmentId)))
        {
            throw new DomainException("Bảng điểm danh gửi lên có ô không thuộc trang đang mở. Chưa có gì được ghi; hãy tải lại trang rồi nhập lại.");
        }

        // The page's rows only: marks of other pages are neither compared nor written.
        var current = records.Where(r => rows is null || rows.Contains(r.Key.EnrolmentId)).ToDictionary(r => r.Key, r => Mark.Of(r.Value));

        // What the user saw: the stored marks if nothing changed since (same hash), else the posted snapshot.
        var currentSnapshot = Snapshot(current.Values);
        Dictionary<AttendanceCellKey, Mark> loaded;
        if (request.Version == Hash(currentSnapshot))
        {
            loaded = current;
        }
        else
        {
            // An empty snapshot (no marks yet) may come back as null from model binding.
            var posted = request.Snapshot ?? string.Empty;
            loaded = Hash(posted) == request.Version && ParseSnapshot(posted) is { } parsed
                ? parsed
                : throw new DomainException("Không đối chiếu được bảng điểm danh với dữ liệu đã lưu. Hãy tải lại trang rồi nhập lại.");
        }

        var edits = new List<AttendanceCellInput>();
        var flags = new Dictionary<AttendanceCellKey, AttendanceCell>();
        var invalid = new List<string>();
        var forbidden = new List<string>();
        var conflicts = new List<string>();
        var gone = 0;
        var changes = new List<(AttendanceCellKey Key, AttendanceStatus? Status, string? Note)>();
        foreach (var cell in request.Cells.GroupBy(c => c.Key).Select(g => g.Last()))
        {
            var key = cell.Key;
            var valid = AttendanceRules.TryParseMark(cell.Mark, out var status);
            var note = Clean(cell.Note);
            var before = loaded.GetValueOrDefault(key);
            if (valid && status == before?.Status && note == before?.Note)
            {
                continue; // not changed by this user
            }

            edits.Add(cell with { Mark = Shown(cell.Mark), Note = note });
            if (!roster.TryGetValue(key.EnrolmentId, out var person) || !sessions.TryGetValue(key.SessionId, out var session))
            {
                gone++;
                continue;
            }

            var name = $"{person.FullName} – {session.Label}";
            string? problem = null;
            if (!valid)
            {
                problem = $"\"{cell.Mark?.Trim()}\" không phải C, P hoặc K";
            }
            else if (status is null && note is not null)
            {
                problem = "ghi chú cần đi kèm C, P hoặc K";
            }
            else if (note?.Length > MaxNoteLength)
            {
                problem = $"ghi chú dài quá {MaxNoteLength} ký tự";
            }

            if (problem is not null)
            {
                invalid.Add($"{name}: {problem}");
                flags[key] = new AttendanceCell(Shown(cell.Mark), note, AttendanceCellFlag.Invalid, problem);
                continue;
            }

            if (!MayMark(staff, session))
            {
                forbidden.Add(name);
                flags[key] = new AttendanceCell(Shown(cell.Mark), note, AttendanceCellFlag.Invalid, "Buổi này không do bạn giảng");
                continue;
            }

            var now = current.GetValueOrDefault(key);
            if (now?.Status != before?.Status || now?.Note != before?.Note)
            {
                if (now?.Status == status && now?.Note == note)
                {
                    continue; // someone else made the very same change
                }

                var theirs = now is null
                    ? "người khác vừa xóa điểm danh ô này"
                    : $"hiện là «{AttendanceRules.StatusName(now.Status)}»{(now.Note is null ? "" : $" (ghi chú: {now.Note})")}"
                        + (now.MarkedBy is null ? "" : $", do {now.MarkedBy} ghi lúc {ToLocal(now.MarkedAt):HH:mm dd/MM/yyyy}");
                conflicts.Add($"{name} ({theirs})");
                flags[key] = new AttendanceCell(Shown(cell.Mark), note, AttendanceCellFlag.Conflict, $"Người khác đã ghi: {AttendanceRules.StatusName(now?.Status)}");
                continue;
            }

            changes.Add((key, status, note));
        }

        if (invalid.Count > 0 || forbidden.Count > 0 || conflicts.Count > 0 || gone > 0)
        {
            var message = new StringBuilder("Chưa lưu được điểm danh; chưa có ô nào được ghi.");
            if (conflicts.Count > 0)
            {
                message.Append($" {conflicts.Count} ô bạn sửa vừa được người khác điểm danh sau khi bạn mở trang: {Names(conflicts)}.");
            }

            if (invalid.Count > 0)
            {
                message.Append($" {invalid.Count} ô ghi chưa đúng: {Names(invalid)}. Chỉ dùng C (có mặt), P (vắng có phép), K (vắng không phép) hoặc 1, 2, 3.");
            }

            if (forbidden.Count > 0)
            {
                message.Append($" Bạn chỉ được điểm danh các buổi mình giảng; không được sửa: {Names(forbidden)}.");
            }

            if (gone > 0)
            {
                message.Append($" {gone} ô thuộc học viên hoặc buổi học không còn trong lớp.");
            }

            message.Append(" Những gì bạn nhập vẫn còn trên bảng; hãy xem lại các ô được đánh dấu rồi bấm Lưu lần nữa.");
            throw new AttendanceRefusedException(message.ToString(), new AttendanceOverlay(edits, flags));
        }

        Apply(changes, records);
        await OpenIfPlannedAsync(classId, changes.Count, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await ClassRecords.RefreshOutcomesAsync(db, classId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changes.Count;
    }

    /// <summary>
    /// Marks present every empty cell of the sessions that have taken place (or of one session) that the user
    /// may mark. Cells already marked are never touched. Returns the number of cells filled.
    /// </summary>
    public async Task<int> FillEmptyAsync(int classId, int? sessionId, CancellationToken cancellationToken = default)
    {
        var staff = await MarkableClassAsync(classId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ClassRecords.LockAsync(db, classId, cancellationToken);
        var targets = await BulkSessionsAsync(classId, sessionId, staff, cancellationToken);
        var roster = await ClassRecords.RosterAsync(db, classId, cancellationToken);
        var records = await TrackedRecordsAsync(classId, cancellationToken);
        var changes = (from s in targets
                       from r in roster
                       let key = new AttendanceCellKey(r.EnrolmentId, s.Id)
                       where !records.ContainsKey(key)
                       select (key, (AttendanceStatus?)AttendanceStatus.Present, (string?)null)).ToList();
        Apply(changes, records);
        await OpenIfPlannedAsync(classId, changes.Count, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await ClassRecords.RefreshOutcomesAsync(db, classId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changes.Count;
    }

    /// <summary>How many marks "everyone present, overwriting" would replace; nothing is written.</summary>
    public async Task<AttendanceOverwritePreview?> PreviewOverwriteAsync(int classId, int? sessionId, CancellationToken cancellationToken = default)
    {
        var heading = await ClassRecords.HeadingAsync(db, scope, classId, cancellationToken);
        if (heading is null)
        {
            return null;
        }

        var staff = await MarkableClassAsync(classId, cancellationToken);
        var targets = await BulkSessionsAsync(classId, sessionId, staff, cancellationToken);
        var rosterCount = await db.Enrolments.CountAsync(e => e.ClassId == classId && e.Status == EnrolmentStatus.Active, cancellationToken);
        var marks = await MarksAsync(classId, null, cancellationToken);
        var ids = targets.Select(t => t.Id).ToHashSet();
        var inScope = marks.Where(m => ids.Contains(m.Key.SessionId)).Select(m => m.Value.Status).ToList();
        var scopeText = sessionId is null
            ? $"{targets.Count} buổi đã diễn ra mà bạn được điểm danh"
            : targets.Single().Label;
        return new AttendanceOverwritePreview(
            heading, sessionId, scopeText,
            (targets.Count * rosterCount) - inScope.Count,
            inScope.Count(s => s == AttendanceStatus.Present),
            inScope.Count(s => s == AttendanceStatus.ExcusedAbsence),
            inScope.Count(s => s == AttendanceStatus.Absent),
            Hash(Snapshot(marks.Values)));
    }

    /// <summary>
    /// Marks everyone present in the sessions that have taken place (or one session), replacing absences.
    /// Needs the explicit confirmation, and refuses if any mark changed since the confirmation was shown.
    /// </summary>
    public async Task<int> OverwriteAllAsync(int classId, int? sessionId, string? version, bool confirmed, CancellationToken cancellationToken = default)
    {
        if (!confirmed)
        {
            throw new DomainException("Cần xác nhận trước khi đánh dấu tất cả có mặt, kể cả ô đã điểm danh.");
        }

        var staff = await MarkableClassAsync(classId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ClassRecords.LockAsync(db, classId, cancellationToken);
        var records = await TrackedRecordsAsync(classId, cancellationToken);
        var current = Snapshot(records.Values.Select(Mark.Of));
        if (version != Hash(current))
        {
            throw new DomainException("Điểm danh của lớp vừa được thay đổi sau khi bạn xem thông báo xác nhận. Chưa có gì được ghi; hãy xem lại rồi xác nhận lần nữa.");
        }

        var targets = await BulkSessionsAsync(classId, sessionId, staff, cancellationToken);
        var roster = await ClassRecords.RosterAsync(db, classId, cancellationToken);
        var changes = (from s in targets
                       from r in roster
                       let key = new AttendanceCellKey(r.EnrolmentId, s.Id)
                       where !records.TryGetValue(key, out var existing) || existing.Status != AttendanceStatus.Present
                       select (key, (AttendanceStatus?)AttendanceStatus.Present, records.TryGetValue(key, out var kept) ? kept.Note : null)).ToList();
        Apply(changes, records);
        await OpenIfPlannedAsync(classId, changes.Count, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await ClassRecords.RefreshOutcomesAsync(db, classId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changes.Count;
    }

    /// <summary>Staff mark every session of their centre's classes; anyone else only the sessions they teach.</summary>
    private bool MayMark(bool staff, SessionFacts session) =>
        staff || (scope.UserId is { } userId && session.LecturerUserId == userId);

    private Task<bool> IsStaffOfClassAsync(int classId, CancellationToken cancellationToken) =>
        scope.CanEdit
            ? db.TrainingClasses.AnyAsync(c => c.Id == classId && c.CentreId == scope.CentreId, cancellationToken)
            : Task.FromResult(false);

    /// <summary>Refuses a class the user may not mark at all; tells whether they mark it as staff.</summary>
    private async Task<bool> MarkableClassAsync(int classId, CancellationToken cancellationToken)
    {
        var heading = await ClassRecords.HeadingAsync(db, scope, classId, cancellationToken)
            ?? throw new DomainException("Không tìm thấy lớp học.");
        if (heading.LockedReason(ClassPart.Attendance) is { } locked)
        {
            throw new DomainException(locked);
        }

        if (await IsStaffOfClassAsync(classId, cancellationToken))
        {
            return true;
        }

        var userId = scope.UserId;
        if (userId is null || !await db.ClassSessions.AnyAsync(s => s.ClassId == classId && s.Lecturer!.UserId == userId, cancellationToken))
        {
            throw new DomainException("Tài khoản này không được điểm danh lớp này: chỉ cán bộ Trung tâm và giảng viên của buổi học mới được điểm danh.");
        }

        return false;
    }

    private async Task<IReadOnlyList<SessionFacts>> BulkSessionsAsync(int classId, int? sessionId, bool staff, CancellationToken cancellationToken)
    {
        var today = clock.VietnamToday();
        var sessions = await ClassRecords.SessionsAsync(db, classId, cancellationToken);
        if (sessionId is { } id)
        {
            var session = sessions.FirstOrDefault(s => s.Id == id) ?? throw new DomainException("Không tìm thấy buổi học trong thời khóa biểu của lớp.");
            if (!MayMark(staff, session))
            {
                throw new DomainException($"Bạn chỉ được điểm danh các buổi mình giảng; {session.Label} không do bạn giảng.");
            }

            return session.Date <= today ? [session] : throw new DomainException($"{session.Label} chưa diễn ra: chưa thể đánh dấu có mặt cho cả lớp.");
        }

        return sessions.Where(s => s.Date <= today && MayMark(staff, s)).ToList();
    }

    // ClassLifecycle: the first mark on a planned class opens it (the grid says so before the save).
    private async Task OpenIfPlannedAsync(int classId, int changes, CancellationToken cancellationToken)
    {
        if (changes > 0)
        {
            (await db.TrainingClasses.FirstAsync(c => c.Id == classId, cancellationToken)).OpenWithFirstMark();
        }
    }

    private void Apply(IEnumerable<(AttendanceCellKey Key, AttendanceStatus? Status, string? Note)> changes, Dictionary<AttendanceCellKey, AttendanceRecord> records)
    {
        var now = DateTime.UtcNow;
        var by = currentUser.UserName;
        foreach (var (key, status, note) in changes)
        {
            records.TryGetValue(key, out var record);
            if (status is not { } value)
            {
                if (record is not null)
                {
                    db.AttendanceRecords.Remove(record); // a cleared cell is simply unmarked
                }

                continue;
            }

            if (record is null)
            {
                record = new AttendanceRecord { EnrolmentId = key.EnrolmentId, SessionId = key.SessionId };
                db.AttendanceRecords.Add(record);
                records[key] = record;
            }

            record.Status = value;
            record.Note = note;
            record.MarkedAt = now;
            record.MarkedBy = by;
        }
    }

    /// <summary>The class's marks (or those of some of its enrolments), in the lean projection the grid needs: no author.</summary>
    private async Task<Dictionary<AttendanceCellKey, Mark>> MarksAsync(int classId, IReadOnlyCollection<int>? enrolmentIds, CancellationToken cancellationToken)
    {
        var query = db.AttendanceRecords.Where(a => a.Session!.ClassId == classId && a.Enrolment!.Status == EnrolmentStatus.Active);
        if (enrolmentIds is not null)
        {
            query = query.Where(a => enrolmentIds.Contains(a.EnrolmentId));
        }

        var marks = await query.Select(a => new { a.EnrolmentId, a.SessionId, a.Status, a.Note }).ToListAsync(cancellationToken);
        var result = new Dictionary<AttendanceCellKey, Mark>(marks.Count);
        foreach (var m in marks)
        {
            var key = new AttendanceCellKey(m.EnrolmentId, m.SessionId);
            result[key] = new Mark(key, m.Status, m.Note, null, default);
        }

        return result;
    }

    private async Task<Dictionary<AttendanceCellKey, AttendanceRecord>> TrackedRecordsAsync(int classId, CancellationToken cancellationToken) =>
        await db.AttendanceRecords
            .Where(a => a.Session!.ClassId == classId && a.Enrolment!.Status == EnrolmentStatus.Active)
            .ToDictionaryAsync(a => new AttendanceCellKey(a.EnrolmentId, a.SessionId), cancellationToken);

    /// <summary>
    /// The stored marks in a canonical text ("enrolment,session,letter[,note]" sorted, joined by ';'; notes
    /// percent-encoded): small enough to travel in the page, and what <see cref="Hash"/> is taken of.
    /// </summary>
    private static string Snapshot(IEnumerable<Mark> marks) =>
        string.Join(';', marks
            .OrderBy(m => m.Key.EnrolmentId).ThenBy(m => m.Key.SessionId)
            .Select(m => $"{m.Key.EnrolmentId},{m.Key.SessionId},{AttendanceRules.Letter(m.Status)}"
                + (m.Note is null ? "" : "," + Uri.EscapeDataString(m.Note))));

    private static Dictionary<AttendanceCellKey, Mark>? ParseSnapshot(string snapshot)
    {
        var result = new Dictionary<AttendanceCellKey, Mark>();
        if (snapshot.Length == 0)
        {
            return result;
        }

        foreach (var entry in snapshot.Split(';'))
        {
            var parts = entry.Split(',');
            if (parts.Length is < 3 or > 4
                || !int.TryParse(parts[0], out var enrolmentId) || !int.TryParse(parts[1], out var sessionId)
                || !AttendanceRules.TryParseMark(parts[2], out var status) || status is null)
            {
                return null;
            }

            var key = new AttendanceCellKey(enrolmentId, sessionId);
            result[key] = new Mark(key, status, parts.Length == 4 ? Uri.UnescapeDataString(parts[3]) : null, null, default);
        }

        return result;
    }

    private static string Hash(string snapshot) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(snapshot)))[..32].ToLowerInvariant();

    private static string? Clean(string? note) => string.IsNullOrWhiteSpace(note) ? null : VietnameseText.Clean(note);

    /// <summary>What to show for a typed mark: the canonical letter when it is one, else what was typed.</summary>
    private static string Shown(string? typed) =>
        AttendanceRules.TryParseMark(typed, out var status) ? AttendanceRules.Letter(status) : (typed ?? string.Empty).Trim();

    private static string Names(IReadOnlyList<string> names) =>
        string.Join("; ", names.Take(MaxNamedCells)) + (names.Count > MaxNamedCells ? $"; và {names.Count - MaxNamedCells} ô khác" : "");

    /// <summary>Sessions are dated in Vietnam: "today" and the times shown are Vietnam's, whatever the server's zone.</summary>
    private static DateTime ToLocal(DateTime utc) => VietnamTime.FromUtc(utc);

    private sealed record Mark(AttendanceCellKey Key, AttendanceStatus? Status, string? Note, string? MarkedBy, DateTime MarkedAt)
    {
        public static Mark Of(AttendanceRecord r) => new(new AttendanceCellKey(r.EnrolmentId, r.SessionId), r.Status, r.Note, r.MarkedBy, r.MarkedAt);
    }
}
