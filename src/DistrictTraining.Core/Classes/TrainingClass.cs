using DistrictTraining.Core.Common;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Programmes;

namespace DistrictTraining.Core.Classes;

public enum ClassStatus
{
    Planned = 1,
    Open = 2,
    Finished = 3,
    Cancelled = 4,

    /// <summary>The completion decision is recorded: what feeds the certificates is frozen (ClassLifecycle).</summary>
    Decided = 5,
}

public enum VenueKind
{
    Centre = 1,
    CommuneCluster = 2,
    FieldTrip = 3,
}

public enum FundingSource
{
    StateBudget = 1,
    Socialised = 2,
}

/// <summary>One run of a programme at a centre: "Lớp bồi dưỡng nhận thức về Đảng, lớp thứ 3/2023".</summary>
public class TrainingClass : IAudited, IVersioned
{
    public int Id { get; set; }

    public int CentreId { get; set; }

    public TrainingCentre? Centre { get; set; }

    public int ProgrammeId { get; set; }

    public Programme? Programme { get; set; }

    public int Year { get; set; }

    /// <summary>N in "lớp thứ N/YYYY": unique per centre, programme and year.</summary>
    public int Number { get; set; }

    public string? Title { get; set; }

    public VenueKind VenueKind { get; set; } = VenueKind.Centre;

    public string? VenueName { get; set; }

    /// <summary>The commune cluster or site unit where the class is held away from the centre.</summary>
    public int? VenueUnitId { get; set; }

    public DateOnly? StartDate { get; set; }

    public DateOnly? EndDate { get; set; }

    public ClassStatus Status { get; private set; } = ClassStatus.Planned;

    public FundingSource Funding { get; set; } = FundingSource.StateBudget;

    public string? Partner { get; set; }

    public int? HeadLecturerId { get; set; }

    public Lecturer? HeadLecturer { get; set; }

    public string? AcademicOfficerName { get; set; }

    // Set only through RecordDecision, which makes the class decided (ClassLifecycle).
    public string? CompletionDecisionNumber { get; private set; }

    public DateOnly? CompletionDecisionDate { get; private set; }

    public string? CompletionDecisionSigner { get; private set; }

    public string? CancellationReason { get; set; }

    public Guid Version { get; set; }

    public ICollection<ClassSession> Sessions { get; } = new List<ClassSession>();

    public ICollection<Enrolment> Enrolments { get; } = new List<Enrolment>();

    public ICollection<ClassAmendment> Amendments { get; } = new List<ClassAmendment>();

    /// <summary>"lớp thứ 3/2023".</summary>
    public string NumberLabel => $"lớp thứ {Number}/{Year}";

    public bool HasCompletionDecision => CompletionDecisionNumber is not null && CompletionDecisionDate is not null;

    /// <summary>
    /// Records (or, before any certificate, corrects) the completion decision; the class becomes decided
    /// and what feeds its certificates is frozen (<see cref="ClassLifecycle"/>).
    /// </summary>
    public void RecordDecision(string number, DateOnly date, string signer, bool hasValidCertificates)
    {
        if (ClassLifecycle.DecisionBlockedReason(Status, hasValidCertificates) is { } blocked)
        {
            throw new DomainException(blocked);
        }

        if (DecisionDateProblem(date) is { } problem)
        {
            throw new DomainException(problem);
        }

        CompletionDecisionNumber = number;
        CompletionDecisionDate = date;
        CompletionDecisionSigner = signer;
        Status = ClassStatus.Decided;
    }

    /// <summary>Takes a class through open and finished to decided in one step: for seeding past classes.</summary>
    public TrainingClass FinishAndDecide(string number, DateOnly date, string signer)
    {
        if (Status == ClassStatus.Planned)
        {
            MoveTo(ClassStatus.Open);
        }

        if (Status == ClassStatus.Open)
        {
            MoveTo(ClassStatus.Finished);
        }

        RecordDecision(number, date, signer, hasValidCertificates: false);
        return this;
    }

    /// <summary>Why a completion decision of <paramref name="date"/> cannot stand: it comes after the class ends.</summary>
    public string? DecisionDateProblem(DateOnly date) =>
        StartDate is { } start && date < start
            ? $"Ngày quyết định ({date:dd/MM/yyyy}) không được trước ngày khai giảng lớp ({start:dd/MM/yyyy})."
            : EndDate is { } end && date < end
                ? $"Ngày quyết định ({date:dd/MM/yyyy}) không được trước ngày bế giảng lớp ({end:dd/MM/yyyy})."
                : null;

    /// <summary>Opens a planned class when its first attendance is marked.</summary>
    public bool OpenWithFirstMark()
    {
        if (!ClassLifecycle.OpensWithFirstMark(Status))
        {
            return false;
        }

        Status = ClassStatus.Open;
        return true;
    }

    /// <summary>Moves the status along planned → open → finished, or to cancelled before finishing.</summary>
    public void MoveTo(ClassStatus next, string? reason = null)
    {
        if (!CanMove(Status, next))
        {
            throw new DomainException($"Không thể chuyển lớp từ trạng thái \"{StatusName(Status)}\" sang \"{StatusName(next)}\".");
        }

        if (next == ClassStatus.Cancelled)
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                throw new DomainException("Phải ghi lý do hủy lớp.");
            }

            CancellationReason = reason.Trim();
        }

        Status = next;
    }

    /// <summary>The one place that says which status moves are allowed; pages offer only these.</summary>
    public static bool CanMove(ClassStatus from, ClassStatus to) => (from, to) switch
    {
        (ClassStatus.Planned, ClassStatus.Open) => true,
        (ClassStatus.Open, ClassStatus.Finished) => true,
        (ClassStatus.Planned, ClassStatus.Cancelled) => true,
        (ClassStatus.Open, ClassStatus.Cancelled) => true,
        _ => false,
    };

    public static string StatusName(ClassStatus status) => status switch
    {
        ClassStatus.Planned => "Kế hoạch",
        ClassStatus.Open => "Đang học",
        ClassStatus.Finished => "Đã kết thúc",
        ClassStatus.Cancelled => "Đã hủy",
        ClassStatus.Decided => "Đã có quyết định công nhận",
        _ => status.ToString(),
    };
}
