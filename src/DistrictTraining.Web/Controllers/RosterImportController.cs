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
        if (view is null)
        {
            return NotFound();
        }

        ViewBag.Units = await import.UnitChoicesAsync(cancellationToken);
        return View(view.Class);
    }

    [HttpPost, OversizedUpload]
    [RequestSizeLimit(Uploads.RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = Uploads.RequestLimit)]
    public async Task<IActionResult> Upload(int id, IFormFile? file, int? fileUnitId, CancellationToken cancellationToken)
    {
        var view = await roster.GetAsync(id, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        ViewBag.Units = await import.UnitChoicesAsync(cancellationToken);
        ViewBag.FileUnitId = fileUnitId;
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError(string.Empty, "Vui lòng chọn tệp danh sách (.xlsx hoặc .xls).");
            return View(view.Class);
        }

        try
        {
            using var buffer = await file.BufferAsync(cancellationToken);

            var preview = await import.PreviewAsync(id, buffer, file.Length, file.FileName, fileUnitId, cancellationToken);
            return View("Preview", preview);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return View(view.Class);
        }
    }

    [HttpPost]
    public async Task<IActionResult> Confirm(
        int id, string token, Dictionary<int, string>? decisions, int? fileUnitId, int[]? takeWithoutDates, CancellationToken cancellationToken)
    {
        var choices = new ImportChoices(fileUnitId, takeWithoutDates);
        try
        {
            var outcome = await import.ConfirmAsync(id, token, Decisions(decisions), choices, cancellationToken);
            TempData["Message"] = $"Đã nhập danh sách: {outcome.Enrolled + outcome.Reinstated} học viên được thêm vào lớp ({outcome.Created} người mới), {outcome.Skipped} dòng bỏ qua.";
            return outcome.Skipped > 0 ? RedirectToAction(nameof(Skipped), new { id, token }) : RedirectToAction("Index", "Roster", new { id });
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return await PreviewAgainAsync(id, token, decisions, choices, ex.Message, cancellationToken);
        }
    }

    /// <summary>The preview again with another unit for the whole file or other rows taken with empty dates; nothing is written.</summary>
    [HttpPost]
    public Task<IActionResult> Reload(
        int id, string token, Dictionary<int, string>? decisions, int? fileUnitId, int[]? takeWithoutDates, CancellationToken cancellationToken) =>
        PreviewAgainAsync(id, token, decisions, new ImportChoices(fileUnitId, takeWithoutDates), null, cancellationToken);

    /// <summary>After confirming: the rows left out and why, with the "rows to fix" workbook to download.</summary>
    [HttpGet]
    public async Task<IActionResult> Skipped(int id, string token, CancellationToken cancellationToken)
    {
        var report = await import.SkippedAsync(id, token, cancellationToken);
        if (report is null)
        {
            TempData["Error"] = "Báo cáo các dòng bỏ qua đã hết hạn hoặc không tồn tại.";
            return RedirectToAction("Index", "Roster", new { id });
        }

        return View(report);
    }

    [HttpGet]
    public async Task<IActionResult> RowsToFix(int id, string token, CancellationToken cancellationToken)
    {
        var file = await import.RowsToFixAsync(id, token, cancellationToken);
        if (file is null)
        {
            TempData["Error"] = "Báo cáo các dòng bỏ qua đã hết hạn hoặc không tồn tại.";
            return RedirectToAction("Index", "Roster", new { id });
        }

        return File(file.Stream, XlsxReportWriter.ContentType, "dong-can-sua.xlsx");
    }

    private async Task<IActionResult> PreviewAgainAsync(
        int id, string token, Dictionary<int, string>? decisions, ImportChoices choices, string? error, CancellationToken cancellationToken)
    {
        ImportPreview? preview;
        try
        {
            preview = await import.ReloadAsync(id, token, choices, cancellationToken);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            preview = await import.ReloadAsync(id, token, choices with { FileUnitId = null }, cancellationToken);
        }

        if (preview is null)
        {
            TempData["Error"] = error ?? "Phiên nhập đã hết hạn hoặc đã được xử lý. Vui lòng tải tệp lên lại.";
            return RedirectToAction(nameof(Upload), new { id });
        }

        ViewBag.Decisions = decisions;
        return View("Preview", preview);
    }

    private static List<ImportDecision> Decisions(Dictionary<int, string>? decisions) =>
        (decisions ?? []).Select(d => new ImportDecision(
            d.Key,
            d.Value.StartsWith("trainee:", StringComparison.Ordinal) && int.TryParse(d.Value["trainee:".Length..], out var traineeId) ? traineeId : null,
            d.Value == "new")).ToList();

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
