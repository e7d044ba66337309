using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>The centre's lecturer register (full-time and part-time).</summary>
[Authorize(Roles = Roles.Staff)]
public sealed class LecturersController(LecturerService lecturers) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(string? q, string? kind, string? status, int page = 1, CancellationToken cancellationToken = default)
    {
        status = status is "inactive" or "all" ? status : "active";
        var filter = new LecturerFilter(
            q,
            Enum.TryParse<LecturerKind>(kind, out var k) && Enum.IsDefined(k) ? k : null,
            status switch { "all" => null, "inactive" => false, _ => true },
            page);
        try
        {
            return View(new LecturerListViewModel(await lecturers.ListAsync(filter, cancellationToken), q, filter.Kind?.ToString(), status));
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
            return RedirectToAction("Index", "Home");
        }
    }

    [HttpGet]
    public Task<IActionResult> Create(CancellationToken cancellationToken) => FormAsync(new LecturerEditViewModel(), cancellationToken);

    [HttpGet]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var lecturer = await lecturers.GetAsync(id, cancellationToken);
        return lecturer is null ? NotFound() : await FormAsync(LecturerEditViewModel.From(lecturer), cancellationToken);
    }

    [HttpPost]
    public async Task<IActionResult> Save(LecturerEditViewModel model, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                await lecturers.SaveAsync(model.ToEdit(), cancellationToken);
                TempData["Message"] = model.Id is null ? "Đã thêm giảng viên." : "Đã lưu thông tin giảng viên.";
                return RedirectToAction(nameof(Index));
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError(string.Empty, ex.Message);
            }
        }

        return await FormAsync(model, cancellationToken);
    }

    /// <summary>The form, with the accounts it offers to link (the centre's Lecturer accounts not linked elsewhere).</summary>
    private async Task<IActionResult> FormAsync(LecturerEditViewModel model, CancellationToken cancellationToken)
    {
        model.Accounts = await lecturers.AccountChoicesAsync(model.Id, cancellationToken);
        return View("Edit", model);
    }
}
