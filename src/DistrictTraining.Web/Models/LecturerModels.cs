using System.ComponentModel.DataAnnotations;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Lecturers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace DistrictTraining.Web.Models;

public sealed record LecturerListViewModel(PagedList<LecturerListItem> Lecturers, string? Search, string? Kind, string Status);

public sealed class LecturerEditViewModel
{
    public int? Id { get; set; }

    [Required, StringLength(50), Display(Name = "Họ")]
    public string FamilyName { get; set; } = string.Empty;

    [StringLength(100), Display(Name = "Tên đệm")]
    public string? MiddleName { get; set; }

    [Required, StringLength(50), Display(Name = "Tên")]
    public string GivenName { get; set; } = string.Empty;

    [Required, Display(Name = "Loại giảng viên")]
    public LecturerKind? Kind { get; set; }

    [StringLength(200), Display(Name = "Chức vụ")]
    public string? Position { get; set; }

    [StringLength(200), Display(Name = "Đơn vị công tác")]
    public string? Workplace { get; set; }

    [StringLength(20), Display(Name = "Điện thoại")]
    [RegularExpression(@"^[0-9 +().-]*$", ErrorMessage = "Số điện thoại chỉ gồm chữ số, dấu cách và các ký tự + . - ( ).")]
    public string? Phone { get; set; }

    [Display(Name = "Đang tham gia giảng dạy")]
    public bool IsActive { get; set; } = true;

    [StringLength(450), Display(Name = "Tài khoản đăng nhập")]
    public string? UserId { get; set; }

    /// <summary>The accounts the form offers (not posted back).</summary>
    [BindNever, ValidateNever]
    public IReadOnlyList<LecturerAccountChoice> Accounts { get; set; } = [];

    public static LecturerEditViewModel From(LecturerEdit l) => new()
    {
        Id = l.Id, FamilyName = l.FamilyName, MiddleName = l.MiddleName, GivenName = l.GivenName, Kind = l.Kind,
        Position = l.Position, Workplace = l.Workplace, Phone = l.Phone, IsActive = l.IsActive, UserId = l.UserId,
    };

    public LecturerEdit ToEdit() => new(Id, FamilyName, MiddleName, GivenName, Kind ?? LecturerKind.PartTime, Position, Workplace, Phone, IsActive, UserId);
}
