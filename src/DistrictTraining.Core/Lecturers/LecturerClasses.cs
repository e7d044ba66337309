using System.Linq.Expressions;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Data;

namespace DistrictTraining.Core.Lecturers;

/// <summary>"The classes a lecturer account teaches": a session of theirs, or the class-head role. One place for every page that limits a lecturer to them.</summary>
public static class LecturerClasses
{
    public static Expression<Func<TrainingClass, bool>> TaughtBy(AppDbContext db, string userId) =>
        c => db.ClassSessions.Any(s => s.ClassId == c.Id && s.Lecturer!.UserId == userId)
            || (c.HeadLecturer != null && c.HeadLecturer.UserId == userId);
}
