using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Infrastructure;

/// <summary>Small builders for the records most tests need.</summary>
public static class TestData
{
    public static async Task<TrainingCentre> CentreAsync(AppDbContext db, string name = "Trung tâm Chính trị Thử nghiệm")
    {
        var centre = await db.TrainingCentres.FirstOrDefaultAsync(c => c.Name == name);
        if (centre is null)
        {
            centre = new TrainingCentre { Name = name };
            db.TrainingCentres.Add(centre);
            await db.SaveChangesAsync();
        }

        return centre;
    }

    public static async Task<Programme> ProgrammeAsync(AppDbContext db, string code = "NTD")
    {
        var programme = await db.Programmes.FirstOrDefaultAsync(p => p.Code == code);
        if (programme is null)
        {
            programme = ProgrammeCatalogue.Create().Single(p => p.Code == code);
            db.Programmes.Add(programme);
            await db.SaveChangesAsync();
        }

        return programme;
    }

    public static async Task<TrainingClass> ClassAsync(AppDbContext db, int? centreId = null, int year = 2026, int number = 1, string programmeCode = "NTD")
    {
        var centre = centreId ?? (await CentreAsync(db)).Id;
        var programme = await ProgrammeAsync(db, programmeCode);
        var trainingClass = new TrainingClass
        {
            CentreId = centre, ProgrammeId = programme.Id, Year = year, Number = number,
            StartDate = new DateOnly(year, 3, 2), EndDate = new DateOnly(year, 3, 6),
        };
        db.TrainingClasses.Add(trainingClass);
        await db.SaveChangesAsync();
        return trainingClass;
    }

    public static async Task<Trainee> TraineeAsync(AppDbContext db, string family, string middle, string given, string? cccd = null, int? unitId = null)
    {
        var trainee = new Trainee { FamilyName = family, MiddleName = middle, GivenName = given, Cccd = cccd, UnitId = unitId };
        db.Trainees.Add(trainee);
        await db.SaveChangesAsync();
        return trainee;
    }

    public static async Task<OrganisationUnit> UnitAsync(AppDbContext db, string name, UnitKind kind = UnitKind.Commune)
    {
        var unit = new OrganisationUnit { Name = name, Kind = kind };
        db.OrganisationUnits.Add(unit);
        await db.SaveChangesAsync();
        return unit;
    }
}
