using System.Security.Claims;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

public sealed class HomeController(AccountService accounts, TeachingService teaching) : Controller
{
    /// <summary>Who is signed in; for a lecturer, also their sessions and classes.</summary>
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var profile = await accounts.GetProfileAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        if (profile is null)
        {
            return Challenge();
        }

        var overview = User.IsInRole(Roles.Lecturer) ? await teaching.GetOverviewAsync(cancellationToken) : null;
        return View(new HomeViewModel(profile.FullName, Roles.DisplayName(profile.Role), profile.CentreName, profile.UnitName, overview));
    }

    [AllowAnonymous]
    [ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
    public IActionResult Error() => View("Status", new StatusViewModel(500, "Đã có lỗi xảy ra", "Hệ thống gặp sự cố khi xử lý yêu cầu. Dữ liệu đã lưu không bị ảnh hưởng; vui lòng thử lại."));

    [AllowAnonymous]
    public IActionResult Status(int id)
    {
        Response.StatusCode = id;
        return View(id switch
        {
            404 => new StatusViewModel(404, "Không tìm thấy trang", "Trang bạn yêu cầu không tồn tại hoặc đã bị chuyển đi."),
            403 => new StatusViewModel(403, "Không có quyền truy cập", "Tài khoản của bạn không được phép xem trang này."),
            400 => new StatusViewModel(400, "Yêu cầu không hợp lệ", "Yêu cầu gửi lên không hợp lệ hoặc đã hết hạn. Vui lòng tải lại trang và thử lại."),
            429 => new StatusViewModel(429, "Quá nhiều yêu cầu", "Bạn đã gửi quá nhiều yêu cầu. Vui lòng đợi một lát rồi thử lại."),
            _ => new StatusViewModel(id, "Đã có lỗi xảy ra", "Không thể xử lý yêu cầu."),
        });
    }
}
