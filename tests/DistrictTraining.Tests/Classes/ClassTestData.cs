using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Core.Trainees;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Classes;

/// <summary>Two centres, the programme catalogue and a lecturer at each centre: the ground the class tests stand on.</summary>
internal sealed record ClassWorld(int CentreId, int OtherCentreId, int Awareness, int NewMember, int LecturerId, int OtherLecturerId)
{
    public static async Task<ClassWorld> SeedAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        db.Programmes.AddRange(ProgrammeCatalogue.Create());
        var centre = new TrainingCentre { Name = "Trung tâm Chính trị Phù Cát" };
        var other = new TrainingCentre { Name = "Trung tâm Chính trị Tây Sơn" };
        db.TrainingCentres.AddRange(centre, other);
        await db.SaveChangesAsync();

        var lecturer = new Lecturer { CentreId = centre.Id, FamilyName = "Trần", MiddleName = "Thị Thu", GivenName = "Hà", Kind = LecturerKind.FullTime };
        var otherLecturer = new Lecturer { CentreId = other.Id, FamilyName = "Lê", MiddleName = "Văn", GivenName = "Sơn", Kind = LecturerKind.FullTime };
        db.Lecturers.AddRange(lecturer, otherLecturer);
        await db.SaveChangesAsync();

        var programmes = await db.Programmes.OrderBy(p => p.DisplayOrder).Select(p => p.Id).ToListAsync();
        return new ClassWorld(centre.Id, other.Id, programmes[0], programmes[1], lecturer.Id, otherLecturer.Id);
    }

    public IUserScope Staff => new FixedUserScope(CentreId);

    public IUserScope OtherStaff => new FixedUserScope(OtherCentreId);

    public ClassService Classes(AppDbContext db, IUserScope? scope = null, TimeProvider? clock = null) => new(db, scope ?? Staff, clock ?? TimeProvider.System);

    public TimetableService Timetable(AppDbContext db, IUserScope? scope = null) => new(db, scope ?? Staff, TimeProvider.System);

    public ClassEdit NewClass(int number, int year = 2025, int? programmeId = null) => new()
    {
        ProgrammeId = programmeId ?? Awareness,
        Year = year,
        Number = number,
        VenueKind = VenueKind.Centre,
        StartDate = new DateOnly(year, 3, 10),
        EndDate = new DateOnly(year, 3, 14),
    };

    /// <summary>Adds <paramref name="count"/> trainees sent by <paramref name="unitId"/> to a class, all active.</summary>
    public static async Task EnrolAsync(AppDbContext db, int classId, int count, int? unitId = null)
    {
        for (var i = 0; i < count; i++)
        {
            var trainee = new Trainee { FamilyName = "Nguyễn", MiddleName = "Văn", GivenName = "Học Viên " + i, UnitId = unitId };
            db.Trainees.Add(trainee);
            db.Enrolments.Add(new Enrolment { ClassId = classId, Trainee = trainee, UnitId = unitId, EnrolledAt = DateTime.UtcNow });
        }

        await db.SaveChangesAsync();
    }
}
