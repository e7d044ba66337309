using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Programmes;

namespace DistrictTraining.Tests.Classes;

public class AssessmentRulesTests
{
    private static readonly AttendanceSummary Eligible = new(40, 40, 80m);
    private static readonly AttendanceSummary NotEligible = new(28, 40, 80m);

    private static Programme Awareness() => ProgrammeCatalogue.Create().Single(p => p.Code == "NTD");

    [Theory]
    [InlineData("7,5", 7.5)]
    [InlineData("7.5", 7.5)]
    [InlineData(" 7 ", 7.0)]
    [InlineData("10", 10.0)]
    [InlineData("0", 0.0)]
    [InlineData("0,0", 0.0)]
    [InlineData("9,50", 9.5)]
    public void Scores_are_read_with_a_comma_or_a_point(string typed, double expected)
    {
        Assert.True(AssessmentRules.TryParseScore(typed, out var score));
        Assert.Equal((decimal)expected, score);
    }

    [Theory]
    [InlineData("7,55")]
    [InlineData("10,5")]
    [InlineData("11")]
    [InlineData("-1")]
    [InlineData("1.000")]
    [InlineData("7,5,1")]
    [InlineData("bảy")]
    [InlineData("75%")]
    public void Scores_outside_0_to_10_with_one_decimal_are_refused(string typed) =>
        Assert.False(AssessmentRules.TryParseScore(typed, out _));

    [Fact]
    public void A_blank_score_is_no_score_and_scores_are_shown_the_Vietnamese_way()
    {
        Assert.True(AssessmentRules.TryParseScore("  ", out var none));
        Assert.Null(none);
        Assert.Equal("7,5", AssessmentRules.FormatScore(7.5m));
        Assert.Equal("10,0", AssessmentRules.FormatScore(10m));
        Assert.Equal(string.Empty, AssessmentRules.FormatScore(null));
    }

    [Theory]
    [InlineData(4.9, null)]
    [InlineData(5.0, "Trung bình")]
    [InlineData(6.9, "Trung bình")]
    [InlineData(7.0, "Khá")]
    [InlineData(7.9, "Khá")]
    [InlineData(8.0, "Giỏi")]
    [InlineData(8.9, "Giỏi")]
    [InlineData(9.0, "Xuất sắc")]
    [InlineData(10.0, "Xuất sắc")]
    public void The_grade_comes_from_the_programme_bands_at_their_boundaries(double score, string? grade)
    {
        var outcome = AssessmentRules.Evaluate(Awareness(), Eligible, (decimal)score, null);
        Assert.Equal(grade, outcome.GradeName);
        Assert.Equal(score >= 5.0, outcome.Completed);
    }

    [Fact]
    public void Configured_bands_and_pass_score_are_used()
    {
        var programme = Awareness();
        programme.PassScore = 6.0m;
        programme.SetGradeBands([new GradeBand { MinScore = 6m, Name = "Đạt" }, new GradeBand { MinScore = 8.5m, Name = "Tốt" }]);
        Assert.Equal(new AssessmentOutcome(8.4m, "Đạt", true, null), AssessmentRules.Evaluate(programme, Eligible, 8.4m, null));
        Assert.Equal("Tốt", AssessmentRules.Evaluate(programme, Eligible, 8.5m, null).GradeName);
        var fail = AssessmentRules.Evaluate(programme, Eligible, 5.9m, null);
        Assert.False(fail.Completed);
        Assert.Equal("Điểm 5,9 dưới điểm đạt 6,0", fail.Reason);
    }

    [Fact]
    public void A_resit_is_only_allowed_after_a_first_score_below_the_pass_score()
    {
        var programme = Awareness();
        Assert.Null(AssessmentRules.Refusal(programme, Eligible, 4.9m, 6.0m));
        Assert.Equal("Chỉ được thi lại khi điểm lần đầu dưới điểm đạt (5,0); điểm lần đầu là 5,0.", AssessmentRules.Refusal(programme, Eligible, 5.0m, 6.0m));
        Assert.Equal("Chỉ nhập điểm thi lại khi đã có điểm lần đầu.", AssessmentRules.Refusal(programme, Eligible, null, 6.0m));
    }

    [Fact]
    public void The_final_score_is_the_resit_and_the_grade_follows_it()
    {
        var programme = Awareness();
        var failed = AssessmentRules.Evaluate(programme, Eligible, 4.0m, null);
        Assert.Equal(new AssessmentOutcome(4.0m, null, false, "Điểm 4,0 dưới điểm đạt 5,0"), failed);

        var passedAtResit = AssessmentRules.Evaluate(programme, Eligible, 4.0m, 7.5m);
        Assert.Equal(new AssessmentOutcome(7.5m, "Khá", true, null), passedAtResit);

        var failedResit = AssessmentRules.Evaluate(programme, Eligible, 4.0m, 4.5m);
        Assert.False(failedResit.Completed);
        Assert.Equal("Điểm thi lại 4,5 dưới điểm đạt 5,0", failedResit.Reason);
        Assert.Equal(4.5m, failedResit.FinalScore);
    }

    [Fact]
    public void A_trainee_below_the_attendance_threshold_cannot_be_scored_and_does_not_complete()
    {
        var programme = Awareness();
        Assert.Equal(
            "Không đủ điều kiện dự kiểm tra cuối khóa (Tham dự 28/40 tiết (70,0%), dưới mức 80%): không thể ghi điểm.",
            AssessmentRules.Refusal(programme, NotEligible, 8.0m, null));
        Assert.Null(AssessmentRules.Refusal(programme, NotEligible, null, null));

        var outcome = AssessmentRules.Evaluate(programme, NotEligible, null, null);
        Assert.False(outcome.Completed);
        Assert.False(outcome.IsPending);
        Assert.Equal("Không đủ điều kiện dự kiểm tra cuối khóa: Tham dự 28/40 tiết (70,0%), dưới mức 80%", outcome.Reason);
    }

    [Fact]
    public void An_eligible_trainee_without_a_score_has_no_outcome_yet()
    {
        var outcome = AssessmentRules.Evaluate(Awareness(), Eligible, null, null);
        Assert.True(outcome.IsPending);
        Assert.Equal("Chưa có điểm", outcome.Reason);
        Assert.Equal("Chưa có kết quả", outcome.StatusText);
    }

    [Fact]
    public void An_attendance_only_programme_completes_on_attendance_and_takes_no_score()
    {
        var programme = ProgrammeCatalogue.Create().Single(p => p.Code == "QPAN");
        Assert.Equal(new AssessmentOutcome(null, null, true, null), AssessmentRules.Evaluate(programme, Eligible, null, null));
        Assert.False(AssessmentRules.Evaluate(programme, NotEligible, null, null).Completed);
        Assert.NotNull(AssessmentRules.Refusal(programme, Eligible, 7m, null));
    }

    [Fact]
    public void Applying_an_outcome_stores_the_grade_and_the_reason_only_when_not_completed()
    {
        var result = new AssessmentResult { Score = 4m, ResitScore = 8m };
        AssessmentRules.Apply(result, AssessmentRules.Evaluate(Awareness(), Eligible, 4m, 8m));
        Assert.Equal("Giỏi", result.GradeName);
        Assert.True(result.Completed);
        Assert.Null(result.NotCompletedReason);

        AssessmentRules.Apply(result, AssessmentRules.Evaluate(Awareness(), NotEligible, 4m, 8m));
        Assert.False(result.Completed);
        Assert.StartsWith("Không đủ điều kiện", result.NotCompletedReason);
    }
}
