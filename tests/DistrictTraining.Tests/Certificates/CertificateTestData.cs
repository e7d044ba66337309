using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Certificates;

/// <summary>
/// Classes as the attendance-and-results feature leaves them: results with completion and grade, and
/// the completion decision on the class, written straight through the DbContext.
/// </summary>
public static class CertificateTestData
{
    public static readonly DateOnly DecisionDate = new(2026, 3, 10);

    public static async Task<TrainingCentre> CentreAsync(AppDbContext db, string name = "Trung tâm Chính trị Thử nghiệm")
    {
        var centre = await TestData.CentreAsync(db, name);
        centre.DirectorName ??= "Nguyễn Văn Giám";
        centre.ParentBodyName ??= "ĐẢNG ỦY XÃ CÁT HANH";
        centre.PlaceName ??= "Cát Hanh";
        await db.SaveChangesAsync();
        return centre;
    }

    /// <summary>
    /// A class of the given programme with <paramref name="completed"/> trainees who completed (grade
    /// Khá) and <paramref name="notCompleted"/> who did not, and the completion decision when asked.
    /// Trainee names carry <paramref name="tag"/> so that several classes stay apart.
    /// </summary>
    public static async Task<TrainingClass> ClassAsync(
        AppDbContext db, int centreId, int completed, int notCompleted = 0, bool decided = true, int number = 1,
        string programmeCode = "NTD", string tag = "A", int year = 2026, DateOnly? decisionDate = null)
    {
        var trainingClass = await TestData.ClassAsync(db, centreId, year, number, programmeCode);
        if (decided)
        {
            trainingClass.FinishAndDecide($"{number}-QĐ/TTCT", decisionDate ?? DecisionDate, "Nguyễn Văn Giám");
        }

        for (var i = 0; i < completed + notCompleted; i++)
        {
            var done = i < completed;
            trainingClass.Enrolments.Add(new Enrolment
            {
                Trainee = new Core.Trainees.Trainee
                {
                    FamilyName = "Nguyễn", MiddleName = "Văn", GivenName = $"{tag}{i:D3}",
                    DateOfBirth = new DateOnly(1990, 1, 1).AddDays(i), Cccd = null,
                },
                EnrolledAt = DateTime.UtcNow,
                Result = new AssessmentResult
                {
                    Score = done ? 7.5m : 3.0m,
                    Completed = done,
                    GradeName = done ? "Khá" : null,
                    NotCompletedReason = done ? null : "Điểm dưới 5,0",
                },
            });
        }

        await db.SaveChangesAsync();
        return trainingClass;
    }

    public static async Task<int> CentreIdAsync(AppDbContext db) => (await db.TrainingCentres.FirstAsync()).Id;
}
