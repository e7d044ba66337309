using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Trainees;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace DistrictTraining.Web.Controllers;

/// <summary>
/// The trainee registry: search, the person page, create and edit. Readers read it all; unit liaisons read
/// their own unit only, which the service enforces. Lecturers are not let in: they see the names on the
/// attendance grid and roster of the classes they teach, never CCCD, ethnicity, religion or Party data.
/// </summary>
[Authorize(Roles = Roles.Readers + "," + Roles.UnitLiaison)]
public sealed class TraineesController(TraineeService trainees, TimeProvider clock) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(TraineeIndexViewModel model, CancellationToken cancellationToken)
    {
        ModelState.Clear(); // a malformed filter in the URL is ignored, not an error page
        model.Results = await trainees.SearchAsync(new TraineeSearch(model.Q, model.UnitId, model.BirthYear, model.PartyStatus, model.Page), cancellationToken);
        model.Units = await trainees.FilterUnitChoicesAsync(cancellationToken);
        return View(model);
    }

    /// <summary>Search-as-you-type for other pages (the class roster): [{ id, fullName, birth, cccd, unitName }].</summary>
    [HttpGet]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Lookup(string? q, int take = 10, CancellationToken cancellationToken = default) =>
        Json(await trainees.LookupAsync(q, take, cancellationToken));

    /// <summary>
    /// The new-person forms' check while typing (the trainee form, the roster's quick-add): CCCD against sex and
    /// birth year, the person who has the CCCD, people with the same name and date of birth. JSON; a POST because it carries a CCCD.
    /// </summary>
    [HttpPost]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Check(TraineeCheckRequest request, CancellationToken cancellationToken)
    {
        ModelState.Clear(); // half-typed input is checked as far as it can be read, never refused
        return Json(await trainees.CheckAsync(request.ToInput(), cancellationToken));
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        var details = await trainees.GetDetailsAsync(id, cancellationToken);
        return details is null ? NotFound() : View(details);
    }

    [HttpGet]
    [Authorize(Roles = Roles.Staff)]
    public Task<IActionResult> Create(CancellationToken cancellationToken) => FormAsync(new TraineeEditViewModel(), cancellationToken);

    [HttpPost]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Create(TraineeEditViewModel model, CancellationToken cancellationToken)
    {
        model.Id = null;
        AddRuleErrors(model);
        if (ModelState.IsValid)
        {
            try
            {
                var result = await trainees.CreateAsync(model.ToInput(), model.ConfirmedDistinct, model.Submission, cancellationToken);
                if (result.Saved is { } saved)
                {
                    TempData["Message"] = $"Đã thêm học viên {saved.FullName}.";
                    return RedirectToAction(nameof(Details), new { id = saved.Id });
                }

                model.PossibleDuplicates = result.PossibleDuplicates;
            }
            catch (DomainException ex)
            {
                Refused(model, ex);
            }
        }

        return await FormAsync(model, cancellationToken);
    }

    [HttpGet]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var data = await trainees.GetForEditAsync(id, cancellationToken);
        return data is null ? NotFound() : await FormAsync(TraineeEditViewModel.From(data), cancellationToken);
    }

    [HttpPost]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Edit(int id, TraineeEditViewModel model, CancellationToken cancellationToken)
    {
        model.Id = id;
        AddRuleErrors(model);
        if (ModelState.IsValid)
        {
            try
            {
                var saved = await trainees.UpdateAsync(id, model.ToInput(), model.Version, model.HistoryMark, model.OriginalInput(), cancellationToken);
                if (saved is null)
                {
                    return NotFound();
                }

                TempData["Message"] = $"Đã lưu hồ sơ học viên {saved.FullName}.";
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (DomainException ex)
            {
                Refused(model, ex);
            }
        }

        return await FormAsync(model, cancellationToken);
    }

    // When the form already has errors the service is not asked, so show its field rules (date of birth,
    // CCCD, Party dates) now too: every mistake is listed at the first attempt.
    private void AddRuleErrors(TraineeEditViewModel model)
    {
        if (ModelState.IsValid)
        {
            return;
        }

        foreach (var error in model.ToInput().Validate(clock.VietnamToday()))
        {
            if (ModelState.GetFieldValidationState(error.Field) != ModelValidationState.Invalid)
            {
                ModelState.AddModelError(error.Field, error.Message);
            }
        }
    }

    // Puts a refusal on the form; everything typed stays as it was.
    private void Refused(TraineeEditViewModel model, DomainException refusal)
    {
        switch (refusal)
        {
            case TraineeInputException input:
                foreach (var error in input.Errors)
                {
                    ModelState.AddModelError(error.Field, error.Message);
                }

                break;
            case DuplicateCccdException duplicate:
                ModelState.AddModelError(nameof(model.Cccd), duplicate.Message);
                model.CccdOwner = duplicate.Owner;
                break;
            case TraineeEditConflictException conflict:
                // The form now shows the record as the other person saved it, with this user's own changes on top;
                // the next save writes only those changes (the service compares with the new original values).
                if (conflict.Current is { } current && model.OriginalInput() is { } original)
                {
                    ModelState.Clear();
                    model.SetInput(TraineeMerge.Apply(current, model.ToInput(), original, clock.VietnamToday()));
                    model.SetOriginal(current);
                }

                ModelState.AddModelError(string.Empty, conflict.Message);
                model.ConflictChanges = conflict.Changes;
                // The next save is made knowingly on top of the other person's: it carries the version just read.
                ModelState.Remove(nameof(model.Version));
                ModelState.Remove(nameof(model.HistoryMark));
                model.Version = conflict.CurrentVersion;
                model.HistoryMark = conflict.HistoryMark;
                break;
            default:
                ModelState.AddModelError(string.Empty, refusal.Message);
                break;
        }
    }

    private async Task<IActionResult> FormAsync(TraineeEditViewModel model, CancellationToken cancellationToken)
    {
        model.Units = await trainees.UnitChoicesAsync(model.UnitId, cancellationToken);
        return View("Edit", model);
    }
}
