using System.Globalization;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Classes;

/// <summary>
/// A class's timetable: sessions (buổi) with a date inside the class's dates, a part of the day, a
/// topic, a lecturer of the centre and 1–10 periods. Staff of the class's centre change it; the class
/// details page shows it to readers (<see cref="ClassService.GetDetailsAsync"/>).
/// </summary>
public sealed class TimetableService(AppDbContext db, IUserScope scope, TimeProvider clock)
{
    public const int MaxPeriods = 10;

    /// <summary>
    /// A new session's form, placed after the last session (the afternoon of a morning, else the
    /// next morning) with its lecturer and periods; null if the class is not the user's to change.
    /// </summary>
    public async Task<SessionEdit?> NewSessionAsync(int classId, CancellationToken cancellationToken = default)
    {
        var trainingClass = await EditableClasses().Where(c => c.Id == classId)
            .Select(c => new { c.StartDate, c.EndDate }).FirstOrDefaultAsync(cancellationToken);
        if (trainingClass is null)
        {
            return null;
        }

        var last = await db.ClassSessions.Where(s => s.ClassId == classId)
            .OrderByDescending(s => s.Date).ThenByDescending(s => s.Part).ThenByDescending(s => s.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (last is null)
        {
            return new SessionEdit { ClassId = classId, Date = trainingClass.StartDate ?? clock.VietnamToday() };
        }

        var (date, part) = last.Part == DayPart.Morning ? (last.Date, DayPart.Afternoon) : (last.Date.AddDays(1), DayPart.Morning);
        if (trainingClass.EndDate is { } end && date > end)
        {
            (date, part) = (end, last.Part);
        }

        return new SessionEdit { ClassId = classId, Date = date, Part = part, LecturerId = last.LecturerId, Periods = last.Periods };
    }

    /// <summary>A session's form; null if it does not exist or its class is not the user's to change.</summary>
    public async Task<SessionEdit?> GetSessionAsync(int sessionId, CancellationToken cancellationToken = default)
    {
        var classes = EditableClasses().Select(c => c.Id);
        return await db.ClassSessions.Where(s => s.Id == sessionId && classes.Contains(s.ClassId))
            .Select(s => new SessionEdit
            {
                Id = s.Id, ClassId = s.ClassId, Date = s.Date, Part = s.Part, Topic = s.Topic, LecturerId = s.LecturerId, Periods = s.Periods,
            })
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The class the session form belongs to and the lecturers to choose from; null if not the user's to change.</summary>
    public async Task<SessionFormContext?> FormContextAsync(int classId, int? lecturerId, CancellationToken cancellationToken = default)
    {
        var trainingClass = await EditableClasses().Where(c => c.Id == classId)
            .Select(c => new { c.Id, c.CentreId, c.Title, ProgrammeName = c.Programme!.Name, c.Number, c.Year, c.StartDate, c.EndDate })
            .FirstOrDefaultAsync(cancellationToken);
        if (trainingClass is null)
        {
            return null;
        }

        var lecturers = await LecturerChoices.ForCentreAsync(db, trainingClass.CentreId, lecturerId, cancellationToken);
        var name = ClassLabels.ClassName(trainingClass.ProgrammeName, trainingClass.Title, trainingClass.Number, trainingClass.Year);
        return new SessionFormContext(trainingClass.Id, name, trainingClass.StartDate, trainingClass.EndDate, lecturers);
    }

    /// <summary>Adds or updates a session and returns its id; a rule broken is refused with a Vietnamese message.</summary>
    public async Task<int> SaveSessionAsync(SessionEdit edit, CancellationToken cancellationToken = default)
    {
        RequireEditor();
        var trainingClass = await EditableClasses().Where(c => c.Id == edit.ClassId)
            .Select(c => new { c.CentreId, c.StartDate, c.EndDate, c.Status })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("Không tìm thấy lớp học, hoặc lớp không thuộc trung tâm của bạn.");
        await ClassRecords.EnsureChangeableAsync(db, edit.ClassId, ClassPart.Timetable, cancellationToken);

        if (trainingClass.StartDate is not { } start || trainingClass.EndDate is not { } end)
        {
            throw new DomainException("Lớp chưa có ngày khai giảng và ngày bế giảng. Hãy nhập thời gian học của lớp trước khi xếp thời khóa biểu.");
        }

        if (edit.Date < start || edit.Date > end)
        {
            throw new DomainException($"Ngày học {Day(edit.Date)} nằm ngoài thời gian học của lớp (từ {Day(start)} đến {Day(end)}).");
        }

        if (edit.Periods is < 1 or > MaxPeriods)
        {
            throw new DomainException($"Số tiết của một buổi phải từ 1 đến {MaxPeriods}.");
        }

        var topic = VietnameseText.Clean(edit.Topic);
        if (topic.Length == 0)
        {
            throw new DomainException("Vui lòng nhập chuyên đề của buổi học.");
        }

        if (!Enum.IsDefined(edit.Part))
        {
            throw new DomainException("Vui lòng chọn buổi sáng, chiều hoặc tối.");
        }

        if (edit.LecturerId is { } lecturerId
            && !await db.Lecturers.AnyAsync(l => l.Id == lecturerId && l.CentreId == trainingClass.CentreId, cancellationToken))
        {
            throw new DomainException("Giảng viên không thuộc trung tâm này.");
        }

        if (await db.ClassSessions.AnyAsync(s => s.ClassId == edit.ClassId && s.Date == edit.Date && s.Part == edit.Part && s.Id != edit.Id, cancellationToken))
        {
            throw new DomainException(
                $"Lớp đã có buổi {ClassLabels.DayPartName(edit.Part).ToLower(VietnameseText.Culture)} ngày {Day(edit.Date)}: mỗi buổi chỉ xếp một lần (sửa buổi đã có nếu cần đổi chuyên đề hay số tiết).");
        }

        ClassSession session;
        if (edit.Id is { } id)
        {
            session = await db.ClassSessions.FirstOrDefaultAsync(s => s.Id == id && s.ClassId == edit.ClassId, cancellationToken)
                ?? throw new DomainException("Không tìm thấy buổi học.");
        }
        else
        {
            session = new ClassSession { ClassId = edit.ClassId };
            db.ClassSessions.Add(session);
        }

        session.Date = edit.Date;
        session.Part = edit.Part;
        session.Topic = topic;
        session.LecturerId = edit.LecturerId;
        session.Periods = edit.Periods;
        await db.SaveChangesAsync(cancellationToken);
        await ClassRecords.RefreshOutcomesAsync(db, edit.ClassId, cancellationToken); // periods move attendance shares
        return session.Id;
    }

    /// <summary>Deletes a session that nothing refers to yet (no attendance, no observation); returns its class's id.</summary>
    public async Task<int> DeleteSessionAsync(int sessionId, CancellationToken cancellationToken = default)
    {
        RequireEditor();
        var classes = EditableClasses().Select(c => c.Id);
        var session = await db.ClassSessions.FirstOrDefaultAsync(s => s.Id == sessionId && classes.Contains(s.ClassId), cancellationToken)
            ?? throw new DomainException("Không tìm thấy buổi học, hoặc buổi học không thuộc trung tâm của bạn.");
        await ClassRecords.EnsureChangeableAsync(db, session.ClassId, ClassPart.Timetable, cancellationToken);
        var what = $"buổi {ClassLabels.DayPartName(session.Part).ToLower(VietnameseText.Culture)} ngày {Day(session.Date)}";
        if (await db.AttendanceRecords.AnyAsync(a => a.SessionId == sessionId, cancellationToken))
        {
            throw new DomainException($"Không thể xóa {what} vì đã có điểm danh học viên của buổi này.");
        }

        if (await db.ClassObservations.AnyAsync(o => o.SessionId == sessionId, cancellationToken))
        {
            throw new DomainException($"Không thể xóa {what} vì đã có phiếu dự giờ của buổi này.");
        }

        db.ClassSessions.Remove(session);
        await db.SaveChangesAsync(cancellationToken);
        await ClassRecords.RefreshOutcomesAsync(db, session.ClassId, cancellationToken);
        return session.ClassId;
    }

    private IQueryable<TrainingClass> EditableClasses()
    {
        var centreId = scope.CanEdit ? scope.CentreId ?? -1 : -1;
        return db.TrainingClasses.Where(c => c.CentreId == centreId);
    }

    private void RequireEditor()
    {
        if (!scope.CanEdit)
        {
            throw new DomainException("Tài khoản của bạn chỉ được xem, không được thay đổi thời khóa biểu.");
        }
    }

    private static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
