using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Web.Infrastructure;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>The administrator's own centre: what documents print about it, and the units it serves.</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class CentreController(CentreSettingsService centre, OrganisationUnitService units, IConfiguration configuration, TimeProvider clock) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var s = await centre.GetAsync(cancellationToken);
        await LoadUnitsAsync(cancellationToken);
        ShowAddressWarning(s.PublicBaseUrl);
        return View(new CentreSettingsViewModel
        {
            Name = s.Name, ParentBodyName = s.ParentBodyName, HostUnitId = s.HostUnitId, PlaceName = s.PlaceName,
            DirectorName = s.DirectorName, Address = s.Address, MinimumClassSize = s.MinimumClassSize,
            // Not yet set: offered the address this browser used, saved only with the form.
            PublicBaseUrl = s.PublicBaseUrl ?? CertificateLinks.RequestBase(Request),
        });
    }

    [HttpPost]
    public async Task<IActionResult> Save(CentreSettingsViewModel model, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                await centre.SaveAsync(new CentreSettings(model.Name, model.ParentBodyName, model.HostUnitId, model.PlaceName,
                    model.DirectorName, model.Address, model.MinimumClassSize, model.PublicBaseUrl), cancellationToken);
                TempData["Message"] = "Đã lưu thông tin trung tâm.";
                return RedirectToAction(nameof(Index));
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError(string.Empty, ex.Message);
            }
        }

        await LoadUnitsAsync(cancellationToken);
        ShowAddressWarning(model.PublicBaseUrl);
        return View("Index", model);
    }

    [HttpGet]
    public async Task<IActionResult> Served(CancellationToken cancellationToken) =>
        View(await centre.ServedUnitsAsync(Today, cancellationToken));

    // One row of four fields per unit: a province's units exceed the default 1,024 form values.
    [HttpPost]
    [RequestFormLimits(ValueCountLimit = 50_000)]
    public async Task<IActionResult> SaveServed(ServedUnitsViewModel model, CancellationToken cancellationToken)
    {
        try
        {
            await centre.SaveServedUnitsAsync(
                model.Rows.Where(r => r.Served).Select(r => new ServedUnitChoice(r.UnitId, r.From, r.To)).ToList(), cancellationToken);
            TempData["Message"] = $"Đã lưu: trung tâm phục vụ {model.Rows.Count(r => r.Served)} đơn vị.";
            return RedirectToAction(nameof(Served));
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
        }

        // Shown again as the user left it.
        var posted = model.Rows.DistinctBy(r => r.UnitId).ToDictionary(r => r.UnitId);
        var rows = (await centre.ServedUnitsAsync(Today, cancellationToken))
            .Select(r => posted.TryGetValue(r.Unit.Id, out var p) ? r with { IsServed = p.Served, ServedFrom = p.From, ServedTo = p.To } : r)
            .ToList();
        return View(nameof(Served), rows);
    }

    private DateOnly Today => clock.VietnamToday();

    /// <summary>Why phones outside the office could not open certificates printed with this address, and the deployment's override if any.</summary>
    private void ShowAddressWarning(string? address)
    {
        ViewBag.AddressWarning = PublicAddress.Warning(address);
        ViewBag.AddressOverride = CertificateLinks.Override(configuration);
    }

    private async Task LoadUnitsAsync(CancellationToken cancellationToken) =>
        ViewBag.Units = await units.TreeAsync(Today, all: false, cancellationToken);
}
