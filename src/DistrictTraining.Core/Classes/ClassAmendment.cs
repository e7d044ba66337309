using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Classes;

/// <summary>
/// A correction of a decided class: who opened it, when and why, and which parts it reopens. While it is
/// open those parts can be changed (every change goes to the audit trail as usual); closing it freezes the
/// class again and records what it changed for the certificates. Never deleted.
/// </summary>
public class ClassAmendment : IAudited
{
    public int Id { get; set; }

    public int ClassId { get; set; }

    public TrainingClass? Class { get; set; }

    public ClassPart Parts { get; set; }

    public string Reason { get; set; } = string.Empty;

    public DateTime OpenedAt { get; set; }

    public string OpenedBy { get; set; } = string.Empty;

    public DateTime? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    /// <summary>What closing found: outcomes that changed, certificates whose basis no longer stands.</summary>
    public string? Outcome { get; set; }

    public bool IsOpen => ClosedAt is null;
}
