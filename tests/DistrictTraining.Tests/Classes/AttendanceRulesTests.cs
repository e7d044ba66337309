using DistrictTraining.Core.Classes;

namespace DistrictTraining.Tests.Classes;

public class AttendanceRulesTests
{
    private static AttendanceSummary Summary(int present, int excused, int absent, int unmarked, int periodsEach = 1, decimal threshold = 80m)
    {
        var cells = Enumerable.Repeat((periodsEach, (AttendanceStatus?)AttendanceStatus.Present), present)
            .Concat(Enumerable.Repeat((periodsEach, (AttendanceStatus?)AttendanceStatus.ExcusedAbsence), excused))
            .Concat(Enumerable.Repeat((periodsEach, (AttendanceStatus?)AttendanceStatus.Absent), absent))
            .Concat(Enumerable.Repeat((periodsEach, (AttendanceStatus?)null), unmarked));
        return AttendanceRules.Summarise(cells, threshold);
    }

    [Fact]
    public void Exactly_the_threshold_is_eligible()
    {
        var s = Summary(present: 8, excused: 0, absent: 2, unmarked: 0, periodsEach: 4);
        Assert.Equal(32, s.AttendedPeriods);
        Assert.Equal(40, s.TotalPeriods);
        Assert.True(s.IsEligible);
        Assert.Equal("80,0%", s.PercentText);
        Assert.Null(s.IneligibleReason);
    }

    [Fact]
    public void Just_below_the_threshold_is_not_eligible_and_does_not_display_as_80()
    {
        var s = Summary(present: 799, excused: 0, absent: 201, unmarked: 0);
        Assert.Equal(79.9m, s.Percent);
        Assert.False(s.IsEligible);
        Assert.Equal("Tham dự 799/1000 tiết (79,9%), dưới mức 80%", s.IneligibleReason);

        // 79.96% must not be shown rounded up to "80,0%" next to a refusal.
        var close = Summary(present: 7996, excused: 0, absent: 2004, unmarked: 0);
        Assert.False(close.IsEligible);
        Assert.Equal("79,96%", close.PercentText);
    }

    [Fact]
    public void Shares_are_rounded_half_up_to_one_decimal()
    {
        Assert.Equal("66,7%", Summary(present: 20, excused: 0, absent: 10, unmarked: 0, periodsEach: 1).PercentText); // 66,666…
        Assert.Equal("69,6%", Summary(present: 32, excused: 0, absent: 14, unmarked: 0, periodsEach: 1).PercentText); // 69,565…
        Assert.Equal("87,5%", Summary(present: 35, excused: 0, absent: 5, unmarked: 0, periodsEach: 1).PercentText);
        Assert.Equal("85,0%", AttendanceRules.FormatPercent(84.95m));
        Assert.Equal("80,0%", AttendanceRules.FormatPercent(79.96m)); // no threshold to contradict
    }

    [Fact]
    public void Excused_absences_and_unmarked_sessions_do_not_count_as_attended()
    {
        var s = Summary(present: 7, excused: 2, absent: 0, unmarked: 1, periodsEach: 4);
        Assert.Equal(28, s.AttendedPeriods);
        Assert.Equal(40, s.TotalPeriods);
        Assert.False(s.IsEligible);
        Assert.Equal("Tham dự 28/40 tiết (70,0%), dưới mức 80%", s.IneligibleReason);
    }

    [Fact]
    public void Sessions_of_different_lengths_are_weighed_by_their_periods()
    {
        var s = AttendanceRules.Summarise([(5, AttendanceStatus.Present), (3, AttendanceStatus.Absent), (12, AttendanceStatus.Present)], 80m);
        Assert.Equal(17, s.AttendedPeriods);
        Assert.Equal(20, s.TotalPeriods);
        Assert.Equal("85,0%", s.PercentText);
        Assert.True(s.IsEligible);
    }

    [Fact]
    public void A_configured_threshold_is_used_and_shown()
    {
        Assert.True(Summary(present: 33, excused: 0, absent: 7, unmarked: 0, threshold: 82.5m).IsEligible);
        var below = Summary(present: 32, excused: 0, absent: 8, unmarked: 0, threshold: 82.5m);
        Assert.False(below.IsEligible);
        Assert.Equal("Tham dự 32/40 tiết (80,0%), dưới mức 82,5%", below.IneligibleReason);
    }

    [Fact]
    public void A_class_without_sessions_makes_nobody_eligible()
    {
        var s = AttendanceRules.Summarise([], 80m);
        Assert.False(s.IsEligible);
        Assert.Equal("0,0%", s.PercentText);
        Assert.Equal("Lớp chưa có buổi học nào trong thời khóa biểu", s.IneligibleReason);
    }

