using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Certificates;

public enum CertificateStatus
{
    Valid = 1,
    Superseded = 2,
    Revoked = 3,
}

/// <summary>
/// An entry of the master register (sổ gốc): a certificate issued for one enrolment. Never deleted.
/// A reissue is a new certificate that links to the one it replaces; the old one becomes superseded.
/// </summary>
public class Certificate : IAudited
{
    public int Id { get; set; }

    public int CentreId { get; set; }

    public int EnrolmentId { get; set; }

    public Enrolment? Enrolment { get; set; }

    /// <summary>1 for the first issue of an enrolment, 2 for its first reissue… unique per enrolment.</summary>
    public int IssueSequence { get; set; } = 1;

    /// <summary>The register's year; numbers restart each year.</summary>
    public int Year { get; set; }

    /// <summary>Số hiệu: sequential per centre and year.</summary>
    public int SerialNumber { get; set; }

    /// <summary>Số vào sổ: sequential per centre and year.</summary>
    public int RegisterNumber { get; set; }

    public DateOnly IssueDate { get; set; }

    public string SignerName { get; set; } = string.Empty;

    public string? SignerTitle { get; set; }

    /// <summary>Copied from the result at issue, so the register stays as issued.</summary>
    public string? GradeName { get; set; }

    public DateOnly? ValidUntil { get; set; }

    /// <summary>The random, unguessable code printed on the certificate for public verification.</summary>
    public string VerificationCode { get; set; } = string.Empty;

    public CertificateStatus Status { get; private set; } = CertificateStatus.Valid;

    public int? ReplacesCertificateId { get; set; }

    public Certificate? Replaces { get; set; }

    public string? ReissueReason { get; set; }

    /// <summary>What the clerk confirmed when issuing against a rule (issued late, no date of birth), as shown to them; null for an ordinary issue.</summary>
    public string? ConfirmedWarning { get; set; }

    /// <summary>The reason the clerk recorded with that confirmation.</summary>
    public string? ConfirmationReason { get; set; }

    public string? RevocationReason { get; private set; }

    public DateTime? StatusChangedAt { get; private set; }

    public void MarkSuperseded(DateTime atUtc)
    {
        if (Status != CertificateStatus.Valid)
        {
            throw new DomainException("Chỉ cấp lại được giấy chứng nhận đang có hiệu lực.");
        }

        Status = CertificateStatus.Superseded;
        StatusChangedAt = atUtc;
    }

    public void Revoke(string reason, DateTime atUtc)
    {
        if (Status != CertificateStatus.Valid)
        {
            throw new DomainException("Chỉ thu hồi được giấy chứng nhận đang có hiệu lực.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Phải ghi lý do thu hồi.");
        }

        Status = CertificateStatus.Revoked;
        RevocationReason = reason.Trim();
        StatusChangedAt = atUtc;
    }

    public bool IsExpiredOn(DateOnly day) => ValidUntil is { } until && day > until;
}

/// <summary>The last numbers used in a centre's register for a year; updated under a concurrency check.</summary>
public class CertificateCounter : IVersioned
{
    public int CentreId { get; set; }

    public int Year { get; set; }

    public int LastSerialNumber { get; set; }

    public int LastRegisterNumber { get; set; }

    public Guid Version { get; set; }
}
