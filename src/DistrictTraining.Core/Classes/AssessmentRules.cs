using System.Globalization;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Programmes;

namespace DistrictTraining.Core.Classes;

/// <summary>
/// What a trainee's result comes to. <see cref="Completed"/> is null while the outcome is not known yet
/// (eligible, but no score): the completion decision waits for every trainee to have one.
/// </summary>
public sealed record AssessmentOutcome(decimal? FinalScore, string? GradeName, bool? Completed, string? Reason)
{
    public bool IsPending => Completed is null;

    /// <summary>"Hoàn thành", "Không hoàn thành", "Chưa có kết quả".</summary>
    public string StatusText => Completed switch
    {
        true => "Hoàn thành",
        false => "Không hoàn thành",
        null => "Chưa có kết quả",
    };
}

/// <summary>
/// The assessment rules, without a database (Decision 1147-QĐ/BTGDVTW defaults, configurable per programme):
/// a score 0–10 with one decimal; one resit, only after a first score below the pass score; the final score
/// is the resit when there is one; the grade comes from the programme's bands; a trainee below the attendance
/// threshold cannot be scored and does not complete.
/// </summary>
public static class AssessmentRules
{
    public const string NoScoreReason = "Chưa có điểm";

    /// <summary>
    /// Reads a score typed or imported as "7,5" (Vietnamese) or "7.5", "7", "10". Parsed explicitly:
    /// under vi-VN, "7.5" would otherwise read as 75 ('.' groups thousands). Blank is no score.
    /// </summary>
    public static bool TryParseScore(string? text, out decimal? score)
    {
        score = null;
        var t = (text ?? string.Empty).Trim();
        if (t.Length == 0)
        {
            return true;
        }

        // One separator, and no "1.000" (a thousands group under vi-VN, not a score of one).
        var separator = t.IndexOfAny([',', '.']);
        if (separator >= 0 && (t.LastIndexOfAny([',', '.']) != separator || t.Length - separator - 1 > 2))
        {
            return false;
        }

        if (!decimal.TryParse(t.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || !AssessmentResult.IsValidScore(value))
        {
            return false;
        }

        score = decimal.Round(value, 1);
        return true;
    }

    /// <summary>"7,5"; empty for no score.</summary>
    public static string FormatScore(decimal? score) =>
        score is { } s ? s.ToString("0.0", VietnameseText.Culture) : string.Empty;

    public static string InvalidScoreMessage(string what, string typed) =>
        $"{what} \"{typed}\" không hợp lệ: nhập số từ 0 đến 10, tối đa một chữ số thập phân (ví dụ 7,5).";

    /// <summary>Why these scores cannot be recorded for this trainee, or null when they can.</summary>
    public static string? Refusal(Programme programme, AttendanceSummary attendance, decimal? score, decimal? resit)
    {
        if (score is null && resit is null)
        {
            return null;
        }

        if (programme.Assessment == AssessmentKind.AttendanceOnly)
        {
            return "Chương trình này chỉ xét hoàn thành theo chuyên cần, không chấm điểm.";
        }

        if (!attendance.IsEligible)
        {
            return $"{AttendanceRules.NotEligibleText} ({attendance.IneligibleReason}): không thể ghi điểm.";
        }

        if (score is { } s && !AssessmentResult.IsValidScore(s))
        {
            return InvalidScoreMessage("Điểm", FormatScore(s));
        }

        if (resit is { } r && !AssessmentResult.IsValidScore(r))
        {
            return InvalidScoreMessage("Điểm thi lại", FormatScore(r));
        }

        if (resit is not null && score is null)
        {
            return "Chỉ nhập điểm thi lại khi đã có điểm lần đầu.";
        }

        if (resit is not null && score >= programme.PassScore)
        {
            return $"Chỉ được thi lại khi điểm lần đầu dưới điểm đạt ({FormatScore(programme.PassScore)}); điểm lần đầu là {FormatScore(score)}.";
        }

        return null;
    }

    /// <summary>The outcome of a trainee's attendance and scores (scores are assumed to have passed <see cref="Refusal"/>).</summary>
    public static AssessmentOutcome Evaluate(Programme programme, AttendanceSummary attendance, decimal? score, decimal? resit)
    {
        if (!attendance.IsEligible)
        {
            return new AssessmentOutcome(null, null, false, $"{AttendanceRules.NotEligibleText}: {attendance.IneligibleReason}");
        }

        if (programme.Assessment == AssessmentKind.AttendanceOnly)
        {
            return new AssessmentOutcome(null, null, true, null);
        }

        if (score is not { } first)
        {
            return new AssessmentOutcome(null, null, null, NoScoreReason);
        }

        var final = resit ?? first;
        var grade = programme.GradeFor(final)?.Name;
        if (final >= programme.PassScore)
        {
            return new AssessmentOutcome(final, grade, true, null);
        }

        var reason = resit is null
            ? $"Điểm {FormatScore(first)} dưới điểm đạt {FormatScore(programme.PassScore)}"
            : $"Điểm thi lại {FormatScore(resit)} dưới điểm đạt {FormatScore(programme.PassScore)}";
        return new AssessmentOutcome(final, grade, false, reason);
    }

    /// <summary>Writes an outcome on the stored result.</summary>
    public static void Apply(AssessmentResult result, AssessmentOutcome outcome)
    {
        result.GradeName = outcome.GradeName;
        result.Completed = outcome.Completed;
        result.NotCompletedReason = outcome.Completed == true ? null : outcome.Reason;
    }
}
