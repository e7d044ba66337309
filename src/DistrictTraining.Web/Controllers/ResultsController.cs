using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>Scores, grades and completion of a class, and its completion decision.</summary>
[Authorize(Roles = Roles.Readers + "," + Roles.Lecturer)]
public sealed class ResultsController(ResultsService results, ClassReportService reports) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(int id, int page, CancellationToken cancellationToken)
    {
        var grid = await results.GetGridAsync(id, page, null, cancellationToken);
        return grid is null ? NotFound() : View(new ResultsPageModel { Grid = grid, Decision = DecisionViewModel.From(grid) });
    }

    /// <summary>The class roster with attendance and results, as an Excel report.</summary>
    [HttpGet]
    public async Task<IActionResult> Excel(int id, CancellationToken cancellationToken)
    {
        var export = await reports.RosterWithResultsAsync(id, cancellationToken);
        return export is { } x ? File(x.File.Stream, Core.Excel.XlsxReportWriter.ContentType, x.FileName) : NotFound();
    }

    [HttpPost, Authorize(Roles = Roles.Staff)]
    [RequestFormLimits(ValueCountLimit = AttendanceForm.MaxValues)]
    public async Task<IActionResult> Save(int id, List<ScoreRowViewModel>? rows, int page, CancellationToken cancellationToken)
    {
        var lines = (rows ?? []).Select(r => r.ToInput()).ToList();
        try
        {
            var written = await results.SaveAsync(id, lines, cancellationToken);
            TempData["Message"] = written == 0 ? "Không có thay đổi nào cần lưu." : $"Đã lưu kết quả của {written} học viên.";
            return RedirectToAction(nameof(Index), new { id, page = PageOrNull(page) });
        }
        catch (ResultsRefusedException ex)
        {
            var grid = await results.GetGridAsync(id, page, ex.Overlay, cancellationToken);
            if (grid is null)
            {
                return NotFound();
            }

            ModelState.AddModelError(string.Empty, ex.Message);
            return View(nameof(Index), new ResultsPageModel { Grid = grid, Decision = DecisionViewModel.From(grid) });
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
            return RedirectToAction(nameof(Index), new { id, page = PageOrNull(page) });
        }
    }

    [HttpPost, Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Decision(int id, [Bind(Prefix = "Decision")] DecisionViewModel model, CancellationToken cancellationToken)
    {
        string? error = null;
        if (ModelState.IsValid)
        {
            try
            {
                var isNew = await results.RecordDecisionAsync(id, new CompletionDecisionInput(model.Number, model.Date, model.Signer, model.Version), cancellationToken);
                TempData["Message"] = isNew
                    ? $"Đã ghi quyết định công nhận hoàn thành số {model.Number?.Trim()}."
                    : "Đã sửa quyết định công nhận hoàn thành; thay đổi được ghi vào nhật ký.";
                return RedirectToAction(nameof(Index), new { id });
            }
            catch (DomainException ex)
            {
                error = ex.Message;
            }
        }

        var grid = await results.GetGridAsync(id, 1, null, cancellationToken);
        if (grid is null)
        {
            return NotFound();
        }

        // What the user typed stays; the version becomes the current one, so saving again is a deliberate overwrite.
        model.Version = grid.ClassVersion;
        ModelState.Remove("Decision.Version");
        return View(nameof(Index), new ResultsPageModel { Grid = grid, Decision = model, DecisionError = error });
    }

    private static int? PageOrNull(int page) => page > 1 ? page : null;
}
