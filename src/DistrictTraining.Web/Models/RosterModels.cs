using System.ComponentModel.DataAnnotations;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Trainees;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace DistrictTraining.Web.Models;

public sealed class NewTraineeViewModel
{
    [Required, StringLength(50), Display(Name = "Họ")]
    public string FamilyName { get; set; } = string.Empty;

    [StringLength(100), Display(Name = "Tên đệm")]
    public string? MiddleName { get; set; }

    [Required, StringLength(50), Display(Name = "Tên")]
    public string GivenName { get; set; } = string.Empty;

    [Display(Name = "Giới tính")]
    public Sex? Sex { get; set; }

    [StringLength(10), Display(Name = "Ngày sinh")]
    public string? Birth { get; set; }

    [StringLength(20), Display(Name = "Số CCCD")]
    public string? Cccd { get; set; }

    [Display(Name = "Đơn vị")]
    public int? UnitId { get; set; }

    [StringLength(200), Display(Name = "Chức vụ")]
    public string? Position { get; set; }

    [StringLength(1000), Display(Name = "Ghi chú")]
    public string? Note { get; set; }

    [Display(Name = "Tôi xác nhận đây là người khác, không phải người đã có")]
    public bool ConfirmedDistinct { get; set; }

    /// <summary>The form's one-time token (SubmissionToken): a repeated submit never creates a second person.</summary>
    public Guid Submission { get; set; } = Guid.NewGuid();

    /// <summary>People with the same name and date of birth, when the service stopped to ask.</summary>
    [BindNever]
    public IReadOnlyList<TraineeMatch> Candidates { get; set; } = [];
}

public sealed class RosterPageModel
{
    public required RosterView Roster { get; init; }

    public required IReadOnlyList<Choice> Units { get; init; }

    public NewTraineeViewModel NewTrainee { get; init; } = new();

    public bool ShowNewForm { get; init; }

    public bool CanEdit { get; init; }

    /// <summary>What the user typed into a withdrawal that was refused, kept for them: enrolment id → reason.</summary>
    public IReadOnlyDictionary<int, string> KeptReasons { get; init; } = new Dictionary<int, string>();
}
