using System.Globalization;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Programmes;

namespace DistrictTraining.Core.Certificates;

/// <summary>What a reader is told about a certificate: its stored status, or expired when its validity ran out.</summary>
public enum CertificateState
{
    Valid = 1,
    Superseded = 2,
    Revoked = 3,
    Expired = 4,

    /// <summary>Valid in the register, but what it rests on changed after issue (<see cref="CertificateBasis"/>): never shown as valid.</summary>
    UnderReview = 5,
}

/// <summary>Why a certificate is reissued; the reason is recorded on the new certificate.</summary>
public enum ReissueReasonKind
{
    Lost = 1,
    CentreError = 2,
    Other = 3,
}

/// <summary>A run of numbers taken from a register's counter: <see cref="Count"/> certificates from the first numbers on.</summary>
public readonly record struct NumberBlock(int Year, int FirstSerial, int FirstRegister, int Count)
{
    public int Serial(int index) => FirstSerial + index;

    public int Register(int index) => FirstRegister + index;
}

/// <summary>The rules of the certificate register, kept apart from the database so they are tested on their own.</summary>
public static class CertificateRules
{
    /// <summary>Certificates are issued within this many days of the completion decision; later only with a confirmed reason.</summary>
    public const int IssueWithinDays = 15;

    public const string DefaultSignerTitle = "Giám đốc";

    /// <summary>What must be confirmed, with a reason, when a certificate goes to a trainee whose date of birth is not recorded.</summary>
    public const string MissingBirthWarning = "Học viên chưa có ngày sinh trong hồ sơ: giấy chứng nhận in không có ngày sinh.";

    /// <summary>The Vietnamese calendar day of a UTC moment.</summary>
    public static DateOnly VietnamDate(DateTime utc) => VietnamTime.DateOfUtc(utc);

    /// <summary>The one place that decides how a số hiệu is written: "000123/2026".</summary>
    public static string SerialLabel(int year, int serial) =>
        string.Create(CultureInfo.InvariantCulture, $"{serial:D6}/{year}");

    /// <summary>The one place that decides how a số vào sổ is written: "123/2026".</summary>
    public static string RegisterLabel(int year, int register) =>
        string.Create(CultureInfo.InvariantCulture, $"{register}/{year}");

