using System.Security.Claims;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>
/// Account management. There is no self-registration: only administrators create accounts. Which accounts an
/// administrator reaches (their centre's, or every centre's) is the service's rule (ADR-010); out of reach is 404.
/// </summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class UsersController(AccountService accounts) : Controller
{
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        ViewBag.AllCentres = await accounts.ManagesAllCentresAsync(cancellationToken);
        return View(await accounts.ListAsync(cancellationToken));
    }

    [HttpGet]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(null, cancellationToken);
        return View("Edit", new UserEditViewModel { Role = Roles.CentreStaff });
    }

    [HttpGet]
    public async Task<IActionResult> Edit(string id, CancellationToken cancellationToken)
    {
        var user = await accounts.GetForEditAsync(id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        await LoadChoicesAsync(id, cancellationToken);
        return View(new UserEditViewModel
        {
            Id = user.Id, UserName = user.UserName, FullName = user.FullName, Role = user.Role, CentreId = user.CentreId, UnitId = user.UnitId,
            LecturerId = user.LecturerId, IsProvinceAdministrator = user.IsProvinceAdministrator,
        });
    }

    [HttpPost]
    public async Task<IActionResult> Save(UserEditViewModel model, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var errors = await accounts.SaveAsync(
                new UserEdit(model.Id, model.UserName, model.FullName, model.Role, model.CentreId, model.UnitId, model.Password, model.LecturerId,
                    model.IsProvinceAdministrator), cancellationToken);
            if (errors.Count == 0)
            {
                TempData["Message"] = model.Id is null ? $"Đã tạo tài khoản {model.UserName}." : $"Đã cập nhật tài khoản {model.UserName}.";
                return RedirectToAction(nameof(Index));
            }

            foreach (var error in errors)
            {
                ModelState.AddModelError(string.Empty, error);
            }
        }

        model.Password = null;
        await LoadChoicesAsync(model.Id, cancellationToken);
        return View("Edit", model);
    }

    [HttpPost]
    public async Task<IActionResult> SetDisabled(string id, bool disabled, CancellationToken cancellationToken)
    {
        try
        {
            await accounts.SetDisabledAsync(id, disabled, User.FindFirstValue(ClaimTypes.NameIdentifier)!, cancellationToken);
            TempData["Message"] = disabled ? "Đã vô hiệu hóa tài khoản." : "Đã mở lại tài khoản.";
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
        }

        return RedirectToAction(nameof(Index));
    }

    /// <summary>Lifts a temporary lockout (5 wrong passwords) before its 15 minutes are up.</summary>
    [HttpPost]
    public async Task<IActionResult> Unlock(string id, CancellationToken cancellationToken)
    {
        try
        {
            TempData["Message"] = await accounts.UnlockAsync(id, cancellationToken);
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
        }

        return RedirectToAction(nameof(Index));
    }

    private async Task LoadChoicesAsync(string? userId, CancellationToken cancellationToken)
    {
        var (centres, units) = await accounts.ChoicesAsync(cancellationToken);
        ViewBag.Centres = centres;
        ViewBag.Units = units;
        ViewBag.Lecturers = await accounts.LecturerChoicesAsync(userId, cancellationToken);
        ViewBag.AllCentres = await accounts.ManagesAllCentresAsync(cancellationToken);
    }
}
