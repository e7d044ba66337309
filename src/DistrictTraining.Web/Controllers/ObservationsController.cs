using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Quality;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>Class observations (dự giờ) of a lecturer's sessions, recorded by centre staff; listed on the lecturer's page.</summary>
[Authorize(Roles = Roles.Staff)]
[Route("Observations")]
public sealed class ObservationsController(ObservationService observations, LecturerService lecturers, TimeProvider clock) : Controller
{
    [HttpGet("Create/{lecturerId:int}")]
    public async Task<IActionResult> Create(int lecturerId, CancellationToken cancellationToken) =>
        await FormAsync(new ObservationViewModel { LecturerId = lecturerId, ObservedOn = clock.VietnamToday() }, cancellationToken);

    [HttpGet("Edit/{id:int}")]
    public async Task<IActionResult> Edit(int id, int lecturerId, CancellationToken cancellationToken)
    {
        var observation = await observations.GetAsync(id, cancellationToken);
        if (observation is null)
        {
            return NotFound();
        }

        var model = ObservationViewModel.From(observation);
        model.LecturerId = lecturerId;
        return await FormAsync(model, cancellationToken);
    }

    [HttpPost("Save")]
    public async Task<IActionResult> Save(ObservationViewModel model, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                await observations.SaveAsync(model.ToInput(), cancellationToken);
                TempData["Message"] = "Đã lưu biên bản dự giờ.";
                return Redirect($"/Lecturers/Profile/{model.LecturerId}");
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError(string.Empty, ex.Message);
            }
        }

        return await FormAsync(model, cancellationToken);
    }

    private async Task<IActionResult> FormAsync(ObservationViewModel model, CancellationToken cancellationToken)
    {
        try
        {
            var lecturer = await lecturers.GetAsync(model.LecturerId, cancellationToken);
            if (lecturer is null)
            {
                return NotFound();
            }

            model.LecturerName = VietnameseText.FullName(lecturer.FamilyName, lecturer.MiddleName, lecturer.GivenName);
            model.Sessions = await observations.SessionsAsync(model.LecturerId, cancellationToken);
            return View("Edit", model);
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message; // an account without a centre records no observation
            return RedirectToAction("Index", "Home");
        }
    }
}
