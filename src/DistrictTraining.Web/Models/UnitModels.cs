using System.ComponentModel.DataAnnotations;
using DistrictTraining.Core.Organisation;

namespace DistrictTraining.Web.Models;

public sealed record UnitTreeViewModel(DateOnly Day, bool All, IReadOnlyList<UnitNode> Units);

public sealed class UnitEditViewModel
{
    public int? Id { get; set; }

    [StringLength(32), Display(Name = "Mã")]
    public string? Code { get; set; }

    [Required, StringLength(200), Display(Name = "Tên đơn vị")]
    public string Name { get; set; } = string.Empty;

    [Required, Display(Name = "Loại đơn vị")]
    public UnitKind? Kind { get; set; }

    [Display(Name = "Đơn vị cấp trên")]
    public int? ParentId { get; set; }

    [Display(Name = "Hiệu lực từ")]
    public DateOnly? ValidFrom { get; set; }

    [Display(Name = "Hiệu lực đến")]
    public DateOnly? ValidTo { get; set; }

    /// <summary>Shown, not posted: the unit this one was merged into.</summary>
    public string? SuccessorName { get; set; }

    public UnitEdit ToEdit() => new(Id, Code, Name, Kind ?? UnitKind.Commune, ParentId, ValidFrom, ValidTo);
}

public sealed class UnitMergeViewModel
{
    [Display(Name = "Các đơn vị bị sáp nhập")]
    public List<int> UnitIds { get; set; } = [];

    /// <summary>"existing" or "new".</summary>
    public string SuccessorMode { get; set; } = "existing";

    [Display(Name = "Đơn vị kế thừa")]
    public int? SuccessorId { get; set; }

    [StringLength(200), Display(Name = "Tên đơn vị mới")]
    public string? NewName { get; set; }

    [StringLength(32), Display(Name = "Mã đơn vị mới")]
    public string? NewCode { get; set; }

    [Display(Name = "Loại đơn vị mới")]
    public UnitKind NewKind { get; set; } = UnitKind.Commune;

    [Display(Name = "Đơn vị cấp trên của đơn vị mới")]
    public int? NewParentId { get; set; }

    [Required, Display(Name = "Ngày cuối cùng của các đơn vị cũ")]
    public DateOnly? LastDay { get; set; }

    [Display(Name = "Chuyển các đơn vị trực thuộc còn hiệu lực sang đơn vị kế thừa")]
    public bool MoveChildren { get; set; }

    public MergeRequest ToRequest() => SuccessorMode == "new"
        ? new MergeRequest(UnitIds, null, new NewUnit(NewName ?? "", NewCode, NewKind, NewParentId), LastDay!.Value, MoveChildren)
        : new MergeRequest(UnitIds, SuccessorId, null, LastDay!.Value, MoveChildren);
}

public sealed class ServedUnitsViewModel
{
    public List<ServedUnitInput> Rows { get; set; } = [];
}

public sealed class ServedUnitInput
{
    public int UnitId { get; set; }

    public bool Served { get; set; }

    [Display(Name = "Phục vụ từ")]
    public DateOnly? From { get; set; }

    [Display(Name = "Phục vụ đến")]
    public DateOnly? To { get; set; }
}
