using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Plans;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>
/// The annual plan (/Plans?year=2026): readers see it, staff of the centre enter it in one grid and
/// may start a new year from last year's plan.
/// </summary>
[Authorize(Roles = Roles.Readers)]
public sealed class PlansController(PlanService plans, TimeProvider clock) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(int? year, bool units = false, int? centre = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var grid = await plans.GetGridAsync(year ?? clock.VietnamToday().Year, units, centre, cancellationToken);
            return View(PlanGridViewModel.From(grid));
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
            return year is null && centre is null ? RedirectToAction("Index", "Home") : RedirectToAction(nameof(Index));
        }
    }

    [HttpPost]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Save(PlanGridViewModel model, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var changed = await plans.SaveAsync(model.Year, model.ToInput(), cancellationToken);
                TempData["Message"] = changed == 0 ? "Kế hoạch không có thay đổi." : $"Đã lưu kế hoạch năm {model.Year}.";
                return RedirectToAction(nameof(Index), new { year = model.Year, units = model.ShowUnits });
            }
            catch (PlanConflictException ex)
            {
                ModelState.AddModelError(string.Empty, ex.Message);
                // The grid now carries the saved versions, so saving again overwrites on purpose.
                for (var i = 0; i < model.Lines.Count; i++)
                {
                    var line = model.Lines[i];
                    var saved = ex.Current.FirstOrDefault(c => c.ProgrammeId == line.ProgrammeId && c.UnitId == line.UnitId);
                    ModelState.Remove($"Lines[{i}].{nameof(line.LineId)}");
                    ModelState.Remove($"Lines[{i}].{nameof(line.Version)}");
                    line.LineId = saved?.LineId;
                    line.Version = saved?.Version;
                }
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError(string.Empty, ex.Message);
            }
        }

        model.Grid = await plans.GetGridAsync(model.Year, model.ShowUnits, cancellationToken: cancellationToken);
        return View(nameof(Index), model);
    }

    [HttpPost]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Copy(int year, bool units = false, CancellationToken cancellationToken = default)
    {
        try
        {
            var count = await plans.CopyFromPreviousYearAsync(year, cancellationToken);
            TempData["Message"] = $"Đã sao chép {count} dòng kế hoạch từ năm {year - 1} sang năm {year}. Hãy điều chỉnh số liệu cho năm mới.";
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
        }

        return RedirectToAction(nameof(Index), new { year, units });
    }
}
