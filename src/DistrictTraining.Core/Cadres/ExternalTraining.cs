using DistrictTraining.Core.Common;
using DistrictTraining.Core.Trainees;

namespace DistrictTraining.Core.Cadres;

/// <summary>How a course of higher-level training ended (kết quả): still studying, completed, or not completed.</summary>
public enum TrainingOutcome
{
    Studying = 0,
    Completed = 1,
    NotCompleted = 2,
}

/// <summary>
/// A person sent to higher-level political-theory training elsewhere (cử đi học sơ cấp, trung cấp, cao cấp, cử nhân,
/// sau đại học): the institution, the dates, the sending decision and the outcome. A completed course raises the
/// person's political-theory level (<see cref="RecordOutcome"/>); it never lowers it.
/// </summary>
public class ExternalTraining : IAudited, IVersioned
{
    public int Id { get; set; }

    public int TraineeId { get; set; }

    public Trainee? Trainee { get; set; }

    public TheoryLevel Level { get; set; }

    public string Institution { get; set; } = string.Empty;

    /// <summary>The course's start; the cadre report counts a person sent in the period this date falls in.</summary>
    public DateOnly StartDate { get; set; }

    public DateOnly? EndDate { get; set; }

    /// <summary>The sending decision (quyết định cử đi học): number and symbol, e.g. "125-QĐ/HU".</summary>
    public string? DecisionNumber { get; set; }

    public DateOnly? DecisionDate { get; set; }

    public TrainingOutcome Outcome { get; private set; }

    public string? Note { get; set; }

    /// <summary>The centre that recorded it, for its report.</summary>
    public int? CentreId { get; set; }

    public Guid Version { get; set; }

    /// <summary>The levels a person can be sent to study.</summary>
    public static readonly IReadOnlyList<TheoryLevel> Levels =
        [TheoryLevel.Elementary, TheoryLevel.Intermediate, TheoryLevel.Advanced, TheoryLevel.Bachelor, TheoryLevel.Postgraduate];

    public static string OutcomeName(TrainingOutcome outcome) => outcome switch
    {
        TrainingOutcome.Studying => "Đang học",
        TrainingOutcome.Completed => "Hoàn thành",
        TrainingOutcome.NotCompleted => "Không hoàn thành",
        _ => outcome.ToString(),
    };

    /// <summary>
    /// Sets the outcome. "Completed" moves <paramref name="person"/>'s political-theory level up to this course's level
    /// when it is below it (the change goes through the audit trail with the save); a later change of outcome leaves the
    /// level as it is, because it may have been set by hand since. Returns whether the level moved.
    /// </summary>
    public bool RecordOutcome(TrainingOutcome outcome, Trainee person)
    {
        if (!Enum.IsDefined(outcome))
        {
            throw new DomainException("Kết quả học tập không hợp lệ.");
        }

        if (person.Id != TraineeId && TraineeId != 0)
        {
            throw new InvalidOperationException("The person is not the one sent to this course.");
        }

        if (outcome == TrainingOutcome.Completed && EndDate is null)
        {
            throw new DomainException("Khóa học đã hoàn thành cần có ngày kết thúc.");
        }

        Outcome = outcome;
        if (outcome == TrainingOutcome.Completed && person.TheoryLevel < Level)
        {
            person.TheoryLevel = Level;
            return true;
        }

        return false;
    }
}
