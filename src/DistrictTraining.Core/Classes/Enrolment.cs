using DistrictTraining.Core.Common;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Trainees;

namespace DistrictTraining.Core.Classes;

public enum ClassRole
{
    Member = 0,
    Monitor = 1,
    DeputyMonitor = 2,
}

public enum EnrolmentStatus
{
    Active = 1,
    Withdrawn = 2,
}

/// <summary>
/// A line of a class roster: one trainee in one class. Never deleted: a trainee taken off the roster
/// is withdrawn with a reason, so the certificate register and reports keep their history.
/// </summary>
public class Enrolment : IAudited, IVersioned
{
    public int Id { get; set; }

    public int ClassId { get; set; }

    public TrainingClass? Class { get; set; }

    public int TraineeId { get; set; }

    public Trainee? Trainee { get; set; }

    /// <summary>The unit the trainee was sent by, as it was when enrolled: reports by unit use it.</summary>
    public int? UnitId { get; set; }

    public OrganisationUnit? Unit { get; set; }

    public ClassRole Role { get; set; }

    public EnrolmentStatus Status { get; private set; } = EnrolmentStatus.Active;

    public string? WithdrawalReason { get; private set; }

    public DateTime? WithdrawnAt { get; private set; }

    public DateTime EnrolledAt { get; set; }

    public Guid Version { get; set; }

    public AssessmentResult? Result { get; set; }

    public ICollection<AttendanceRecord> Attendance { get; } = new List<AttendanceRecord>();

    public void Withdraw(string reason, DateTime atUtc)
    {
        if (Status == EnrolmentStatus.Withdrawn)
        {
            throw new DomainException("Học viên này đã được rút khỏi danh sách lớp.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Phải ghi lý do khi rút học viên khỏi danh sách lớp.");
        }

        Status = EnrolmentStatus.Withdrawn;
        WithdrawalReason = reason.Trim();
        WithdrawnAt = atUtc;
        Role = ClassRole.Member;
    }

    public void Reinstate()
    {
        Status = EnrolmentStatus.Active;
        WithdrawalReason = null;
        WithdrawnAt = null;
    }
}
