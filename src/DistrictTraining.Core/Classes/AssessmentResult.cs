using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Classes;

/// <summary>The final assessment of one enrolment: score, one resit, grade and completion.</summary>
public class AssessmentResult : IAudited, IVersioned
{
    public int Id { get; set; }

    public int EnrolmentId { get; set; }

    public Enrolment? Enrolment { get; set; }

    /// <summary>0–10, one decimal.</summary>
    public decimal? Score { get; set; }

    public decimal? ResitScore { get; set; }

    public string? GradeName { get; set; }

    public bool? Completed { get; set; }

    public string? NotCompletedReason { get; set; }

    public Guid Version { get; set; }

    public static bool IsValidScore(decimal score) => score is >= 0m and <= 10m && decimal.Round(score, 1) == score;
}
