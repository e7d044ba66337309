using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Quality;

/// <summary>The form of a class observation (dự giờ); <see cref="Id"/> null for a new one. Scores 1–5 in <see cref="ClassObservation.Criteria"/> order.</summary>
public sealed record ObservationInput(
    int? Id,
    int SessionId,
    string? ObserverName,
    DateOnly? ObservedOn,
    int ContentScore,
    int MethodScore,
    int PracticeScore,
    int ConductScore,
    string? Rating,
    string? Comments,
    DateOnly? MeetingDate,
    string? MeetingNote);

/// <summary>A session a lecturer taught, to choose in the observation form.</summary>
public sealed record ObservableSession(int SessionId, DateOnly Date, string ClassName, string Topic);

/// <summary>An observation as the lecturer's page lists it.</summary>
public sealed record ObservationLine(
    int Id,
    int SessionId,
    DateOnly SessionDate,
    string ClassName,
    string Topic,
    string ObserverName,
    DateOnly ObservedOn,
    IReadOnlyList<int> Scores,
    string? Rating,
    string? Comments,
    DateOnly? MeetingDate,
    string? MeetingNote);

/// <summary>
/// Class observations (dự giờ) of a lecturer's sessions: recorded by centre staff, with the criteria ratings, remarks
/// and the professional meeting (sinh hoạt chuyên môn) where they were discussed; read on the lecturer's page.
/// </summary>
public sealed class ObservationService(AppDbContext db, IUserScope scope, TimeProvider clock)
{
    /// <summary>The sessions of this centre that the lecturer taught, latest first (what an observation can be of).</summary>
    public async Task<IReadOnlyList<ObservableSession>> SessionsAsync(int lecturerId, CancellationToken cancellationToken = default)
    {
        var centreId = scope.RequireCentre();
        var sessions = await db.ClassSessions.AsNoTracking()
            .Where(s => s.LecturerId == lecturerId && s.Class!.CentreId == centreId)
            .OrderByDescending(s => s.Date).ThenBy(s => s.Part)
            .Take(300)
            .Select(s => new { s.Id, s.Date, ProgrammeName = s.Class!.Programme!.Name, s.Class.Title, s.Class.Number, s.Class.Year, s.Topic })
            .ToListAsync(cancellationToken);
        return [.. sessions.Select(s => new ObservableSession(s.Id, s.Date, ClassLabels.ClassName(s.ProgrammeName, s.Title, s.Number, s.Year), s.Topic))];
    }

