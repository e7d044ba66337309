using System.Diagnostics;
using Bogus;
using DistrictTraining.Core.Certificates;
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
/// Classes that ended are decided, with attendance (a few absences), results and the certificates of
/// those who completed; classes running today are open with the attendance of the sessions held;
/// later classes are planned. Deterministic: the same seed and day give the same centre, except the
/// certificates' verification codes, which stay cryptographically random (ADR-007: never derivable).
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

    /// <summary>
    /// Seeds the centre in one transaction: a failure leaves nothing behind (not half a centre that the next start,
    /// seeing no class, would seed again beside). The trainees and the ~20,000 attendance marks go in multi-row
    /// statements (<see cref="BatchInserter"/>); the rest through the change tracker.
    /// </summary>
    public async Task SeedAsync(int seed, CancellationToken cancellationToken = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var inserter = new BatchInserter(db);
            await SeedInTransactionAsync(seed, inserter, cancellationToken);
            await inserter.WriteAuditAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    private async Task SeedInTransactionAsync(int seed, BatchInserter inserter, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
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

        await db.SaveChangesAsync(cancellationToken);
        await inserter.InsertAsync(trainees, cancellationToken);

        var programmes = await db.Programmes.Include(p => p.GradeBands).OrderBy(p => p.DisplayOrder).ToListAsync(cancellationToken);
        var seeded = new List<TrainingClass>();
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

        // Fifteen classes a year, spread over the months; and, whatever the day, one class running today and
        // two to come, so that a newcomer sees every stage. Numbered per programme and year in date order.
        var schedule = new List<(Programme Programme, DateOnly Start, int MinDays)>();
        Programme AnyProgramme() => programmes[random.WeightedRandom(programmeIndexes, programmeWeights)];
        for (var year = today.Year - 2; year <= today.Year; year++)
        {
            schedule.AddRange(Enumerable.Range(0, 15).Select(c => (AnyProgramme(), new DateOnly(year, 1 + (c * 11 / 15), random.Number(1, 20)), 1)));
        }

        schedule.Add((AnyProgramme(), today.AddDays(-1), 3));
        schedule.Add((AnyProgramme(), today.AddDays(random.Number(7, 20)), 1));
        schedule.Add((AnyProgramme(), today.AddDays(random.Number(25, 45)), 1));
        foreach (var (programme, start, minDays) in schedule.OrderBy(x => x.Start))
        {
            var year = start.Year;
            var key = (programme.Id, year);
            numbers[key] = numbers.GetValueOrDefault(key) + 1;
            var days = Math.Max(Math.Min(programme.TypicalDays ?? 3, 10), minDays);
            var end = start.AddDays(days - 1);
            var inCluster = random.Bool(0.3f);
            var units = start < reorganisation ? oldUnits.Values.ToList() : newUnits;
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
            seeded.Add(trainingClass);
            classes++;
        }

        await db.SaveChangesAsync(cancellationToken);
        var sortKeys = trainees.ToDictionary(t => t.Id, t => t.SortKey);
        var certificates = await SeedClassRecordsAsync(random, centre, programmes.ToDictionary(p => p.Id), seeded, sortKeys, today, inserter, cancellationToken);
        logger.LogInformation(
            "Seeded demo data in {Elapsed} ms: {Units} units, {Trainees} trainees, {Classes} classes, {Certificates} certificates",
            stopwatch.ElapsedMilliseconds, oldUnits.Count + newUnits.Count + 2, trainees.Count, classes, certificates);
    }

    /// <summary>
    /// What a newcomer should find in the classes, made through the same rules as the pages: attendance of every
    /// session held (most present, some absent a session or two, a few below the threshold); for a class that
    /// ended, results (<see cref="AssessmentRules"/>), the completion decision (<see cref="TrainingClass.RecordDecision"/>)
    /// and certificates for those who completed, numbered by the register's counter (<see cref="CertificateRules.Take"/>)
    /// in order of issue, so each year's numbers run from 1 without a gap. One save, then the marks in multi-row statements. Returns the certificates issued.
    /// </summary>
    private async Task<int> SeedClassRecordsAsync(
        Randomizer random, TrainingCentre centre, IReadOnlyDictionary<int, Programme> programmes, IReadOnlyList<TrainingClass> classes,
        IReadOnlyDictionary<int, string> sortKeys, DateOnly today, BatchInserter inserter, CancellationToken cancellationToken)
    {
        var signer = centre.DirectorName ?? "Nguyễn Văn Hùng";
        var decisionNumbers = new Dictionary<int, int>();
        var issues = new List<(TrainingClass Class, Programme Programme, DateOnly IssueDate, List<AssessmentResult> Completed)>();
        var marks = new List<AttendanceRecord>();
        foreach (var trainingClass in classes.OrderBy(c => c.StartDate).ThenBy(c => c.Id))
        {
            if (trainingClass.Status == ClassStatus.Planned)
            {
                continue;
            }

            var programme = programmes[trainingClass.ProgrammeId];
            var sessions = trainingClass.Sessions.OrderBy(s => s.Date).ThenBy(s => s.Part).ToList();
            var roster = trainingClass.Enrolments.OrderBy(e => sortKeys[e.TraineeId], StringComparer.Ordinal).ThenBy(e => e.TraineeId).ToList();
            var summaries = new Dictionary<int, AttendanceSummary>();
            foreach (var enrolment in roster)
            {
                // Most attend every session; one in eight misses one now and then; one in thirty misses about a third.
                var profile = random.Number(0, 99);
                var missRate = profile < 3 ? 0.35 : profile < 15 ? 0.07 : 0.0;
                var cells = new List<(int Periods, AttendanceStatus? Status)>(sessions.Count);
                foreach (var session in sessions)
                {
                    AttendanceStatus? status = null;
                    if (session.Date < today)
                    {
                        var absent = missRate > 0 && random.Double() < missRate;
                        var excused = absent && random.Bool(0.6f);
                        status = !absent ? AttendanceStatus.Present : excused ? AttendanceStatus.ExcusedAbsence : AttendanceStatus.Absent;
                        marks.Add(new AttendanceRecord
                        {
                            EnrolmentId = enrolment.Id, SessionId = session.Id, Status = status.Value,
                            Note = excused ? random.ArrayElement(["Ốm, có giấy xin phép", "Đi công tác", "Việc gia đình, có đơn"]) : null,
                            MarkedAt = session.Date.ToDateTime(new TimeOnly(session.Part == DayPart.Morning ? 4 : 9, 30), DateTimeKind.Utc),
                            MarkedBy = "giaovu",
                        });
                    }

                    cells.Add((session.Periods, status));
                }

                summaries[enrolment.Id] = AttendanceRules.Summarise(cells, programme.AttendanceThresholdPercent);
            }

            if (trainingClass.Status != ClassStatus.Finished)
            {
                continue; // running today: the attendance so far
            }

            var completed = new List<AssessmentResult>();
            foreach (var enrolment in roster)
            {
                var summary = summaries[enrolment.Id];
                decimal? score = null;
                decimal? resit = null;
                if (summary.IsEligible && programme.Assessment != AssessmentKind.AttendanceOnly)
                {
                    score = random.Number(42, 98) / 10m;
                    resit = score < programme.PassScore && random.Bool(0.8f) ? random.Number(50, 85) / 10m : null;
                }

                if (AssessmentRules.Refusal(programme, summary, score, resit) is { } refusal)
                {
                    throw new InvalidOperationException($"Demo results break a rule: {refusal}");
                }

                var result = new AssessmentResult { EnrolmentId = enrolment.Id, Score = score, ResitScore = resit };
                AssessmentRules.Apply(result, AssessmentRules.Evaluate(programme, summary, score, resit));
                db.AssessmentResults.Add(result);
                if (result.Completed == true)
                {
                    completed.Add(result);
                }
            }

            var end = trainingClass.EndDate!.Value;
            var decisionDate = Earlier(end.AddDays(random.Number(1, 4)), today);
            var number = decisionNumbers[decisionDate.Year] = decisionNumbers.GetValueOrDefault(decisionDate.Year) + 1;
            trainingClass.RecordDecision($"{number}-QĐ/TTCT", decisionDate, signer, hasValidCertificates: false);
            if (CertificateRules.CentreIssues(programme.Certificate) && completed.Count > 0)
            {
                var issueDate = Earlier(decisionDate.AddDays(random.Number(0, 5)), today);
                issues.Add((trainingClass, programme, issueDate, completed));
            }
        }

        // Numbers in order of issue, as the register would have given them.
        var counters = new Dictionary<int, CertificateCounter>();
        var issued = 0;
        foreach (var (trainingClass, programme, issueDate, completed) in issues.OrderBy(x => x.IssueDate).ThenBy(x => x.Class.StartDate).ThenBy(x => x.Class.Id))
        {
            if (!counters.TryGetValue(issueDate.Year, out var counter))
            {
                counter = new CertificateCounter { CentreId = centre.Id, Year = issueDate.Year };
                counters[issueDate.Year] = counter;
                db.CertificateCounters.Add(counter);
            }

            var numbers = CertificateRules.Take(counter, completed.Count);
            var validUntil = CertificateRules.ValidUntil(issueDate, programme.ValidityMonths);
            for (var k = 0; k < completed.Count; k++)
            {
                db.Certificates.Add(new Certificate
                {
                    CentreId = centre.Id, EnrolmentId = completed[k].EnrolmentId, IssueSequence = 1,
                    Year = numbers.Year, SerialNumber = numbers.Serial(k), RegisterNumber = numbers.Register(k),
                    IssueDate = issueDate, SignerName = signer, SignerTitle = CertificateRules.DefaultSignerTitle,
                    GradeName = completed[k].GradeName, ValidUntil = validUntil, VerificationCode = VerificationCode.New(),
                });
            }

            issued += completed.Count;
        }

        await db.SaveChangesAsync(cancellationToken);
        await inserter.InsertUnkeyedAsync(marks, cancellationToken);
        return issued;
    }

    private static DateOnly Earlier(DateOnly a, DateOnly b) => a < b ? a : b;

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
