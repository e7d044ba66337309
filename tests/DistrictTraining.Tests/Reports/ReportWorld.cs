using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Plans;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Core.Reports;
using DistrictTraining.Core.Trainees;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Reports;

/// <summary>
/// A small district whose right answers are worked out by hand in the tests:
/// <code>
/// Huyện Phù Cát
///  ├ Xã Cát Hanh  (X) ─┐ merged on 30/06/2025
///  ├ Xã Cát Lâm   (W) ─┴─▶ Xã Hội Sơn (Z, from 01/07/2025)
///  └ Xã Cát Tài   (Y)
///     └ Chi bộ thôn Phú Hiệp (P)
/// Xã Bình Nghi (Q), served by the other centre
///
/// Centre A, 2024 (trainees by the unit they were enrolled under):
///  C1 NTD 1/2024 04/03 finished   X×3 (one withdrawn), Y×2, P×1       → 5 active
///  C2 DVM 1/2024 09/09 open       X×1, W×2, Y×1                       → 4
///  C3 NTD 2/2024 06/05 cancelled  Y×4                                  → not held
///  C4 NTD 3/2024 04/11 planned    X×2                                  → not held
///  C5 NQ  1/2024 20/06 finished   (no unit)×1, Y×1                    → 2
///  C6 NTD 1/2025 04/08 finished   Z×3, Y×1                            → 2025
/// Centre B: CB NTD 1/2024 01/04 finished Q×5.
/// Plans 2024, centre A: NTD centre-wide 3 classes/12 trainees (and a Y line 1/5); DVM by unit only:
///  X 1/2, W 0/2. Centre B: NTD 1/5.
/// </code>
/// </summary>
internal sealed class ReportWorld
{
    public int CentreA { get; private set; }
    public int CentreB { get; private set; }
    public int Ntd { get; private set; }
    public int Dvm { get; private set; }
    public int Nq { get; private set; }
    public int District { get; private set; }
    public int X { get; private set; }
    public int W { get; private set; }
    public int Y { get; private set; }
    public int Z { get; private set; }
    public int P { get; private set; }
    public int Q { get; private set; }
    public int FullTime { get; private set; }
    public int PartTime { get; private set; }
    public int Idle { get; private set; }

    public IUserScope StaffA => new FixedUserScope(CentreA);

    public IUserScope StaffB => new FixedUserScope(CentreB);

    public IUserScope Official => new FixedUserScope(CentreA, CanEdit: false);

    public IUserScope LiaisonY => new FixedUserScope(CentreA, UnitId: Y, CanEdit: false);

    public IUserScope Province => new FixedUserScope(null, CanEdit: false, AllCentres: true);

    public static ReportService Reports(AppDbContext db, IUserScope scope) => new(db, scope, TimeProvider.System);

