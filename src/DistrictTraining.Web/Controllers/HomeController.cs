using System.Security.Claims;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.WorkQueue;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

public sealed class HomeController(AccountService accounts, TeachingService teaching, WorkQueueService workQueue) : Controller
{
    /// <summary>Who is signed in, and their desk: a lecturer's sessions and classes, everyone else's work queue.</summary>
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var profile = await accounts.GetProfileAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
        if (profile is null)
        {
            return Challenge();
        }

        var overview = User.IsInRole(Roles.Lecturer) ? await teaching.GetOverviewAsync(cancellationToken) : null;
        var queue = overview is null ? await workQueue.GetAsync(cancellationToken) : null;
        return View(new HomeViewModel(profile.FullName, Roles.DisplayName(profile.Role), profile.CentreName, profile.UnitName, overview, queue));
    }

    // A failed POST is re-executed as a POST: without [IgnoreAntiforgeryToken] its error page would itself
    // be refused for the missing token, and the user would get a blank 400.
    [AllowAnonymous, IgnoreAntiforgeryToken]
    [ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
    public IActionResult Error()
    {
        // A full disk is the one failure the user can act on: the write was rolled back, and space must be freed.
        var error = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (StorageFull.IsCause(error))
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return View("Status", DiskFull);
        }

        // Two saves of the same rows at the same moment, and the database gave one up (a deadlock, say two clerks
        // saving one class's grades): rolled back whole, so doing it again is all it takes.
        if (DbErrors.IsWriteConflict(error))
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("Status", WriteConflict);
        }

        return View("Status", StatusPages[500]);
    }

    private static readonly StatusViewModel WriteConflict = new(409, "Có người khác đang lưu cùng lúc",
        "Thao tác vừa rồi chưa được lưu vì đúng lúc đó có người khác cũng đang ghi vào cùng dữ liệu; không có gì bị ghi dở. "
        + "Vui lòng quay lại trang trước, tải lại nếu cần, rồi lưu lại.");

    private static readonly StatusViewModel DiskFull = new(503, "Máy chủ đã hết dung lượng lưu trữ",
        "Thao tác vừa rồi chưa được lưu vì ổ đĩa của máy chủ đã đầy; dữ liệu đã lưu trước đó không bị ảnh hưởng. "
        + "Vui lòng báo quản trị viên hệ thống giải phóng dung lượng rồi thực hiện lại.");

    /// <summary>
    /// The page for an error status. Re-executed by the status-code middleware, it keeps the original code;
    /// asked for directly, it answers only the codes the portal gives (anything else is a page not found).
    /// </summary>
    [AllowAnonymous, IgnoreAntiforgeryToken]
    public IActionResult Status([FromRoute] int id) // a re-executed POST may carry a form field "id" of its own
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        if (!StatusPages.TryGetValue(id, out var page))
        {
            page = reExecuted && id is >= 400 and <= 599 ? new StatusViewModel(id, "Đã có lỗi xảy ra", "Không thể xử lý yêu cầu.") : StatusPages[404];
        }

        Response.StatusCode = page.Code;
        return View(page);
    }

    private static readonly Dictionary<int, StatusViewModel> StatusPages = new StatusViewModel[]
    {
        new(400, "Yêu cầu không hợp lệ", "Yêu cầu gửi lên không hợp lệ hoặc đã hết hạn. Vui lòng tải lại trang và thử lại."),
        new(403, "Không có quyền truy cập", "Tài khoản của bạn không được phép xem trang này."),
        new(404, "Không tìm thấy trang", "Trang bạn yêu cầu không tồn tại hoặc đã bị chuyển đi."),
        new(405, "Thao tác không được hỗ trợ", "Trang này không nhận thao tác vừa gửi. Vui lòng quay lại trang trước và thử lại."),
        new(413, "Dữ liệu gửi lên quá lớn", "Dữ liệu hoặc tệp gửi lên vượt quá giới hạn cho phép (tệp Excel tối đa 10 MB)."),
        new(429, "Quá nhiều yêu cầu", "Bạn đã gửi quá nhiều yêu cầu. Vui lòng đợi một lát rồi thử lại."),
        new(500, "Đã có lỗi xảy ra", "Hệ thống gặp sự cố khi xử lý yêu cầu. Dữ liệu đã lưu không bị ảnh hưởng; vui lòng thử lại."),
        new(503, "Hệ thống tạm thời không phục vụ", "Hệ thống đang bận hoặc đang bảo trì. Vui lòng thử lại sau ít phút."),
    }.ToDictionary(p => p.Code);
}
