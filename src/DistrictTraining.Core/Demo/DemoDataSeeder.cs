using Bogus;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DistrictTraining.Core.Demo;

/// <summary>
/// Fills an empty database with a believable centre (Database:SeedDemoData, off by default):
/// the old district and its communes, the communes merged on 1 July 2025, lecturers, three years of
/// classes with timetables, and about 2,000 trainees with Vietnamese names in Vietnamese order.
/// Deterministic: the same seed gives the same centre.
/// </summary>
public sealed class DemoDataSeeder(AppDbContext db, DatabaseOptions options, ILogger<DemoDataSeeder> logger, TimeProvider clock)
{
    private static readonly string[] FamilyNames =
        ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đoàn", "Lương", "Trương", "Tôn Nữ", "Âu"];

    private static readonly string[] MaleMiddle = ["Văn", "Đức", "Hữu", "Minh", "Quang", "Công", "Thanh", "Ngọc", "Xuân", "Đình", "Văn Minh", "Hoàng"];

    private static readonly string[] FemaleMiddle = ["Thị", "Thu", "Ngọc", "Thanh", "Thị Thu", "Mỹ", "Kim", "Hồng", "Thị Ánh", "Bích"];

    private static readonly string[] MaleGiven = ["An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Minh", "Nam", "Phong", "Phúc", "Quân", "Sơn", "Tài", "Thắng", "Toàn", "Trung", "Tuấn", "Việt", "Vinh", "Ân", "Ánh"];

    private static readonly string[] FemaleGiven = ["Anh", "Ánh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Liên", "Linh", "Mai", "My", "Nga", "Ngân", "Nhung", "Phương", "Thảo", "Trang", "Tuyết", "Uyên", "Vân", "Yến", "Ân"];

    private static readonly string[] OldCommunes =
        ["Cát Hanh", "Cát Hiệp", "Cát Tài", "Cát Minh", "Cát Khánh", "Cát Thành", "Cát Hải", "Cát Tiến", "Cát Trinh", "Cát Tường", "Cát Nhơn", "Cát Hưng", "Cát Lâm", "Cát Sơn", "Cát Thắng", "Cát Chánh"];

    // Each commune of 1 July 2025 and the old communes merged into it.
    private static readonly (string Name, string[] From)[] NewCommunes =
    [
        ("Hòa Hội", ["Cát Hanh", "Cát Hiệp"]),
        ("Phù Cát", ["Cát Tài", "Cát Minh", "Cát Trinh"]),
        ("Xuân An", ["Cát Khánh", "Cát Thành"]),
        ("Đề Gi", ["Cát Hải", "Cát Tiến"]),
        ("Ngô Mây", ["Cát Tường", "Cát Nhơn", "Cát Hưng"]),
        ("Hội Sơn", ["Cát Lâm", "Cát Sơn"]),
        ("Cát Thắng", ["Cát Thắng", "Cát Chánh"]),
    ];

    private static readonly string[] Topics =
    [
        "Chủ nghĩa Mác – Lênin, tư tưởng Hồ Chí Minh", "Đảng Cộng sản Việt Nam – lịch sử và truyền thống",
        "Điều lệ Đảng và nhiệm vụ của đảng viên", "Nghị quyết Đại hội Đảng các cấp", "Công tác xây dựng Đảng ở cơ sở",
        "Quốc phòng, an ninh và đối ngoại", "Phát triển kinh tế – xã hội địa phương", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    ];

    public async Task SeedIfEnabledAsync(CancellationToken cancellationToken = default)
    {
        if (!options.SeedDemoData || await db.TrainingClasses.AnyAsync(cancellationToken))
        {
            return;
        }

        await SeedAsync(seed: 2025, cancellationToken);
    }

