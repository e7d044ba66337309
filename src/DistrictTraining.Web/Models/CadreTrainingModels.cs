using System.ComponentModel.DataAnnotations;
using DistrictTraining.Core.Cadres;
using DistrictTraining.Core.Trainees;

namespace DistrictTraining.Web.Models;

/// <summary>The form of one course of higher-level training (cử đi học) of a person.</summary>
public sealed class ExternalTrainingViewModel
{
    public int? Id { get; set; }

    public int TraineeId { get; set; }

    public Guid? Version { get; set; }

    [Required(ErrorMessage = "Vui lòng chọn trình độ đào tạo."), Display(Name = "Trình độ đào tạo")]
    public TheoryLevel? Level { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập cơ sở đào tạo."), StringLength(200), Display(Name = "Cơ sở đào tạo")]
    public string? Institution { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập ngày bắt đầu khóa học."), Display(Name = "Ngày bắt đầu")]
    public DateOnly? StartDate { get; set; }

    [Display(Name = "Ngày kết thúc")]
    public DateOnly? EndDate { get; set; }

    [StringLength(50), Display(Name = "Số quyết định cử đi học")]
    public string? DecisionNumber { get; set; }

    [Display(Name = "Ngày quyết định")]
    public DateOnly? DecisionDate { get; set; }

    [Display(Name = "Kết quả")]
    public TrainingOutcome Outcome { get; set; }

    [StringLength(500), Display(Name = "Ghi chú")]
    public string? Note { get; set; }

    /// <summary>The person's name, for the heading (not posted back).</summary>
    public string PersonName { get; set; } = string.Empty;

    public static ExternalTrainingViewModel From(ExternalTrainingInput x) => new()
    {
        Id = x.Id, TraineeId = x.TraineeId, Version = x.Version, Level = x.Level, Institution = x.Institution, StartDate = x.StartDate,
        EndDate = x.EndDate, DecisionNumber = x.DecisionNumber, DecisionDate = x.DecisionDate, Outcome = x.Outcome, Note = x.Note,
    };

    public ExternalTrainingInput ToInput() =>
        new(Id, TraineeId, Level ?? TheoryLevel.None, Institution, StartDate, EndDate, DecisionNumber, DecisionDate, Outcome, Note, Version);
}
