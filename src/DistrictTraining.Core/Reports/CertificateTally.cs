using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Classes;

namespace DistrictTraining.Core.Reports;

/// <summary>
/// How many certificates of a class were issued on one day in one register, in one status, as first
/// issues or reissues. Written only by a database trigger on Certificates (ADR-016), read by the grade
/// report: a province's year is about 1,500 of these rows instead of 75,000 certificates, each joined to
/// its enrolment for the class.
/// </summary>
public class CertificateTally
{
    /// <summary>The trigger on Certificates.</summary>
    public const string CertificatesTrigger = "TR_Certificates_CertificateTallies";

    public DateOnly IssueDate { get; set; }

    public int ClassId { get; set; }

    public TrainingClass? Class { get; set; }

    public int CentreId { get; set; }

    /// <summary>The register's year (<see cref="Certificate.Year"/>).</summary>
    public int Year { get; set; }

    public CertificateStatus Status { get; set; }

    /// <summary>Replaces an earlier certificate (<see cref="Certificate.ReplacesCertificateId"/> set).</summary>
    public bool Reissue { get; set; }

    /// <summary>Certificates in this row (rows left at zero are kept).</summary>
    public int Certificates { get; set; }
}