    public static async Task<ReportWorld> SeedAsync(TestDatabase database)
    {
        var w = new ReportWorld();
        await using var db = database.CreateContext();
        if (!await db.Programmes.AnyAsync())
        {
            db.Programmes.AddRange(ProgrammeCatalogue.Create()); // the portal seeds it at start-up; a bare database has none
        }

        var centreA = new TrainingCentre { Name = "Trung tâm Chính trị Phù Cát", ParentBodyName = "ĐẢNG BỘ HUYỆN PHÙ CÁT", PlaceName = "Phù Cát" };
        var centreB = new TrainingCentre { Name = "Trung tâm Chính trị Tây Sơn" };
        db.TrainingCentres.AddRange(centreA, centreB);
        var district = new OrganisationUnit { Name = "Huyện Phù Cát", Kind = UnitKind.District };
        var z = new OrganisationUnit { Name = "Xã Hội Sơn", Kind = UnitKind.Commune, Parent = district, ValidFrom = new DateOnly(2025, 7, 1) };
        var x = new OrganisationUnit { Name = "Xã Cát Hanh", Kind = UnitKind.Commune, Parent = district };
        var wu = new OrganisationUnit { Name = "Xã Cát Lâm", Kind = UnitKind.Commune, Parent = district };
        x.MergeInto(z, new DateOnly(2025, 6, 30));
        wu.MergeInto(z, new DateOnly(2025, 6, 30));
        var y = new OrganisationUnit { Name = "Xã Cát Tài", Kind = UnitKind.Commune, Parent = district };
        var p = new OrganisationUnit { Name = "Chi bộ thôn Phú Hiệp", Kind = UnitKind.PartyCell, Parent = y };
        var q = new OrganisationUnit { Name = "Xã Bình Nghi", Kind = UnitKind.Commune };
        db.OrganisationUnits.AddRange(district, z, x, wu, y, p, q);
        await db.SaveChangesAsync();
        (w.CentreA, w.CentreB, w.District, w.X, w.W, w.Y, w.Z, w.P, w.Q) = (centreA.Id, centreB.Id, district.Id, x.Id, wu.Id, y.Id, z.Id, p.Id, q.Id);

        db.CentreServedUnits.AddRange(
            new CentreServedUnit { CentreId = w.CentreA, UnitId = w.X, ServedTo = new DateOnly(2025, 6, 30) },
            new CentreServedUnit { CentreId = w.CentreA, UnitId = w.W, ServedTo = new DateOnly(2025, 6, 30) },
            new CentreServedUnit { CentreId = w.CentreA, UnitId = w.Y },
            new CentreServedUnit { CentreId = w.CentreA, UnitId = w.Z, ServedFrom = new DateOnly(2025, 7, 1) },
            new CentreServedUnit { CentreId = w.CentreB, UnitId = w.Q });
        var programmes = await db.Programmes.ToDictionaryAsync(pr => pr.Code, pr => pr.Id);
        (w.Ntd, w.Dvm, w.Nq) = (programmes["NTD"], programmes["DVM"], programmes["NQ"]);

        var fullTime = new Lecturer { CentreId = w.CentreA, FamilyName = "Trần", MiddleName = "Thị Thu", GivenName = "Hà", Kind = LecturerKind.FullTime, Position = "Phó Giám đốc" };
        var partTime = new Lecturer { CentreId = w.CentreA, FamilyName = "Lê", MiddleName = "Văn", GivenName = "Sơn", Kind = LecturerKind.PartTime };
        var idle = new Lecturer { CentreId = w.CentreA, FamilyName = "Nguyễn", MiddleName = "Văn", GivenName = "An", Kind = LecturerKind.FullTime };
        var retired = new Lecturer { CentreId = w.CentreA, FamilyName = "Phạm", MiddleName = "Văn", GivenName = "Bình", Kind = LecturerKind.FullTime, IsActive = false };
        var otherCentre = new Lecturer { CentreId = w.CentreB, FamilyName = "Võ", MiddleName = "Thị", GivenName = "Lan", Kind = LecturerKind.FullTime };
        db.Lecturers.AddRange(fullTime, partTime, idle, retired, otherCentre);
        await db.SaveChangesAsync();
        (w.FullTime, w.PartTime, w.Idle) = (fullTime.Id, partTime.Id, idle.Id);

        var c1 = Class(db, w.CentreA, w.Ntd, 2024, 1, new DateOnly(2024, 3, 4), ClassStatus.Finished);
        var c2 = Class(db, w.CentreA, w.Dvm, 2024, 1, new DateOnly(2024, 9, 9), ClassStatus.Open);
        var c3 = Class(db, w.CentreA, w.Ntd, 2024, 2, new DateOnly(2024, 5, 6), ClassStatus.Cancelled);
        var c4 = Class(db, w.CentreA, w.Ntd, 2024, 3, new DateOnly(2024, 11, 4), ClassStatus.Planned);
        var c5 = Class(db, w.CentreA, w.Nq, 2024, 1, new DateOnly(2024, 6, 20), ClassStatus.Finished);
        var c6 = Class(db, w.CentreA, w.Ntd, 2025, 1, new DateOnly(2025, 8, 4), ClassStatus.Finished);
        var cb = Class(db, w.CentreB, w.Ntd, 2024, 1, new DateOnly(2024, 4, 1), ClassStatus.Finished);
        await db.SaveChangesAsync();

        // C1: X×3 (the third withdrawn), Y×2, P×1, with results and certificates.
        var (xa, xb, xc) = (Enrol(db, c1, w.X, "Hạnh"), Enrol(db, c1, w.X, "Hải"), Enrol(db, c1, w.X, "Hòa"));
        var (ya, yb) = (Enrol(db, c1, w.Y, "Tâm"), Enrol(db, c1, w.Y, "Thảo"));
        Enrol(db, c1, w.P, "Phúc");
        xc.Withdraw("Chuyển công tác", DateTime.UtcNow);
        Result(db, xa, "Giỏi", true);
        Result(db, xb, "Khá", true);
        Result(db, xc, "Giỏi", true); // withdrawn: never counted
        Result(db, ya, "Khá", true);
        Result(db, yb, null, false);

        // C2: X×1, W×2, Y×1.
        var c2x = Enrol(db, c2, w.X, "Cường");
        var (c2wa, _) = (Enrol(db, c2, w.W, "Dũng"), Enrol(db, c2, w.W, "Giang"));
        Enrol(db, c2, w.Y, "Khánh");
        Result(db, c2x, "Xuất sắc", true);
        Result(db, c2wa, "Trung bình", true);

        // C3 cancelled, C4 planned: never counted.
        for (var i = 0; i < 4; i++)
        {
            var e = Enrol(db, c3, w.Y, "Hủy " + i);
            if (i == 0)
            {
                Result(db, e, "Giỏi", true);
            }
        }

        Enrol(db, c4, w.X, "Kế Hoạch Một");
        Enrol(db, c4, w.X, "Kế Hoạch Hai");

        // C5: one without a unit (completed, no grade: attendance only), one from Y without a result.
        Result(db, Enrol(db, c5, null, "Lan"), null, true);
        Enrol(db, c5, w.Y, "Long");

        // C6 (2025): Z×3, Y×1.
        Enrol(db, c6, w.Z, "Mai");
        Enrol(db, c6, w.Z, "Minh");
        Enrol(db, c6, w.Z, "Nam");
        Enrol(db, c6, w.Y, "Nga");

        // Centre B.
        var cbFirst = Enrol(db, cb, w.Q, "Quân 0");
        for (var i = 1; i < 5; i++)
        {
            Enrol(db, cb, w.Q, "Quân " + i);
        }

        await db.SaveChangesAsync();

        // Timetable: full-time 4+5 in C1, 5 in cancelled C3, 4 in planned C4, 4 in 2025's C6; part-time 4 in C1, 3 in C2.
        db.ClassSessions.AddRange(
            Session(c1, fullTime, new DateOnly(2024, 3, 4), 4),
            Session(c1, fullTime, new DateOnly(2024, 3, 5), 5),
            Session(c1, partTime, new DateOnly(2024, 3, 6), 4),
            Session(c2, partTime, new DateOnly(2024, 9, 9), 3),
            Session(c3, fullTime, new DateOnly(2024, 5, 6), 5),
            Session(c4, fullTime, new DateOnly(2024, 11, 4), 4),
            Session(c6, fullTime, new DateOnly(2025, 8, 4), 4),
            Session(cb, otherCentre, new DateOnly(2024, 4, 1), 5),
            Session(c1, null, new DateOnly(2024, 3, 7), 2));

        // Certificates of C1 in 2024: Hạnh valid; Hải issued, superseded and reissued; Tâm revoked. One of C2 in 2025.
        var hanh = Certificate(w.CentreA, xa, 1, new DateOnly(2024, 3, 20));
        var hai = Certificate(w.CentreA, xb, 2, new DateOnly(2024, 3, 20));
        var tam = Certificate(w.CentreA, ya, 3, new DateOnly(2024, 3, 20));
        db.Certificates.AddRange(hanh, hai, tam, Certificate(w.CentreA, c2x, 1, new DateOnly(2025, 1, 10)), Certificate(w.CentreB, cbFirst, 1, new DateOnly(2024, 4, 15)));
        await db.SaveChangesAsync();
        hai.MarkSuperseded(DateTime.UtcNow);
        tam.Revoke("Cấp nhầm", DateTime.UtcNow);
        var reissue = Certificate(w.CentreA, xb, 4, new DateOnly(2024, 5, 2));
        reissue.IssueSequence = 2;
        reissue.Replaces = hai;
        db.Certificates.Add(reissue);

        db.AnnualPlans.AddRange(
            new AnnualPlan { CentreId = w.CentreA, Year = 2024, ProgrammeId = w.Ntd, PlannedClasses = 3, PlannedTrainees = 12 },
            new AnnualPlan { CentreId = w.CentreA, Year = 2024, ProgrammeId = w.Ntd, UnitId = w.Y, PlannedClasses = 1, PlannedTrainees = 5 },
            new AnnualPlan { CentreId = w.CentreA, Year = 2024, ProgrammeId = w.Dvm, UnitId = w.X, PlannedClasses = 1, PlannedTrainees = 2 },
            new AnnualPlan { CentreId = w.CentreA, Year = 2024, ProgrammeId = w.Dvm, UnitId = w.W, PlannedClasses = 0, PlannedTrainees = 2 },
            new AnnualPlan { CentreId = w.CentreB, Year = 2024, ProgrammeId = w.Ntd, PlannedClasses = 1, PlannedTrainees = 5 });
        await db.SaveChangesAsync();
        return w;
    }

