using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Classes;

/// <summary>
/// A trainee's attendance over the class's sessions: periods attended out of all periods of the
/// timetable, and whether that reaches the programme's threshold to sit the final assessment.
/// </summary>
public sealed record AttendanceSummary(int AttendedPeriods, int TotalPeriods, decimal ThresholdPercent)
{
    /// <summary>Exact share in percent (not rounded).</summary>
    public decimal Percent => TotalPeriods == 0 ? 0m : AttendedPeriods * 100m / TotalPeriods;

    /// <summary>
    /// Compared without rounding (attended × 100 ≥ threshold × total), so 32/40 = 80% passes and 799/1000 =
    /// 79.9% does not. A class without sessions gives nobody the right to sit the assessment.
    /// </summary>
    public bool IsEligible => TotalPeriods > 0 && AttendedPeriods * 100m >= ThresholdPercent * TotalPeriods;

    /// <summary>"85,0%"; see <see cref="AttendanceRules.FormatPercent"/>.</summary>
    public string PercentText => AttendanceRules.FormatPercent(Percent, IsEligible ? null : ThresholdPercent);

    /// <summary>"Tham dự 28/40 tiết (70,0%), dưới mức 80%"; null when eligible.</summary>
    public string? IneligibleReason => IsEligible
        ? null
        : TotalPeriods == 0
            ? "Lớp chưa có buổi học nào trong thời khóa biểu"
            : $"Tham dự {AttendedPeriods}/{TotalPeriods} tiết ({PercentText}), dưới mức {AttendanceRules.FormatThreshold(ThresholdPercent)}";
}

/// <summary>The attendance rules, without a database: marks, their letters, and each trainee's total.</summary>
public static class AttendanceRules
{
    public const string NotEligibleText = "Không đủ điều kiện dự kiểm tra cuối khóa";

    /// <summary>
    /// Only periods marked present count as attended. An excused absence (vắng có phép) is still an absence:
    /// the domain rule is "attend at least 80% of the periods", with no exception for excused ones. An
    /// unmarked cell is not attendance either.
    /// </summary>
    public static AttendanceSummary Summarise(IEnumerable<(int Periods, AttendanceStatus? Status)> sessions, decimal thresholdPercent)
    {
        var attended = 0;
        var total = 0;
        foreach (var (periods, status) in sessions)
        {
            total += periods;
            if (status == AttendanceStatus.Present)
            {
                attended += periods;
            }
        }

        return new AttendanceSummary(attended, total, thresholdPercent);
    }

    /// <summary>
    /// One decimal, rounded half up, as everywhere else (20/30 is "66,7%"). Only when that rounding would
    /// reach a threshold the share is below (79,96% against 80%) a second decimal is shown, so the share
    /// never contradicts the refusal printed beside it.
    /// </summary>
    public static string FormatPercent(decimal percent, decimal? belowThreshold = null)
    {
        var shown = Math.Round(percent, 1, MidpointRounding.AwayFromZero);
        return belowThreshold is { } threshold && percent < threshold && shown >= threshold
            ? Math.Round(percent, 2, MidpointRounding.ToZero).ToString("0.00", VietnameseText.Culture) + "%"
            : shown.ToString("0.0", VietnameseText.Culture) + "%";
    }

    /// <summary>"80%", "82,5%".</summary>
    public static string FormatThreshold(decimal percent) => percent.ToString("0.##", VietnameseText.Culture) + "%";

    /// <summary>The letter typed in a cell: C (có mặt), P (vắng có phép), K (vắng không phép); empty when unmarked.</summary>
    public static string Letter(AttendanceStatus? status) => status switch
    {
        AttendanceStatus.Present => "C",
        AttendanceStatus.ExcusedAbsence => "P",
        AttendanceStatus.Absent => "K",
        _ => string.Empty,
    };

    public static string StatusName(AttendanceStatus? status) => status switch
    {
        AttendanceStatus.Present => "Có mặt",
        AttendanceStatus.ExcusedAbsence => "Vắng có phép",
        AttendanceStatus.Absent => "Vắng không phép",
        _ => "Chưa điểm danh",
    };

    /// <summary>Reads what was typed in a cell: C/P/K (either case) or 1/2/3; blank clears the cell.</summary>
    public static bool TryParseMark(string? text, out AttendanceStatus? status)
    {
        status = null;
        var t = (text ?? string.Empty).Trim();
        switch (t.ToUpperInvariant())
        {
            case "":
                return true;
            case "C" or "1":
                status = AttendanceStatus.Present;
                return true;
            case "P" or "2":
                status = AttendanceStatus.ExcusedAbsence;
                return true;
            case "K" or "3":
                status = AttendanceStatus.Absent;
                return true;
            default:
                return false;
        }
    }

    public static string PartName(DayPart part) => part switch
    {
        DayPart.Morning => "Sáng",
        DayPart.Afternoon => "Chiều",
        DayPart.Evening => "Tối",
        _ => part.ToString(),
    };
}
