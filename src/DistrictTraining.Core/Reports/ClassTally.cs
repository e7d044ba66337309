using DistrictTraining.Core.Classes;

namespace DistrictTraining.Core.Reports;

/// <summary>
/// How many active enrolments of a class are in one result state: no result yet, or a result with a
/// given completion and grade. Written only by database triggers on Enrolments and AssessmentResults
/// (ADR-016, <c>Data/Migrations/ReportTallySql.cs</c>), read by the reports: a province's year is about
/// 5,600 of these rows instead of 100,000 enrolments and their results.
/// </summary>
public class ClassTally
{
    /// <summary>No result recorded.</summary>
    public const int NoResult = 0;

    /// <summary>A result whose completion is not decided yet.</summary>
    public const int CompletionOpen = 1;

    public const int NotCompleted = 2;

    public const int Completed = 3;

    /// <summary>The trigger on Enrolments (on SQLite, the prefix of its three triggers).</summary>
    public const string EnrolmentsTrigger = "TR_Enrolments_ClassTallies";

    /// <summary>The trigger on AssessmentResults (on SQLite, the prefix of its three triggers).</summary>
    public const string ResultsTrigger = "TR_AssessmentResults_ClassTallies";

    public int ClassId { get; set; }

    public TrainingClass? Class { get; set; }

    /// <summary><see cref="NoResult"/>, <see cref="CompletionOpen"/>, <see cref="NotCompleted"/> or <see cref="Completed"/>.</summary>
    public int ResultKind { get; set; }

    /// <summary>The result's grade name; empty for none (grade names come from grade bands, never empty).</summary>
    public string GradeName { get; set; } = "";

    /// <summary>Active enrolments of the class in this state (rows left at zero are kept).</summary>
    public int Trainees { get; set; }

    /// <summary>The completion of <see cref="AssessmentResult.Completed"/> a result kind stands for.</summary>
    public static bool? CompletedOf(int resultKind) => resultKind switch
    {
        NotCompleted => false,
        Completed => true,
        _ => null,
    };
}