    [Theory]
    [InlineData("C", AttendanceStatus.Present)]
    [InlineData("c", AttendanceStatus.Present)]
    [InlineData("1", AttendanceStatus.Present)]
    [InlineData(" p ", AttendanceStatus.ExcusedAbsence)]
    [InlineData("2", AttendanceStatus.ExcusedAbsence)]
    [InlineData("K", AttendanceStatus.Absent)]
    [InlineData("3", AttendanceStatus.Absent)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Marks_are_read_from_letters_or_digits(string? typed, AttendanceStatus? expected)
    {
        Assert.True(AttendanceRules.TryParseMark(typed, out var status));
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData("X")]
    [InlineData("4")]
    [InlineData("CP")]
    [InlineData("có")]
    public void Other_marks_are_refused(string typed) => Assert.False(AttendanceRules.TryParseMark(typed, out _));

    [Fact]
    public void Letters_round_trip()
    {
        foreach (var status in Enum.GetValues<AttendanceStatus>())
        {
            Assert.True(AttendanceRules.TryParseMark(AttendanceRules.Letter(status), out var back));
            Assert.Equal(status, back);
        }

        Assert.Equal("Vắng có phép", AttendanceRules.StatusName(AttendanceStatus.ExcusedAbsence));
    }

    /// <summary>Ten sessions of 4 periods (40), the first <paramref name="held"/> taken place; marks in timetable order.</summary>
    private static AttendanceForecast Forecast(int held, params AttendanceStatus?[] marks) =>
        AttendanceRules.Forecast(Enumerable.Range(0, 10).Select(i => (4, i < held, i < marks.Length ? marks[i] : null)), 80m);

    private const AttendanceStatus C = AttendanceStatus.Present;
    private const AttendanceStatus K = AttendanceStatus.Absent;
    private const AttendanceStatus P = AttendanceStatus.ExcusedAbsence;

    [Fact]
    public void Before_the_first_session_nobody_is_judged()
    {
        var f = Forecast(held: 0);
        Assert.Equal(AttendanceStanding.NotStarted, f.Standing);
        Assert.Equal("Chưa đến buổi học nào", f.Text);
        Assert.False(f.IsLost);
        Assert.Null(f.Detail);
    }

    [Fact]
    public void While_the_class_runs_a_trainee_who_can_still_reach_the_threshold_is_not_called_ineligible()
    {
        var onTrack = Forecast(3, C, C, C);
        Assert.Equal((AttendanceStanding.OnTrack, "Đang học", "Cần có mặt thêm 20/28 tiết còn lại"), (onTrack.Standing, onTrack.Text, onTrack.Detail));
        Assert.False(onTrack.IsLost);

        // Two absences (8 periods) leave exactly enough: 32 of 40 if present at every session left.
        var atRisk = Forecast(3, C, K, P);
        Assert.Equal(AttendanceStanding.AtRisk, atRisk.Standing);
        Assert.Equal("Đã vắng 8 tiết; cần có mặt thêm 28/28 tiết còn lại", atRisk.Detail);
        Assert.False(atRisk.IsLost);
    }

    [Fact]
    public void Before_the_final_session_a_trainee_who_cannot_reach_it_even_attending_everything_left_is_named()
    {
        var f = Forecast(3, K, K, K);
        Assert.Equal(AttendanceStanding.CannotReach, f.Standing);
        Assert.Equal("Không thể đạt điều kiện dự kiểm tra cuối khóa", f.Text);
        Assert.Equal("Dù có mặt cả 28 tiết còn lại cũng chỉ đạt 28/40 tiết, dưới mức 80%", f.Detail);
        Assert.True(f.IsLost);
    }

    [Fact]
    public void Once_every_session_has_taken_place_unmarked_cells_are_absences_and_the_verdict_is_final()
    {
        var f = Forecast(10, C, C, C, C, C, C, C);
        Assert.Equal(AttendanceStanding.NotEligible, f.Standing);
        Assert.Equal(AttendanceRules.NotEligibleText, f.Text);
        Assert.Equal("Tham dự 28/40 tiết (70,0%), dưới mức 80%", f.Detail);

        Assert.Equal(AttendanceStanding.Eligible, Forecast(10, C, C, C, C, C, C, C, C, K, K).Standing);
        Assert.Equal(AttendanceStanding.Eligible, Forecast(8, C, C, C, C, C, C, C, C).Standing);
    }
}
