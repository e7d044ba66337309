using System.Linq.Expressions;
using DistrictTraining.Core.Classes;

namespace DistrictTraining.Core.Certificates;

/// <summary>
/// Whether what a valid certificate rests on still stands: its enrolment is on the roster and its result is
/// "completed". A certificate whose basis fell (an amendment withdrew the trainee or changed the outcome) is
/// flagged for revocation or reissue on the class and register pages and is never called valid in public.
/// Derived from the records each time, so it can never go stale.
/// </summary>
public static class CertificateBasis
{
    public static readonly Expression<Func<Certificate, bool>> Fallen =
        c => c.Status == CertificateStatus.Valid
            && (c.Enrolment!.Status != EnrolmentStatus.Active || c.Enrolment.Result == null || c.Enrolment.Result.Completed != true);

    /// <summary>Why the basis fell, for the pages that flag it.</summary>
    public static string Why(EnrolmentStatus enrolment, bool? completed, string? notCompletedReason) =>
        enrolment != EnrolmentStatus.Active
            ? "học viên đã rút khỏi danh sách lớp"
            : completed == true
                ? "kết quả vẫn hoàn thành"
                : "kết quả không còn là hoàn thành" + (string.IsNullOrWhiteSpace(notCompletedReason) ? "" : $" ({notCompletedReason})");
}
