using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Quality;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Lecturers;

/// <summary>Periods a lecturer taught in one year in one programme (sessions of classes not cancelled, by the session's date).</summary>
public sealed record TeachingYear(int Year, string ProgrammeName, int Classes, int Sessions, int Periods);

/// <summary>A class the lecturer taught in (or headed).</summary>
public sealed record TaughtClass(int ClassId, string ClassName, int Year, string Status, bool IsHead, int Sessions, int Periods);

/// <summary>The lecturer's page: teaching, classes, survey results and observations.</summary>
public sealed record LecturerProfile(
    int Id,
    string FullName,
    string KindName,
    string? Position,
    string? Workplace,
    bool IsActive,
    IReadOnlyList<TeachingYear> Teaching,
    IReadOnlyList<TaughtClass> Classes,
    SurveyResults Surveys,
    IReadOnlyList<ObservationLine> Observations,
    bool CanEdit);

/// <summary>
/// The page of one lecturer, printable: periods taught per year by programme, the classes, the trainees' survey
/// results and the class observations. Centre readers see their centre's lecturers, the provincial office every
/// centre's, a lecturer their own page; a unit liaison none.
/// </summary>
public sealed class LecturerProfileService(AppDbContext db, IUserScope scope, TimeProvider clock)
{
    public async Task<LecturerProfile?> ProfileAsync(int lecturerId, CancellationToken cancellationToken = default)
    {
        var query = db.Lecturers.AsNoTracking().Where(l => l.Id == lecturerId);
        if (scope.UnitId is not null)
        {
            return null;
        }

        if (scope.IsLecturer)
        {
            var userId = scope.UserId ?? "";
            query = query.Where(l => l.UserId == userId);
        }
        else if (!scope.AllCentres)
        {
            var centreId = scope.CentreId ?? -1;
            query = query.Where(l => l.CentreId == centreId);
        }

        var lecturer = await query.Select(l => new { l.Id, l.FullName, l.Kind, l.Position, l.Workplace, l.IsActive }).FirstOrDefaultAsync(cancellationToken);
        if (lecturer is null)
        {
            return null;
        }

        var sessions = db.ClassSessions.AsNoTracking().Where(s => s.LecturerId == lecturerId && s.Class!.Status != ClassStatus.Cancelled);
        var teaching = await sessions
            .GroupBy(s => new { s.Date.Year, s.Class!.Programme!.Name, s.Class.Programme.DisplayOrder })
            .Select(g => new { g.Key.Year, g.Key.Name, g.Key.DisplayOrder, Classes = g.Select(s => s.ClassId).Distinct().Count(), Sessions = g.Count(), Periods = g.Sum(s => s.Periods) })
            .ToListAsync(cancellationToken);
        var perClass = await sessions.GroupBy(s => s.ClassId)
            .Select(g => new { ClassId = g.Key, Sessions = g.Count(), Periods = g.Sum(s => s.Periods) })
            .ToListAsync(cancellationToken);
        var classIds = perClass.Select(c => c.ClassId).ToList();
        var classes = await db.TrainingClasses.AsNoTracking()
            .Where(c => classIds.Contains(c.Id) || c.HeadLecturerId == lecturerId)
            .Select(c => new { c.Id, ProgrammeName = c.Programme!.Name, c.Title, c.Number, c.Year, c.Status, c.StartDate, IsHead = c.HeadLecturerId == lecturerId })
            .ToListAsync(cancellationToken);

        var surveys = await new SurveyResultsService(db, scope).ResultsAsync(new SurveyResultFilter(LecturerId: lecturerId), cancellationToken);
        var observations = await new ObservationService(db, scope, clock).ForLecturerAsync(lecturerId, cancellationToken);
        return new LecturerProfile(
            lecturer.Id,
            lecturer.FullName,
            LecturerService.KindName(lecturer.Kind),
            lecturer.Position,
            lecturer.Workplace,
            lecturer.IsActive,
            [.. teaching.OrderByDescending(t => t.Year).ThenBy(t => t.DisplayOrder).Select(t => new TeachingYear(t.Year, t.Name, t.Classes, t.Sessions, t.Periods))],
            [.. classes.OrderByDescending(c => c.StartDate).ThenByDescending(c => c.Id).Select(c =>
            {
                var taught = perClass.FirstOrDefault(p => p.ClassId == c.Id);
                return new TaughtClass(c.Id, ClassLabels.ClassName(c.ProgrammeName, c.Title, c.Number, c.Year), c.Year, ClassLabels.StatusName(c.Status), c.IsHead,
                    taught?.Sessions ?? 0, taught?.Periods ?? 0);
            })],
            surveys,
            observations,
            scope.CanEdit && !scope.IsLecturer && scope.CentreId is not null);
    }
}
