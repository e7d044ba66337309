using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Plans;

/// <summary>A centre's plan for a year and programme, optionally for one served unit.</summary>
public class AnnualPlan : IAudited, IVersioned
{
    public int Id { get; set; }

    public int CentreId { get; set; }

    public int Year { get; set; }

    public int ProgrammeId { get; set; }

    /// <summary>Null for the centre-wide line of the plan.</summary>
    public int? UnitId { get; set; }

    public int PlannedClasses { get; set; }

    public int PlannedTrainees { get; set; }

    public string? Note { get; set; }

    public Guid Version { get; set; }
}
