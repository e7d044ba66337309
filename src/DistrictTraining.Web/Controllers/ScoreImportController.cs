using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Excel;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Import;
using DistrictTraining.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>Importing a class's scores from Excel: upload → preview → confirm or cancel.</summary>
[Authorize(Roles = Roles.Staff)]
public sealed class ScoreImportController(ScoreImportService import, ResultsService results) : Controller
{

    [HttpGet]
    public async Task<IActionResult> Upload(int id, CancellationToken cancellationToken)
    {
        var grid = await results.GetGridAsync(id, null, cancellationToken);
        return grid is null ? NotFound() : View(grid.Class);
    }

    [HttpPost, OversizedUpload]
    [RequestSizeLimit(Uploads.RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = Uploads.RequestLimit)]
    public async Task<IActionResult> Upload(int id, IFormFile? file, CancellationToken cancellationToken)
    {
        var grid = await results.GetGridAsync(id, null, cancellationToken);
        if (grid is null)
        {
            return NotFound();
        }

        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError(string.Empty, "Vui lòng chọn tệp bảng điểm (.xlsx).");
            return View(grid.Class);
        }

        try
        {
            using var buffer = await file.BufferAsync(cancellationToken);

            return View("Preview", await import.PreviewAsync(id, buffer, file.Length, file.FileName, cancellationToken));
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return View(grid.Class);
        }
    }

    [HttpPost]
    public async Task<IActionResult> Confirm(int id, string token, CancellationToken cancellationToken)
    {
        try
        {
            var written = await import.ConfirmAsync(id, token, cancellationToken);
            TempData["Message"] = $"Đã nhập điểm của {written} học viên.";
            return RedirectToAction("Index", "Results", new { id });
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
            return View("Preview", preview);
        }
    }

    [HttpPost]
    public async Task<IActionResult> Cancel(int id, string token, CancellationToken cancellationToken)
    {
        await import.CancelAsync(id, token, cancellationToken);
        TempData["Message"] = "Đã hủy nhập điểm. Không có gì được ghi.";
        return RedirectToAction("Index", "Results", new { id });
    }

    /// <summary>The class's roster as a score sheet to fill in.</summary>
    [HttpGet]
    public async Task<IActionResult> Template(int id, CancellationToken cancellationToken)
    {
        try
        {
            var file = await import.TemplateAsync(id, cancellationToken);
            return File(file.Stream, XlsxReportWriter.ContentType, $"bang-diem-lop-{id}.xlsx");
        }
        catch (DomainException)
        {
            return NotFound();
        }
    }
}
