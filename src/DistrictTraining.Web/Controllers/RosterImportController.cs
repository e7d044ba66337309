using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Excel;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Import;
using DistrictTraining.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>Importing a commune's Excel list into a class roster: upload → preview → confirm or cancel.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed class RosterImportController(RosterImportService import, RosterService roster) : Controller
{

    [HttpGet]
    public async Task<IActionResult> Upload(int id, CancellationToken cancellationToken)
    {
        var view = await roster.GetAsync(id, cancellationToken);
        return view is null ? NotFound() : View(view.Class);
    }

    [HttpPost, OversizedUpload]
    [RequestSizeLimit(Uploads.RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = Uploads.RequestLimit)]
    public async Task<IActionResult> Upload(int id, IFormFile? file, CancellationToken cancellationToken)
    {
        var view = await roster.GetAsync(id, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError(string.Empty, "Vui lòng chọn tệp danh sách (.xlsx).");
            return View(view.Class);
        }

        try
        {
            using var buffer = await file.BufferAsync(cancellationToken);

            var preview = await import.PreviewAsync(id, buffer, file.Length, file.FileName, cancellationToken);
            return View("Preview", preview);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return View(view.Class);
        }
    }

    [HttpPost]
    public async Task<IActionResult> Confirm(int id, string token, Dictionary<int, string>? decisions, CancellationToken cancellationToken)
    {
        var parsed = (decisions ?? []).Select(d => new ImportDecision(
            d.Key,
            d.Value.StartsWith("trainee:", StringComparison.Ordinal) && int.TryParse(d.Value["trainee:".Length..], out var traineeId) ? traineeId : null,
            d.Value == "new")).ToList();
        try
        {
            var outcome = await import.ConfirmAsync(id, token, parsed, cancellationToken);
            TempData["Message"] = $"Đã nhập danh sách: {outcome.Enrolled + outcome.Reinstated} học viên được thêm vào lớp ({outcome.Created} người mới), {outcome.Skipped} dòng bỏ qua.";
            return RedirectToAction("Index", "Roster", new { id });
        }
        catch (DomainException ex)
        {
            var preview = await import.ReloadAsync(id, token, cancellationToken);
            if (preview is null)
            {
                TempData["Error"] = ex.Message;
                return RedirectToAction(nameof(Upload), new { id });
            }

            ModelState.AddModelError(string.Empty, ex.Message);
            ViewBag.Decisions = decisions;
            return View("Preview", preview);
        }
    }

    [HttpPost]
    public async Task<IActionResult> Cancel(int id, string token, CancellationToken cancellationToken)
    {
        await import.CancelAsync(id, token, cancellationToken);
        TempData["Message"] = "Đã hủy nhập danh sách. Không có gì được ghi.";
        return RedirectToAction("Index", "Roster", new { id });
    }

    [HttpGet]
    public IActionResult Template()
    {
        var file = RosterImportService.Template();
        return File(file.Stream, XlsxReportWriter.ContentType, "mau-danh-sach-hoc-vien.xlsx");
    }
}
