using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;

namespace DistrictTraining.Core.Plans;

/// <summary>
/// A centre's plan for a year as one grid: per programme, the centre-wide line and (optionally) a line
/// per served unit. A cell left empty has no plan line.
/// </summary>
public sealed record PlanGrid(
    int CentreId,
    string CentreName,
    int Year,
    bool ShowUnits,
    bool CanEdit,
    bool HasPlan,
    bool PreviousYearHasPlan,
    bool HasServedUnits,
    IReadOnlyList<PlanGridRow> Rows,
    IReadOnlyList<Choice> Centres)
{
    public int TotalClasses => Rows.Where(r => r.UnitId is null).Sum(r => r.PlannedClasses ?? 0);

    public int TotalTrainees => Rows.Where(r => r.UnitId is null).Sum(r => r.PlannedTrainees ?? 0);
}

/// <summary>One line of the grid: a programme's centre-wide line (<see cref="UnitId"/> null) or a served unit's line.</summary>
public sealed record PlanGridRow(
    int ProgrammeId,
    string ProgrammeName,
    int? UnitId,
    string? UnitName,
    int? LineId,
    Guid? Version,
    int? PlannedClasses,
    int? PlannedTrainees,
    string? Note);

/// <summary>What the user typed on one line, with the line's id and version as the form was opened.</summary>
public sealed record PlanLineInput(
    int ProgrammeId,
    int? UnitId,
    int? LineId,
    Guid? Version,
    int? PlannedClasses,
    int? PlannedTrainees,
    string? Note)
{
    public bool IsBlank => PlannedClasses is null && PlannedTrainees is null && string.IsNullOrWhiteSpace(Note);
}

/// <summary>A plan line as it is now in the database, so a re-shown grid can overwrite on purpose.</summary>
public sealed record PlanLineVersion(int ProgrammeId, int? UnitId, int? LineId, Guid? Version);

/// <summary>Someone saved the plan after this user opened it; <see cref="DomainException.Message"/> says what they saved.</summary>
public sealed class PlanConflictException(string message, IReadOnlyList<PlanLineVersion> current) : DomainException(message)
{
    /// <summary>Every line of the year as saved now; a grid carrying these versions overwrites.</summary>
    public IReadOnlyList<PlanLineVersion> Current { get; } = current;
}