    public async Task SeedAsync(int seed, CancellationToken cancellationToken = default)
    {
        var random = new Randomizer(seed);
        var today = clock.VietnamToday();
        var reorganisation = new DateOnly(2025, 7, 1);

        var province = new OrganisationUnit { Name = "Tỉnh Gia Lai", Kind = UnitKind.Province, Code = "52" };
        var district = new OrganisationUnit { Name = "Huyện Phù Cát", Kind = UnitKind.District, Parent = province, ValidTo = reorganisation.AddDays(-1) };
        var oldUnits = OldCommunes.ToDictionary(n => n, n => new OrganisationUnit
        {
            Name = "Xã " + n, Kind = UnitKind.Commune, Parent = district, ValidTo = reorganisation.AddDays(-1),
        });
        var newUnits = NewCommunes.Select(c => new OrganisationUnit
        {
            Name = "Xã " + c.Name, Kind = UnitKind.Commune, Parent = province, ValidFrom = reorganisation,
        }).ToList();
        for (var i = 0; i < NewCommunes.Length; i++)
        {
            foreach (var old in NewCommunes[i].From)
            {
                oldUnits[old].MergeInto(newUnits[i], reorganisation.AddDays(-1));
            }
        }

        db.OrganisationUnits.Add(province);
        db.OrganisationUnits.Add(district);
        db.OrganisationUnits.AddRange(oldUnits.Values);
        db.OrganisationUnits.AddRange(newUnits);

        var centre = await db.TrainingCentres.FirstOrDefaultAsync(cancellationToken);
        if (centre is null)
        {
            centre = new TrainingCentre { Name = "Trung tâm Chính trị khu vực Phù Cát" };
            db.TrainingCentres.Add(centre);
        }

        centre.HostUnit = newUnits[1];
        centre.ParentBodyName ??= "ĐẢNG ỦY XÃ PHÙ CÁT";
        centre.PlaceName ??= "Phù Cát";
        centre.DirectorName ??= "Nguyễn Văn Hùng";
        foreach (var unit in oldUnits.Values)
        {
            centre.ServedUnits.Add(new CentreServedUnit { Unit = unit, ServedTo = reorganisation.AddDays(-1) });
        }

        foreach (var unit in newUnits)
        {
            centre.ServedUnits.Add(new CentreServedUnit { Unit = unit, ServedFrom = reorganisation });
        }

        await db.SaveChangesAsync(cancellationToken);

        var lecturers = Enumerable.Range(0, 12).Select(i =>
        {
            var (family, middle, given, _) = Name(random);
            return new Lecturer
            {
                CentreId = centre.Id, FamilyName = family, MiddleName = middle, GivenName = given,
                Kind = i < 4 ? LecturerKind.FullTime : LecturerKind.PartTime,
                Position = i < 4 ? "Giảng viên chuyên trách" : random.ArrayElement(["Phó Bí thư Đảng ủy", "Trưởng Ban Tuyên giáo", "Chủ tịch UBMTTQ", "Chỉ huy trưởng Quân sự"]),
            };
        }).ToList();
        db.Lecturers.AddRange(lecturers);

        var trainees = Enumerable.Range(0, 2000).Select(_ => NewTrainee(random, today)).ToList();
        foreach (var trainee in trainees)
        {
            trainee.UnitId = random.ArrayElement(newUnits.ToArray()).Id; // where they belong today
        }

        db.Trainees.AddRange(trainees);
        await db.SaveChangesAsync(cancellationToken);

        var programmes = await db.Programmes.OrderBy(p => p.DisplayOrder).ToListAsync(cancellationToken);
        var numbers = new Dictionary<(int, int), int>();
        var pool = new Queue<Trainee>(random.Shuffle(trainees));
        var classes = 0;
        // Bogus' WeightedRandom wants weights that sum to 1.
        var programmeIndexes = Enumerable.Range(0, programmes.Count).ToArray();
        var rawWeights = programmes.Select(p => p.Kind switch
        {
            ProgrammeKind.PartyAwareness or ProgrammeKind.NewPartyMember => 5f,
            ProgrammeKind.IntermediateTheory => 0.3f,
            _ => 1f,
        }).ToArray();
        var programmeWeights = rawWeights.Select(w => w / rawWeights.Sum()).ToArray();
        for (var year = today.Year - 2; year <= today.Year; year++)
        {
            // Fifteen classes a year, spread over the months; numbered per programme in date order.
            var plannedStarts = Enumerable.Range(0, 15)
                .Select(c => (Programme: programmes[random.WeightedRandom(programmeIndexes, programmeWeights)], Start: new DateOnly(year, 1 + (c * 11 / 15), random.Number(1, 20))))
                .OrderBy(x => x.Start)
                .ToList();
            foreach (var (programme, start) in plannedStarts)
            {
                var key = (programme.Id, year);
                numbers[key] = numbers.GetValueOrDefault(key) + 1;
                var days = Math.Min(programme.TypicalDays ?? 3, 10);
                var end = start.AddDays(days - 1);
                var inCluster = random.Bool(0.3f);
                var units = year < 2025 || (year == 2025 && start < reorganisation) ? oldUnits.Values.ToList() : newUnits;
                var trainingClass = new TrainingClass
                {
                    CentreId = centre.Id, ProgrammeId = programme.Id, Year = year, Number = numbers[key],
                    StartDate = start, EndDate = end,
                    VenueKind = inCluster ? VenueKind.CommuneCluster : VenueKind.Centre,
                    VenueName = inCluster ? "Cụm xã " + random.ArrayElement(units.ToArray()).Name.Replace("Xã ", "", StringComparison.Ordinal) : centre.Name,
                    Funding = random.Bool(0.2f) ? FundingSource.Socialised : FundingSource.StateBudget,
                    Partner = programme.Kind switch
                    {
                        ProgrammeKind.DefenceSecurity => "Ban Chỉ huy Quân sự",
                        ProgrammeKind.IntermediateTheory => "Trường Chính trị tỉnh",
                        _ => null,
                    },
                    HeadLecturerId = lecturers[random.Number(0, 3)].Id,
                    AcademicOfficerName = "Trần Thị Thu Hà",
                };
                if (start <= today)
                {
                    trainingClass.MoveTo(ClassStatus.Open);
                }

                if (end < today)
                {
                    trainingClass.MoveTo(ClassStatus.Finished);
                }

                for (var d = 0; d < days; d++)
                {
                    foreach (var part in new[] { DayPart.Morning, DayPart.Afternoon })
                    {
                        trainingClass.Sessions.Add(new ClassSession
                        {
                            Date = start.AddDays(d), Part = part, Topic = random.ArrayElement(Topics),
                            LecturerId = random.ArrayElement(lecturers.ToArray()).Id, Periods = random.Bool(0.7f) ? 5 : 4,
                        });
                    }
                }

                var size = random.Number(30, 60);
                for (var t = 0; t < size; t++)
                {
                    if (pool.Count == 0)
                    {
                        pool = new Queue<Trainee>(random.Shuffle(trainees));
                    }

                    var trainee = pool.Dequeue();
                    if (trainingClass.Enrolments.Any(e => e.TraineeId == trainee.Id))
                    {
                        continue;
                    }

                    trainingClass.Enrolments.Add(new Enrolment
                    {
                        TraineeId = trainee.Id, UnitId = random.ArrayElement(units.ToArray()).Id,
                        EnrolledAt = start.AddDays(-7).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                        Role = t == 0 ? ClassRole.Monitor : t == 1 ? ClassRole.DeputyMonitor : ClassRole.Member,
                    });
                }

                db.TrainingClasses.Add(trainingClass);
                classes++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded demo data: {Units} units, {Trainees} trainees, {Classes} classes", oldUnits.Count + newUnits.Count + 2, trainees.Count, classes);
    }

    private static (string Family, string? Middle, string Given, Sex Sex) Name(Randomizer random)
    {
        var sex = random.Bool() ? Sex.Male : Sex.Female;
        var family = random.ArrayElement(FamilyNames);
        var middle = random.ArrayElement(sex == Sex.Male ? MaleMiddle : FemaleMiddle);
        var given = random.ArrayElement(sex == Sex.Male ? MaleGiven : FemaleGiven);
        return (family, middle, given, sex);
    }

    private static Trainee NewTrainee(Randomizer random, DateOnly today)
    {
        var (family, middle, given, sex) = Name(random);
        var birth = new DateOnly(random.Number(1965, 2004), random.Number(1, 12), random.Number(1, 28));
        var yearOnly = random.Bool(0.05f);
        var party = random.WeightedRandom([PartyStatus.NonMember, PartyStatus.Probationary, PartyStatus.FullMember], [0.35f, 0.15f, 0.5f]);
        var centuryCode = (birth.Year >= 2000 ? 2 : 0) + (sex == Sex.Female ? 1 : 0);
        return new Trainee
        {
            FamilyName = family, MiddleName = middle, GivenName = given, Sex = sex,
            Birth = yearOnly ? PartialDate.OfYear(birth.Year) : PartialDate.Full(birth),
            Cccd = random.Bool(0.85f) ? $"052{centuryCode}{birth.Year % 100:00}{random.Number(0, 999999):000000}" : null,
            Ethnicity = random.Bool(0.9f) ? "Kinh" : random.ArrayElement(["Bana", "Chăm", "Hrê"]),
            Religion = random.Bool(0.85f) ? "Không" : random.ArrayElement(["Phật giáo", "Công giáo"]),
            Education = "12/12",
            Qualification = random.ArrayElement(["Đại học", "Cao đẳng", "Trung cấp", null]),
            Position = random.ArrayElement(["Chi ủy viên", "Bí thư chi bộ", "Công chức văn hóa – xã hội", "Đoàn viên", "Hội viên Hội Nông dân", null]),
            PartyStatus = party,
            PartyJoinDate = party == PartyStatus.NonMember ? null : today.AddDays(-random.Number(100, 6000)),
            TheoryLevel = party == PartyStatus.FullMember ? random.ArrayElement([TheoryLevel.Elementary, TheoryLevel.Intermediate, TheoryLevel.None]) : TheoryLevel.None,
            CommitteeRole = party == PartyStatus.FullMember && random.Bool(0.08f) ? random.ArrayElement([CommitteeRole.CommitteeMember, CommitteeRole.Secretary]) : CommitteeRole.None,
        };
    }
}
