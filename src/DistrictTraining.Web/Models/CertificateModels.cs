using System.ComponentModel.DataAnnotations;
using DistrictTraining.Core.Certificates;

namespace DistrictTraining.Web.Models;

/// <summary>The issue form: the date and signer, then, on the confirm step, the numbers shown and the confirmation.</summary>
public sealed class IssueViewModel
{
    [Required, DataType(DataType.Date), Display(Name = "Ngày cấp")]
    public DateOnly? IssueDate { get; set; }

    [StringLength(100), Display(Name = "Người ký")]
    public string? SignerName { get; set; }

    [StringLength(100), Display(Name = "Chức vụ người ký")]
    public string? SignerTitle { get; set; }

    /// <summary>The numbers and trainees the confirm page showed (hidden fields).</summary>
    public int? ExpectedYear { get; set; }

    public int? ExpectedFirstSerial { get; set; }

    public int? ExpectedFirstRegister { get; set; }

    public List<int> EnrolmentIds { get; set; } = [];

    [Display(Name = "Tôi xác nhận cấp giấy chứng nhận trong các trường hợp nêu trên")]
    public bool Confirmed { get; set; }

    [StringLength(500), Display(Name = "Lý do")]
    public string? ConfirmationReason { get; set; }

    public IssueExpectation? Expectation() =>
        ExpectedYear is int year && ExpectedFirstSerial is int serial && ExpectedFirstRegister is int register
            ? new IssueExpectation(year, serial, register, EnrolmentIds)
            : null;
}

public sealed class ReissueViewModel
{
    [Required, Display(Name = "Lý do cấp lại")]
    public ReissueReasonKind? Kind { get; set; }

    [StringLength(400), Display(Name = "Ghi rõ")]
    public string? Detail { get; set; }

    [Required, DataType(DataType.Date), Display(Name = "Ngày cấp lại")]
    public DateOnly? IssueDate { get; set; }

    [StringLength(100), Display(Name = "Người ký")]
    public string? SignerName { get; set; }

    [StringLength(100), Display(Name = "Chức vụ người ký")]
    public string? SignerTitle { get; set; }
}

public sealed class RevokeViewModel
{
    [Required, StringLength(500), Display(Name = "Lý do thu hồi")]
    public string? Reason { get; set; }
}

public sealed class ClassCertificatesPageModel
{
    public required ClassCertificatesView View { get; init; }

    public required IssueViewModel Issue { get; init; }

    public bool CanEdit { get; init; }
}

/// <summary>The confirm step of an issue: what it will take, what must be confirmed, and the form that does it.</summary>
public sealed class ConfirmIssuePageModel
{
    public required ClassCertificateInfo Class { get; init; }

    public required IssuePreview Preview { get; init; }

    public required IssueViewModel Issue { get; init; }
}

public sealed class CertificateDetailsPageModel
{
    public required CertificateDetails Details { get; init; }

    public required ReissueViewModel Reissue { get; init; }

    public required RevokeViewModel Revoke { get; init; }

    public bool CanEdit { get; init; }

    public required string VerifyUrl { get; init; }

    /// <summary>Which of the two forms to open after a refused post ("reissue" or "revoke").</summary>
    public string? OpenForm { get; init; }
}

public sealed class RegisterPageModel
{
    public required RegisterPage Register { get; init; }

    public bool CanEdit { get; init; }

    /// <summary>The register's address with the current filters and another page, or another action (Export, PrintRegister).</summary>
    public required Func<string, int?, string> Url { get; init; }
}

public sealed record RegisterPrintModel(string CentreName, RegisterFilter Filter, IReadOnlyList<RegisterLine>? Lines, int Total, string ExportUrl);

public sealed record DecidedClassesModel(int Year, IReadOnlyList<DecidedClass> Classes, bool CanEdit);

/// <summary>One certificate on paper: what it says, and its verification link and QR code.</summary>
/// <param name="VerifyUrl">The verification address printed beside the QR code.</param>
/// <param name="QrContent">What the QR code holds: the address plus the signed payload (ADR-013).</param>
public sealed record CertificateSheet(PrintableCertificate Certificate, string VerifyUrl, string QrContent, string QrDataUri);

/// <summary>The public verification page: the register's live answer and, when the QR code carried one, the signed payload's check.</summary>
public sealed record VerifyShowModel(VerificationResult Result, SignatureCheck? Signature)
{
    /// <summary>A genuine payload of another certificate than the one with this code.</summary>
    public bool IsOtherCertificate => Signature is { IsGenuine: true, Claims: { } c } && c.Serial != Result.SerialLabel;
}

/// <param name="AddressWarnings">Why phones outside the office may not open the printed QR codes (no public address, a loopback or private one).</param>
public sealed record CertificatePrintModel(string Title, IReadOnlyList<CertificateSheet> Sheets, string BackUrl, IReadOnlyList<string> AddressWarnings);

public sealed class VerifyFormModel
{
    [Display(Name = "Mã tra cứu")]
    public string? Code { get; set; }
}

/// <summary>How a certificate's state looks on a page.</summary>
public static class CertificateDisplay
{
    public static string BadgeClass(CertificateState state) => state switch
    {
        CertificateState.Valid => "text-bg-success",
        CertificateState.Superseded => "text-bg-secondary",
        CertificateState.Revoked => "text-bg-danger",
        CertificateState.Expired => "text-bg-warning",
        _ => "text-bg-light",
    };

    public static IReadOnlyList<(CertificateState State, string Name)> States { get; } =
        [.. Enum.GetValues<CertificateState>().Select(s => (s, CertificateRules.StateName(s)))];

    public static IReadOnlyList<(ReissueReasonKind Kind, string Name)> ReissueReasons { get; } =
        [.. Enum.GetValues<ReissueReasonKind>().Select(k => (k, CertificateRules.ReissueReasonName(k)))];
}
