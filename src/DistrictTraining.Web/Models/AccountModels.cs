using System.ComponentModel.DataAnnotations;

namespace DistrictTraining.Web.Models;

public sealed class SetupViewModel
{
    [Required, StringLength(200), Display(Name = "Tên trung tâm")]
    public string CentreName { get; set; } = string.Empty;

    [Required, StringLength(200), Display(Name = "Địa chỉ công khai của cổng")]
    public string PublicBaseUrl { get; set; } = string.Empty;

    [Required, StringLength(64, MinimumLength = 3), Display(Name = "Tên đăng nhập")]
    [RegularExpression(@"^[a-zA-Z0-9._@-]+$", ErrorMessage = "Tên đăng nhập chỉ gồm chữ không dấu, chữ số và các ký tự . _ - @.")]
    public string AdminUserName { get; set; } = string.Empty;

    [Required, StringLength(100), Display(Name = "Họ và tên")]
    public string AdminFullName { get; set; } = string.Empty;

    [Required, DataType(DataType.Password), StringLength(100, MinimumLength = 8), Display(Name = "Mật khẩu")]
    public string Password { get; set; } = string.Empty;

    [Required, DataType(DataType.Password), Compare(nameof(Password), ErrorMessage = "Mật khẩu nhập lại không khớp."), Display(Name = "Nhập lại mật khẩu")]
    public string ConfirmPassword { get; set; } = string.Empty;
}

public sealed class LoginViewModel
{
    [Required, Display(Name = "Tên đăng nhập")]
    public string UserName { get; set; } = string.Empty;

    [Required, DataType(DataType.Password), Display(Name = "Mật khẩu")]
    public string Password { get; set; } = string.Empty;

    [Display(Name = "Ghi nhớ đăng nhập")]
    public bool RememberMe { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class ChangePasswordViewModel
{
    [Required, DataType(DataType.Password), Display(Name = "Mật khẩu hiện tại")]
    public string CurrentPassword { get; set; } = string.Empty;

    [Required, DataType(DataType.Password), StringLength(100, MinimumLength = 8), Display(Name = "Mật khẩu mới")]
    public string NewPassword { get; set; } = string.Empty;

    [Required, DataType(DataType.Password), Compare(nameof(NewPassword), ErrorMessage = "Mật khẩu nhập lại không khớp."), Display(Name = "Nhập lại mật khẩu mới")]
    public string ConfirmPassword { get; set; } = string.Empty;
}

public sealed class UserEditViewModel
{
    public string? Id { get; set; }

    [Required, StringLength(64, MinimumLength = 3), Display(Name = "Tên đăng nhập")]
    [RegularExpression(@"^[a-zA-Z0-9._@-]+$", ErrorMessage = "Tên đăng nhập chỉ gồm chữ không dấu, chữ số và các ký tự . _ - @.")]
    public string UserName { get; set; } = string.Empty;

    [Required, StringLength(100), Display(Name = "Họ và tên")]
    public string FullName { get; set; } = string.Empty;

    [Required, Display(Name = "Vai trò")]
    public string Role { get; set; } = string.Empty;

    [Display(Name = "Trung tâm")]
    public int? CentreId { get; set; }

    [Display(Name = "Đơn vị")]
    public int? UnitId { get; set; }

    [DataType(DataType.Password), StringLength(100, MinimumLength = 8), Display(Name = "Mật khẩu")]
    public string? Password { get; set; }

    [Display(Name = "Hồ sơ giảng viên")]
    public int? LecturerId { get; set; }

    [Display(Name = "Quản trị toàn tỉnh")]
    public bool IsProvinceAdministrator { get; set; }
}

/// <summary>The home page; <see cref="Teaching"/> only for a lecturer.</summary>
public sealed record HomeViewModel(string FullName, string RoleName, string? CentreName, string? UnitName, DistrictTraining.Core.Lecturers.TeachingOverview? Teaching = null, DistrictTraining.Core.WorkQueue.WorkQueueView? Queue = null);

public sealed record StatusViewModel(int Code, string Title, string Message);
