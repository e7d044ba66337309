using System.ComponentModel.DataAnnotations;
using DistrictTraining.Core.Classes;

namespace DistrictTraining.Web.Models;

/// <summary>A posted line of the results grid, bound as rows[i].*.</summary>
public sealed class ScoreRowViewModel
{
    public int EnrolmentId { get; set; }

    public Guid? Version { get; set; }

    [StringLength(10), Display(Name = "Điểm")]
    public string? Score { get; set; }

    [StringLength(10), Display(Name = "Điểm thi lại")]
    public string? Resit { get; set; }

    public string? StoredScore { get; set; }

    public string? StoredResit { get; set; }

    public ScoreInput ToInput() => new(EnrolmentId, Version, Score, Resit, StoredScore, StoredResit);
}

public sealed class DecisionViewModel
{
    [Required, StringLength(50), Display(Name = "Số quyết định")]
    public string? Number { get; set; }

    [Required, Display(Name = "Ngày quyết định")]
    public DateOnly? Date { get; set; }

    [Required, StringLength(100), Display(Name = "Người ký")]
    public string? Signer { get; set; }

    public Guid Version { get; set; }

    public static DecisionViewModel From(ResultsGrid grid) => new()
    {
        Number = grid.Class.DecisionNumber,
        Date = grid.Class.DecisionDate,
        Signer = grid.Class.DecisionSigner,
        Version = grid.ClassVersion,
    };
}

public sealed class ResultsPageModel
{
    public required ResultsGrid Grid { get; init; }

    public required DecisionViewModel Decision { get; init; }

    /// <summary>Why the decision was refused, shown beside its form.</summary>
    public string? DecisionError { get; init; }
}
