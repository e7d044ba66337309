using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Certificates;

/// <summary>
/// What the public verification page may say about a certificate: the holder's name, the programme,
/// the class, the issuing centre, the number and issue date, and the status. Nothing else about the
/// person (no date of birth, no ID number, no unit) ever leaves this service.
/// </summary>
public sealed record VerificationResult(
    string FullName, string ProgrammeName, string ClassLabel, string CentreName, string SerialLabel, DateOnly IssueDate,
    CertificateState State, DateOnly? ValidUntil, string? ReplacedBySerial, DateOnly? StatusChangedOn)
{
    public string StateName => CertificateRules.StateName(State);
}

/// <summary>The public, anonymous look-up of a certificate by the code printed on it.</summary>
public sealed class CertificateVerificationService(AppDbContext db, TimeProvider clock)
{
    /// <summary>
    /// The certificate with this code, or null. A malformed code is normalised and looked up like any
    /// other, so it gets the same answer, after the same work, as a well-formed unknown one.
    /// </summary>
    public async Task<VerificationResult?> VerifyAsync(string? typedCode, CancellationToken cancellationToken = default)
    {
        var code = VerificationCode.Normalize(typedCode);
        var fallen = CertificateBasis.Fallen; // inlined by EF into the one query below
        var r = await db.Certificates.Where(c => c.VerificationCode == code)
            .Select(c => new
            {
                c.Enrolment!.Trainee!.FullName,
                ProgrammeName = c.Enrolment.Class!.Programme!.Name,
                c.Enrolment.Class.Number,
                ClassYear = c.Enrolment.Class.Year,
                CentreName = c.Enrolment.Class.Centre!.Name,
                c.Year,
                c.SerialNumber,
                c.IssueDate,
                c.Status,
                c.ValidUntil,
                c.StatusChangedAt,
                ReplacedByYear = db.Certificates.Where(n => n.ReplacesCertificateId == c.Id).Select(n => (int?)n.Year).FirstOrDefault(),
                ReplacedBySerial = db.Certificates.Where(n => n.ReplacesCertificateId == c.Id).Select(n => (int?)n.SerialNumber).FirstOrDefault(),
                BasisFallen = db.Certificates.Where(fallen).Any(f => f.Id == c.Id),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (r is null || !VerificationCode.IsWellFormed(code))
        {
            return null;
        }

        return new VerificationResult(
            r.FullName, r.ProgrammeName, CertificateService.Label(r.Number, r.ClassYear), r.CentreName,
            CertificateRules.SerialLabel(r.Year, r.SerialNumber), r.IssueDate,
            CertificateRules.StateOn(r.Status, r.ValidUntil, clock.VietnamToday(), basisStands: !r.BasisFallen), r.ValidUntil,
            r.ReplacedByYear is { } y && r.ReplacedBySerial is { } s ? CertificateRules.SerialLabel(y, s) : null,
            r.StatusChangedAt is { } at ? CertificateRules.VietnamDate(at) : null);
    }
}