    /// <summary>
    /// Takes the next <paramref name="count"/> numbers of the register: both numbers continue from the
    /// last ones used, so they never repeat and leave no gap. The caller saves the counter in the same
    /// transaction as the certificates, under its concurrency token.
    /// </summary>
    public static NumberBlock Take(CertificateCounter counter, int count)
    {
        ArgumentNullException.ThrowIfNull(counter);
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "At least one number must be taken.");
        }

        var block = new NumberBlock(counter.Year, counter.LastSerialNumber + 1, counter.LastRegisterNumber + 1, count);
        counter.LastSerialNumber += count;
        counter.LastRegisterNumber += count;
        return block;
    }

    /// <summary>Whether a programme's certificate is issued by the centre (not none, not the provincial school's).</summary>
    public static bool CentreIssues(CertificateKind kind) =>
        kind is not (CertificateKind.None or CertificateKind.IssuedByProvincialSchool);

    /// <summary>Why certificates cannot be issued for a class now, or null when they can.</summary>
    public static string? IssueBlockedReason(CertificateKind kind, ClassStatus status, bool hasDecision)
    {
        if (kind == CertificateKind.None)
        {
            return "Chương trình này không cấp giấy chứng nhận.";
        }

        if (kind == CertificateKind.IssuedByProvincialSchool)
        {
            return "Văn bằng của chương trình này do Trường Chính trị tỉnh cấp, Trung tâm chỉ ghi nhận.";
        }

        if (status == ClassStatus.Cancelled)
        {
            return "Lớp đã hủy: không cấp giấy chứng nhận.";
        }

        return hasDecision ? null : "Lớp chưa có quyết định công nhận hoàn thành chương trình (số và ngày quyết định).";
    }

    /// <summary>Refuses an issue date before the decision or after today.</summary>
    public static void CheckIssueDate(DateOnly issueDate, DateOnly? decisionDate, DateOnly today)
    {
        if (decisionDate is { } decided && issueDate < decided)
        {
            throw new DomainException($"Ngày cấp không được trước ngày quyết định công nhận hoàn thành ({decided:dd/MM/yyyy}).");
        }

        if (issueDate > today)
        {
            throw new DomainException("Ngày cấp không được sau ngày hôm nay.");
        }
    }

    /// <summary>The last day of the issue window: the decision's date plus <see cref="IssueWithinDays"/> days (14/11 → 29/11).</summary>
    public static DateOnly IssueWindowEnd(DateOnly decisionDate) => decisionDate.AddDays(IssueWithinDays);

    /// <summary>Whether an issue date falls inside the window, from the decision's date to its last day.</summary>
    public static bool IsWithinIssueWindow(DateOnly issueDate, DateOnly decisionDate) =>
        issueDate >= decisionDate && issueDate <= IssueWindowEnd(decisionDate);

    /// <summary>
    /// The issue date a form starts with: today while the window is open, its last day once it has
    /// passed, the decision's date if that is still ahead; today for a class without a decision.
    /// </summary>
    public static DateOnly DefaultIssueDate(DateOnly? decisionDate, DateOnly today)
    {
        if (decisionDate is not { } decided)
        {
            return today;
        }

        var end = IssueWindowEnd(decided);
        return today < decided ? decided : today > end ? end : today;
    }

    /// <summary>What must be confirmed, with a reason, when certificates are issued after the window closed.</summary>
    public static string? LateIssueWarning(DateOnly issueDate, DateOnly? decisionDate)
    {
        if (decisionDate is not { } decided || issueDate <= IssueWindowEnd(decided))
        {
            return null;
        }

        var days = issueDate.DayNumber - decided.DayNumber;
        return $"Ngày cấp {issueDate:dd/MM/yyyy} cách ngày quyết định công nhận hoàn thành ({decided:dd/MM/yyyy}) {days} ngày, "
            + $"quá thời hạn {IssueWithinDays} ngày (hạn cuối {IssueWindowEnd(decided):dd/MM/yyyy}).";
    }

    /// <summary>The warnings that one certificate is issued under, in a fixed order; empty when it needs no confirmation.</summary>
    public static IReadOnlyList<string> IssueWarnings(DateOnly issueDate, DateOnly? decisionDate, bool hasBirth)
    {
        var warnings = new List<string>(2);
        if (LateIssueWarning(issueDate, decisionDate) is { } late)
        {
            warnings.Add(late);
        }

        if (!hasBirth)
        {
            warnings.Add(MissingBirthWarning);
        }

        return warnings;
    }

    /// <summary>
    /// The reason recorded with a confirmed issue: cleaned, required when there is anything to confirm,
    /// at most 500 characters; null when nothing needed confirming (a reason typed anyway is not kept).
    /// </summary>
    public static string? ConfirmationReason(bool needed, string? text)
    {
        if (!needed)
        {
            return null;
        }

        var reason = VietnameseText.Clean(text);
        if (reason.Length == 0)
        {
            throw new DomainException("Việc cấp này cần xác nhận: hãy đánh dấu xác nhận và ghi lý do (cấp quá thời hạn hoặc học viên chưa có ngày sinh).");
        }

        if (reason.Length > 500)
        {
            throw new DomainException("Lý do tối đa 500 ký tự.");
        }

        return reason;
    }

    /// <summary>The last day a certificate is valid (issue date + the programme's months); null = no expiry.</summary>
    public static DateOnly? ValidUntil(DateOnly issueDate, int? validityMonths) =>
        validityMonths is int months && months > 0 ? issueDate.AddMonths(months) : null;

    public static CertificateState StateOn(CertificateStatus status, DateOnly? validUntil, DateOnly day, bool basisStands = true) => status switch
    {
        CertificateStatus.Superseded => CertificateState.Superseded,
        CertificateStatus.Revoked => CertificateState.Revoked,
        _ when !basisStands => CertificateState.UnderReview,
        _ when validUntil is { } until && day > until => CertificateState.Expired,
        _ => CertificateState.Valid,
    };

    public static string StateName(CertificateState state) => state switch
    {
        CertificateState.Valid => "Có hiệu lực",
        CertificateState.Superseded => "Đã cấp lại",
        CertificateState.Revoked => "Đã thu hồi",
        CertificateState.Expired => "Hết hạn",
        CertificateState.UnderReview => "Đang xem xét lại (hồ sơ lớp đã được điều chỉnh sau khi cấp)",
        _ => state.ToString(),
    };

    /// <summary>The register's status cell: "Đã cấp lại (số mới 000124/2026)", "Đã thu hồi (lý do)", "Hết hạn (từ 02/03/2031)".</summary>
    public static string StateText(CertificateState state, string? replacedBySerial, string? revocationReason, DateOnly? validUntil) => state switch
    {
        CertificateState.Superseded when replacedBySerial is not null => $"Đã cấp lại (số mới {replacedBySerial})",
        CertificateState.Revoked when !string.IsNullOrWhiteSpace(revocationReason) => $"Đã thu hồi ({revocationReason})",
        CertificateState.Expired when validUntil is { } until => $"Hết hạn (từ {until.AddDays(1):dd/MM/yyyy})",
        _ => StateName(state),
    };

    public static string ReissueReasonName(ReissueReasonKind kind) => kind switch
    {
        ReissueReasonKind.Lost => "Mất",
        ReissueReasonKind.CentreError => "Sai sót của Trung tâm",
        _ => "Lý do khác",
    };

    /// <summary>The reason recorded on a reissued certificate: "Mất", "Sai sót của Trung tâm: ghi sai ngày sinh", or the text typed.</summary>
    public static string ReissueReason(ReissueReasonKind kind, string? detail)
    {
        var text = string.IsNullOrWhiteSpace(detail) ? null : VietnameseText.Clean(detail);
        return kind switch
        {
            ReissueReasonKind.Lost or ReissueReasonKind.CentreError =>
                text is null ? ReissueReasonName(kind) : $"{ReissueReasonName(kind)}: {text}",
            ReissueReasonKind.Other => text ?? throw new DomainException("Phải ghi rõ lý do cấp lại."),
            _ => throw new DomainException("Phải chọn lý do cấp lại."),
        };
    }

    /// <summary>The document's title: a diploma for the elementary programme, a certificate otherwise.</summary>
    public static string DocumentTitle(CertificateKind kind) => kind == CertificateKind.ElementaryDiploma
        ? "BẰNG TỐT NGHIỆP SƠ CẤP LÝ LUẬN CHÍNH TRỊ"
        : "GIẤY CHỨNG NHẬN";

    /// <summary>"Cát Hanh, ngày 05 tháng 03 năm 2026" (no place when the centre has none set).</summary>
    public static string PlaceAndDate(string? place, DateOnly date)
    {
        var day = string.Create(CultureInfo.InvariantCulture, $"ngày {date:dd} tháng {date:MM} năm {date:yyyy}");
        return string.IsNullOrWhiteSpace(place) ? char.ToUpperInvariant(day[0]) + day[1..] : $"{place.Trim()}, {day}";
    }
}
