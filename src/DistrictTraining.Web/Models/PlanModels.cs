using System.ComponentModel.DataAnnotations;
using DistrictTraining.Core.Plans;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace DistrictTraining.Web.Models;

/// <summary>The plan grid of a year; <see cref="Grid"/> (the centre and what the user may do) is filled by the controller.</summary>
public sealed class PlanGridViewModel
{
    public int Year { get; set; }

    public bool ShowUnits { get; set; }

    public List<PlanLineViewModel> Lines { get; set; } = [];

    [BindNever, ValidateNever]
    public PlanGrid Grid { get; set; } = null!;

    public static PlanGridViewModel From(PlanGrid grid) => new()
    {
        Year = grid.Year,
        ShowUnits = grid.ShowUnits,
        Grid = grid,
        Lines = [.. grid.Rows.Select(r => new PlanLineViewModel
        {
            ProgrammeId = r.ProgrammeId, ProgrammeName = r.ProgrammeName, UnitId = r.UnitId, UnitName = r.UnitName, LineId = r.LineId,
            Version = r.Version, PlannedClasses = r.PlannedClasses, PlannedTrainees = r.PlannedTrainees, Note = r.Note,
        })],
    };

    public IReadOnlyList<PlanLineInput> ToInput() =>
        [.. Lines.Select(l => new PlanLineInput(l.ProgrammeId, l.UnitId, l.LineId, l.Version, l.PlannedClasses, l.PlannedTrainees, l.Note))];
}

/// <summary>One line of the grid. The names travel in hidden fields only to be shown again when the grid is re-shown.</summary>
public sealed class PlanLineViewModel
{
    public int ProgrammeId { get; set; }

    public string ProgrammeName { get; set; } = string.Empty;

    public int? UnitId { get; set; }

    public string? UnitName { get; set; }

    public int? LineId { get; set; }

    public Guid? Version { get; set; }

    [Range(0, PlanService.MaxClasses), Display(Name = "Số lớp")]
    public int? PlannedClasses { get; set; }

    [Range(0, PlanService.MaxTrainees), Display(Name = "Số học viên")]
    public int? PlannedTrainees { get; set; }

    [StringLength(500), Display(Name = "Ghi chú")]
    public string? Note { get; set; }
}
