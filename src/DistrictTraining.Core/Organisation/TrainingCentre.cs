using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Organisation;

/// <summary>
/// A political centre (Trung tâm Chính trị). Since the 2025 reorganisation it sits under a commune-level
/// Party committee (its host unit) and serves a set of communes; one deployment may hold several.
/// </summary>
public class TrainingCentre : IAudited
{
    public int Id { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>The issuing body line above the centre's name on documents, e.g. "ĐẢNG ỦY XÃ CÁT HANH".</summary>
    public string? ParentBodyName { get; set; }

    public int? HostUnitId { get; set; }

    public OrganisationUnit? HostUnit { get; set; }

    /// <summary>The place written before the date on documents: "Cát Hanh, ngày … tháng … năm …".</summary>
    public string? PlaceName { get; set; }

    public string? DirectorName { get; set; }

    public string? Address { get; set; }

    /// <summary>
    /// The absolute http(s) address at which anyone reaches the portal (<see cref="PublicAddress"/>):
    /// every certificate's QR code and verification link start with it.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public int MinimumClassSize { get; set; } = 25;

    public bool IsActive { get; set; } = true;

    public ICollection<CentreServedUnit> ServedUnits { get; } = new List<CentreServedUnit>();

    /// <summary>
    /// The issuing body at the top left of the centre's documents and exports, in capitals: the parent
    /// Party committee (when recorded) above the centre's own name.
    /// </summary>
    public static IReadOnlyList<string> IssuingBodyLines(string? parentBodyName, string name) =>
        new[] { parentBodyName, name }
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .Select(s => s!.Trim().ToUpper(Common.VietnameseText.Culture))
            .ToList();
}

/// <summary>A unit a centre serves, over a period (served units change with reorganisations).</summary>
public class CentreServedUnit : IAudited
{
    public int CentreId { get; set; }

    public TrainingCentre? Centre { get; set; }

    public int UnitId { get; set; }

    public OrganisationUnit? Unit { get; set; }

    public DateOnly? ServedFrom { get; set; }

    public DateOnly? ServedTo { get; set; }
}