    public async Task<ObservationInput?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        var centreId = scope.RequireCentre();
        return await db.ClassObservations.AsNoTracking()
            .Where(o => o.Id == id && db.ClassSessions.Any(s => s.Id == o.SessionId && s.Class!.CentreId == centreId))
            .Select(o => new ObservationInput(o.Id, o.SessionId, o.ObserverName, o.ObservedOn, o.ContentScore, o.MethodScore, o.PracticeScore,
                o.ConductScore, o.Rating, o.Comments, o.MeetingDate, o.MeetingNote))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Records or corrects an observation; returns its id. Refuses what breaks a rule with a Vietnamese message.</summary>
    public async Task<int> SaveAsync(ObservationInput input, CancellationToken cancellationToken = default)
    {
        if (!scope.CanEdit || scope.IsLecturer)
        {
            throw new DomainException("Chỉ cán bộ Trung tâm được ghi biên bản dự giờ.");
        }

        var centreId = scope.RequireCentre();
        var session = await db.ClassSessions.AsNoTracking().Where(s => s.Id == input.SessionId && s.Class!.CentreId == centreId)
            .Select(s => new { s.Id, s.Date, s.LecturerId })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("Vui lòng chọn buổi học được dự giờ.");
        var observer = VietnameseText.Clean(input.ObserverName);
        if (observer.Length == 0 || observer.Length > 100)
        {
            throw new DomainException("Vui lòng nhập người dự giờ (tối đa 100 ký tự).");
        }

        var observedOn = input.ObservedOn ?? session.Date;
        if (observedOn > clock.VietnamToday())
        {
            throw new DomainException("Ngày dự giờ không được sau ngày hôm nay.");
        }

        int[] scores = [input.ContentScore, input.MethodScore, input.PracticeScore, input.ConductScore];
        if (scores.Any(s => s is < 1 or > 5))
        {
            throw new DomainException("Mỗi tiêu chí được chấm từ 1 đến 5 điểm.");
        }

        var rating = VietnameseText.Clean(input.Rating);
        if (rating.Length > 0 && !ClassObservation.Ratings.Contains(rating))
        {
            throw new DomainException("Xếp loại chung là Tốt, Khá, Đạt hoặc Chưa đạt.");
        }

        var comments = VietnameseText.Clean(input.Comments);
        var meetingNote = VietnameseText.Clean(input.MeetingNote);
        if (comments.Length > 2000 || meetingNote.Length > 500)
        {
            throw new DomainException("Nhận xét dài tối đa 2.000 ký tự, ghi chú sinh hoạt chuyên môn tối đa 500 ký tự.");
        }

        if (input.MeetingDate is { } meeting && meeting < observedOn)
        {
            throw new DomainException("Buổi sinh hoạt chuyên môn phải sau hoặc cùng ngày dự giờ.");
        }

        ClassObservation observation;
        if (input.Id is { } id)
        {
            observation = await db.ClassObservations.FirstOrDefaultAsync(o => o.Id == id && db.ClassSessions.Any(s => s.Id == o.SessionId && s.Class!.CentreId == centreId), cancellationToken)
                ?? throw new DomainException("Không tìm thấy biên bản dự giờ.");
        }
        else
        {
            observation = new ClassObservation();
            db.ClassObservations.Add(observation);
        }

        observation.SessionId = session.Id;
        observation.ObserverName = observer;
        observation.ObservedOn = observedOn;
        (observation.ContentScore, observation.MethodScore, observation.PracticeScore, observation.ConductScore) =
            ((byte)scores[0], (byte)scores[1], (byte)scores[2], (byte)scores[3]);
        observation.Rating = rating.Length == 0 ? null : rating;
        observation.Comments = comments.Length == 0 ? null : comments;
        observation.MeetingDate = input.MeetingDate;
        observation.MeetingNote = meetingNote.Length == 0 ? null : meetingNote;
        await db.SaveChangesAsync(cancellationToken);
        return observation.Id;
    }

    /// <summary>The observations of the lecturer's sessions, latest first.</summary>
    public async Task<IReadOnlyList<ObservationLine>> ForLecturerAsync(int lecturerId, CancellationToken cancellationToken = default)
    {
        var rows = await db.ClassObservations.AsNoTracking()
            .Join(db.ClassSessions, o => o.SessionId, s => s.Id, (o, s) => new { o, s })
            .Where(x => x.s.LecturerId == lecturerId)
            .OrderByDescending(x => x.o.ObservedOn).ThenByDescending(x => x.o.Id)
            .Select(x => new
            {
                x.o.Id, x.o.SessionId, x.s.Date, ProgrammeName = x.s.Class!.Programme!.Name, x.s.Class.Title, x.s.Class.Number, x.s.Class.Year, x.s.Topic,
                x.o.ObserverName, x.o.ObservedOn, x.o.ContentScore, x.o.MethodScore, x.o.PracticeScore, x.o.ConductScore, x.o.Rating, x.o.Comments,
                x.o.MeetingDate, x.o.MeetingNote,
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ObservationLine(r.Id, r.SessionId, r.Date, ClassLabels.ClassName(r.ProgrammeName, r.Title, r.Number, r.Year), r.Topic,
            r.ObserverName, r.ObservedOn, [r.ContentScore, r.MethodScore, r.PracticeScore, r.ConductScore], r.Rating, r.Comments, r.MeetingDate, r.MeetingNote))];
    }
}