    private static TrainingClass Class(AppDbContext db, int centreId, int programmeId, int year, int number, DateOnly start, ClassStatus status)
    {
        var c = new TrainingClass { CentreId = centreId, ProgrammeId = programmeId, Year = year, Number = number, StartDate = start, EndDate = start.AddDays(4) };
        switch (status)
        {
            case ClassStatus.Open:
                c.MoveTo(ClassStatus.Open);
                break;
            case ClassStatus.Finished:
                c.MoveTo(ClassStatus.Open);
                c.MoveTo(ClassStatus.Finished);
                break;
            case ClassStatus.Cancelled:
                c.MoveTo(ClassStatus.Cancelled, "Không đủ học viên");
                break;
        }

        db.TrainingClasses.Add(c);
        return c;
    }

    private static Enrolment Enrol(AppDbContext db, TrainingClass c, int? unitId, string given)
    {
        var trainee = new Trainee { FamilyName = "Nguyễn", MiddleName = "Văn", GivenName = given, UnitId = unitId };
        var enrolment = new Enrolment { Class = c, Trainee = trainee, UnitId = unitId, EnrolledAt = DateTime.UtcNow };
        db.Enrolments.Add(enrolment);
        return enrolment;
    }

    private static void Result(AppDbContext db, Enrolment enrolment, string? grade, bool completed) =>
        db.AssessmentResults.Add(new AssessmentResult { Enrolment = enrolment, GradeName = grade, Completed = completed, Score = grade is null ? null : 7.5m });

    private static ClassSession Session(TrainingClass c, Lecturer? lecturer, DateOnly date, int periods) =>
        new() { Class = c, Lecturer = lecturer, Date = date, Part = DayPart.Morning, Topic = "Chuyên đề", Periods = periods };

    private static Certificate Certificate(int centreId, Enrolment enrolment, int number, DateOnly issued) => new()
    {
        CentreId = centreId, Enrolment = enrolment, Year = issued.Year, SerialNumber = number, RegisterNumber = number, IssueDate = issued,
        SignerName = "Nguyễn Văn Giám", VerificationCode = Guid.NewGuid().ToString("N"),
    };
}
