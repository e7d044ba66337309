using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Programmes;

public enum ProgrammeKind
{
    PartyAwareness = 1,
    NewPartyMember = 2,
    ElementaryTheory = 3,
    IntermediateTheory = 4,
    PartyWorkSkills = 5,
    DefenceSecurity = 6,
    ResolutionUpdate = 7,
    Other = 99,
}

public enum AssessmentKind
{
    FinalReflection = 1,
    TestsAndFinalExam = 2,
    AttendanceOnly = 3,
    ByProvincialSchool = 4,
}

public enum CertificateKind
{
    None = 0,
    Certificate = 1,
    ElementaryDiploma = 2,
    IssuedByProvincialSchool = 3,
}

/// <summary>A training programme of the catalogue, with the rules an administrator may change.</summary>
public class Programme : IAudited
{
    private readonly List<GradeBand> _gradeBands = [];

    public int Id { get; set; }

    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public ProgrammeKind Kind { get; set; }

    public string? TargetAudience { get; set; }

    public int? TypicalDays { get; set; }

    public int? TopicCount { get; set; }

    public AssessmentKind Assessment { get; set; }

    public CertificateKind Certificate { get; set; }

    /// <summary>Minimum share of periods attended to sit the final assessment, in percent (default 80).</summary>
    public decimal AttendanceThresholdPercent { get; set; } = 80m;

    /// <summary>Score from which the course is completed (default 5.0 on a 0–10 scale).</summary>
    public decimal PassScore { get; set; } = 5.0m;

    /// <summary>Months a certificate stays valid (60 for the awareness class in an admission dossier); null = no expiry.</summary>
    public int? ValidityMonths { get; set; }

    public bool IsActive { get; set; } = true;

    public int DisplayOrder { get; set; }

    public IReadOnlyCollection<GradeBand> GradeBands => _gradeBands.AsReadOnly();

    public void SetGradeBands(IEnumerable<GradeBand> bands)
    {
        var ordered = bands.OrderBy(b => b.MinScore).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].MinScore == ordered[i - 1].MinScore)
            {
                throw new DomainException("Hai xếp loại không được có cùng điểm tối thiểu.");
            }
        }

        if (ordered.Any(b => b.MinScore is < 0 or > 10))
        {
            throw new DomainException("Điểm tối thiểu của xếp loại phải từ 0 đến 10.");
        }

        _gradeBands.Clear();
        _gradeBands.AddRange(ordered);
    }

    /// <summary>The grade band a final score falls in, or null below the lowest band.</summary>
    public GradeBand? GradeFor(decimal score) =>
        _gradeBands.Where(b => score >= b.MinScore).MaxBy(b => b.MinScore);
}

/// <summary>A grade band: from <see cref="MinScore"/> up to the next band's minimum.</summary>
public class GradeBand : IAudited
{
    public int Id { get; set; }

    public int ProgrammeId { get; set; }

    public decimal MinScore { get; set; }

    public string Name { get; set; } = string.Empty;
}
