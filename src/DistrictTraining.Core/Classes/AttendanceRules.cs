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

/// <summary>Where a trainee stands against the threshold while the class runs (see <see cref="AttendanceRules.Forecast"/>).</summary>
public enum AttendanceStanding
{
    /// <summary>No session has taken place yet: nothing to judge.</summary>
    NotStarted,

    /// <summary>Already attended enough periods.</summary>
    Eligible,

    /// <summary>Not there yet, never absent, and the sessions left are enough.</summary>
    OnTrack,

    /// <summary>Absent at least once, but attending the sessions left can still reach the threshold.</summary>
    AtRisk,

    /// <summary>Before the final session, yet even attending every session left cannot reach the threshold.</summary>
    CannotReach,

    /// <summary>Every session has taken place and the threshold is not reached (the final verdict).</summary>
    NotEligible,
}

/// <summary>
/// A trainee's standing with what it rests on: <see cref="NeededPeriods"/> more periods present are needed out of the
/// <see cref="OpenPeriods"/> not marked yet; <see cref="MissedPeriods"/> are marked absent (excused or not).
/// </summary>
public sealed record AttendanceForecast(AttendanceStanding Standing, AttendanceSummary Summary, int NeededPeriods, int OpenPeriods, int MissedPeriods)
{
    /// <summary>Said in the grid's last column.</summary>
    public string Text => Standing switch
    {
        AttendanceStanding.NotStarted => AttendanceRules.NotStartedText,
        AttendanceStanding.Eligible => "Đủ điều kiện",
        AttendanceStanding.OnTrack => "Đang học",
        AttendanceStanding.AtRisk => "Có nguy cơ không đủ điều kiện",
        AttendanceStanding.CannotReach => AttendanceRules.CannotReachText,
        _ => AttendanceRules.NotEligibleText,
    };

    /// <summary>The line under <see cref="Text"/>, or null.</summary>
    public string? Detail => Standing switch
    {
        AttendanceStanding.OnTrack or AttendanceStanding.AtRisk =>
            (MissedPeriods > 0 ? $"Đã vắng {MissedPeriods} tiết; c" : "C") + $"ần có mặt thêm {NeededPeriods}/{OpenPeriods} tiết còn lại",
        AttendanceStanding.CannotReach =>
            $"Dù có mặt cả {OpenPeriods} tiết còn lại cũng chỉ đạt {Summary.AttendedPeriods + OpenPeriods}/{Summary.TotalPeriods} tiết, dưới mức {AttendanceRules.FormatThreshold(Summary.ThresholdPercent)}",
        AttendanceStanding.NotEligible => Summary.IneligibleReason,
        _ => null,
    };

    /// <summary>Named as failing the threshold: for sure (every session held) or already out of reach.</summary>
    public bool IsLost => Standing is AttendanceStanding.CannotReach or AttendanceStanding.NotEligible;
}

/// <summary>The attendance rules, without a database: marks, their letters, and each trainee's total.</summary>
public static class AttendanceRules
{
    public const string NotEligibleText = "Không đủ điều kiện dự kiểm tra cuối khóa";

    public const string NotStartedText = "Chưa đến buổi học nào";

    public const string CannotReachText = "Không thể đạt điều kiện dự kiểm tra cuối khóa";

    /// <summary>
    /// The standing of a trainee while the class runs, by Vietnam's today (<c>HasTakenPlace</c> per session).
    /// Nobody is judged before the first session; once every session has taken place the rule of
    /// <see cref="Summarise"/> decides (an unmarked cell is an absence). In between, cells not marked yet may
    /// still become present, so a trainee is named "không thể đạt" only when even attending all of them
    /// cannot reach the threshold.
    /// </summary>
    public static AttendanceForecast Forecast(IEnumerable<(int Periods, bool HasTakenPlace, AttendanceStatus? Status)> sessions, decimal thresholdPercent)
    {
        int total = 0, attended = 0, missed = 0;
        bool anyHeld = false, allHeld = true;
        foreach (var (periods, hasTakenPlace, status) in sessions)
        {
            total += periods;
            attended += status == AttendanceStatus.Present ? periods : 0;
            missed += status is AttendanceStatus.Absent or AttendanceStatus.ExcusedAbsence ? periods : 0;
            anyHeld |= hasTakenPlace;
            allHeld &= hasTakenPlace;
        }

        return Forecast(attended, missed, total, anyHeld, allHeld, thresholdPercent);
    }

    /// <summary>
    /// The same standing from totals: periods attended and missed (absent, excused or not) of
    /// <paramref name="totalPeriods"/>, the rest not marked yet; whether any and whether all sessions have taken
    /// place. For a big class, whose totals the database sums per trainee.
    /// </summary>
    public static AttendanceForecast Forecast(int attendedPeriods, int missedPeriods, int totalPeriods, bool anyHeld, bool allHeld, decimal thresholdPercent)
    {
        var summary = new AttendanceSummary(attendedPeriods, totalPeriods, thresholdPercent);
        var open = totalPeriods - attendedPeriods - missedPeriods;
        var needed = Math.Max(0, (int)Math.Ceiling(thresholdPercent * summary.TotalPeriods / 100m) - summary.AttendedPeriods);
        var standing =
            summary.IsEligible ? AttendanceStanding.Eligible
            : summary.TotalPeriods == 0 || !anyHeld ? AttendanceStanding.NotStarted
            : allHeld ? AttendanceStanding.NotEligible
            : needed > open ? AttendanceStanding.CannotReach
            : missedPeriods > 0 ? AttendanceStanding.AtRisk
            : AttendanceStanding.OnTrack;
        return new AttendanceForecast(standing, summary, needed, open, missedPeriods);
    }

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
