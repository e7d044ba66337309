using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>The attendance grid of a class: staff mark every session, a lecturer the sessions they teach.</summary>
[Authorize(Roles = Roles.Readers + "," + Roles.Lecturer)]
public sealed class AttendanceController(AttendanceService attendance) : Controller
{
    private const string Markers = Roles.Staff + "," + Roles.Lecturer;

    [HttpGet]
    public async Task<IActionResult> Index(int id, int page, CancellationToken cancellationToken)
    {
        var grid = await attendance.GetGridAsync(id, page, null, cancellationToken);
        return grid is null ? NotFound() : View(grid);
    }

    [HttpPost, Authorize(Roles = Markers)]
    [RequestFormLimits(ValueCountLimit = AttendanceForm.MaxValues)]
    public async Task<IActionResult> Save(int id, string? version, string? snapshot, int page, CancellationToken cancellationToken)
    {
        var cells = AttendanceForm.Cells(Request.Form);
        try
        {
            var written = await attendance.SaveAsync(id, new AttendanceSaveRequest(version, snapshot, cells, AttendanceForm.Rows(Request.Form)), cancellationToken);
            TempData["Message"] = written == 0 ? "Không có thay đổi nào cần lưu." : $"Đã lưu điểm danh ({written} ô).";
            return RedirectToAction(nameof(Index), new { id, page = PageOrNull(page) });
        }
        catch (AttendanceRefusedException ex)
        {
            // Shown again with what the user typed, over the marks as they are now.
            var grid = await attendance.GetGridAsync(id, page, ex.Overlay, cancellationToken);
            if (grid is null)
            {
                return NotFound();
            }

            ModelState.AddModelError(string.Empty, ex.Message);
            return View(nameof(Index), grid);
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
            return RedirectToAction(nameof(Index), new { id, page = PageOrNull(page) });
        }
    }

    /// <summary>Without JavaScript: fills the empty cells on the server (the page's script does it in the browser instead).</summary>
    [HttpPost, Authorize(Roles = Markers)]
    public async Task<IActionResult> FillEmpty(int id, int? sessionId, int page, CancellationToken cancellationToken)
    {
        try
        {
            var filled = await attendance.FillEmptyAsync(id, sessionId, cancellationToken);
            TempData["Message"] = filled == 0
                ? "Không còn ô trống nào để đánh dấu có mặt."
                : $"Đã đánh dấu có mặt {filled} ô còn trống; các ô đã điểm danh giữ nguyên.";
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
        }

        return RedirectToAction(nameof(Index), new { id, page = PageOrNull(page) });
    }

    /// <summary>The confirmation step before marking everyone present over marks already made.</summary>
    [HttpGet, Authorize(Roles = Markers)]
    public async Task<IActionResult> Overwrite(int id, int? sessionId, CancellationToken cancellationToken)
    {
        try
        {
            var preview = await attendance.PreviewOverwriteAsync(id, sessionId, cancellationToken);
            return preview is null ? NotFound() : View(preview);
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
            return RedirectToAction(nameof(Index), new { id });
        }
    }

    [HttpPost, Authorize(Roles = Markers)]
    public async Task<IActionResult> Overwrite(int id, int? sessionId, string? version, bool confirmed, CancellationToken cancellationToken)
    {
        try
        {
            var changed = await attendance.OverwriteAllAsync(id, sessionId, version, confirmed, cancellationToken);
            TempData["Message"] = $"Đã đánh dấu tất cả có mặt ({changed} ô thay đổi).";
            return RedirectToAction(nameof(Index), new { id });
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
            return RedirectToAction(nameof(Overwrite), new { id, sessionId });
        }
    }

    private static int? PageOrNull(int page) => page > 1 ? page : null;
}
