using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Organisation;

public enum UnitKind
{
    Province = 1,
    District = 2,
    Commune = 3,
    Ward = 4,
    Agency = 5,
    PartyOrganisation = 6,
    PartyCell = 7,
}

/// <summary>
/// A node of the organisational tree (province → district → commune; agencies; Party bodies).
/// Units are never deleted: a unit abolished or merged gets an end date and points to its successor,
/// so records made under its old name still report under that name.
/// </summary>
public class OrganisationUnit : IAudited
{
    private string _name = string.Empty;

    public int Id { get; set; }

    public string? Code { get; set; }

    public string Name
    {
        get => _name;
        set
        {
            _name = VietnameseText.Clean(value);
            SearchKey = VietnameseText.SearchKey(_name);
        }
    }

    public string SearchKey { get; private set; } = string.Empty;

    public UnitKind Kind { get; set; }

    public int? ParentId { get; set; }

    public OrganisationUnit? Parent { get; set; }

    public DateOnly? ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    /// <summary>The unit this one was merged into, after the 2025 reorganisation for example.</summary>
    public int? SucceededById { get; set; }

    public OrganisationUnit? SucceededBy { get; set; }

    public bool IsValidOn(DateOnly day) =>
        (ValidFrom is null || ValidFrom <= day) && (ValidTo is null || day <= ValidTo);

    /// <summary>Ends this unit on <paramref name="lastDay"/> and records its successor.</summary>
    public void MergeInto(OrganisationUnit successor, DateOnly lastDay)
    {
        if (successor.Id != 0 && successor.Id == Id)
        {
            throw new DomainException("Không thể sáp nhập một đơn vị vào chính nó.");
        }

        ValidTo = lastDay;
        SucceededBy = successor;
    }
}
