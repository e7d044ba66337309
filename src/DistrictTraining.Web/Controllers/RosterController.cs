using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>The roster of a class: typed in by hand, keyboard first.</summary>
[Authorize(Roles = Roles.Readers + "," + Roles.Lecturer)]
public sealed class RosterController(RosterService roster, IUserScope scope) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(int id, int page, CancellationToken cancellationToken) =>
        await PageAsync(id, new NewTraineeViewModel(), showNewForm: false, kept: null, cancellationToken, page);

    [HttpPost, Authorize(Roles = Roles.Staff)]
    public Task<IActionResult> Add(int id, int traineeId, Guid submission, CancellationToken cancellationToken) =>
        RunAsync(id, async () => $"Đã thêm {await roster.AddExistingAsync(id, traineeId, submission, cancellationToken)} vào danh sách lớp.");

    /// <summary>
    /// What the entry box holds, read by the server when Enter is pressed: a CCCD card's QR text or a CCCD (the person
    /// who has it, or the new-person form's values from the card), or a name split for the form. JSON for roster.js;
    /// a POST, since a card's text carries a home address that has no place in a URL.
    /// </summary>
    [HttpPost, Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Recognise(int id, string? text, CancellationToken cancellationToken)
    {
        try
        {
            return Json(await roster.RecogniseAsync(id, text, cancellationToken));
        }
        catch (DomainException ex)
        {
            return BadRequest(new { error = ex.Message });
        }
    }

    [HttpPost, Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> AddNew(int id, [Bind(Prefix = "NewTrainee")] NewTraineeViewModel model, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await PageAsync(id, model, showNewForm: true, kept: null, cancellationToken);
        }

        try
        {
            var input = new NewTraineeInput(model.FamilyName, model.MiddleName, model.GivenName, model.Sex, model.Birth, model.Cccd, model.UnitId, model.Position, model.Note);
            var name = await roster.AddNewAsync(id, input, model.Submission, model.ConfirmedDistinct, cancellationToken);
            TempData["Message"] = $"Đã tạo học viên mới {name} và thêm vào danh sách lớp.";
            return RedirectToAction(nameof(Index), new { id, focus = "search" });
        }
        catch (PossibleDuplicatesException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            model.Candidates = ex.Candidates;
            return await PageAsync(id, model, showNewForm: true, kept: null, cancellationToken);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return await PageAsync(id, model, showNewForm: true, kept: null, cancellationToken);
        }
    }

    /// <summary>A line's "Rút" button of the roster form: the line's reason and version are read by its enrolment id.</summary>
    [HttpPost, Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Withdraw(int id, int enrolmentId, int page, CancellationToken cancellationToken)
    {
        var reason = RosterRowForm.Reason(Request.Form, enrolmentId);
        try
        {
            await roster.WithdrawAsync(id, enrolmentId, RosterRowForm.Version(Request.Form, enrolmentId), reason, cancellationToken);
            TempData["Message"] = "Đã rút học viên khỏi danh sách lớp.";
            return RedirectToAction(nameof(Index), new { id, page = PageOrNull(page) });
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return await PageAsync(id, new NewTraineeViewModel(), false, new Dictionary<int, string> { [enrolmentId] = reason }, cancellationToken, page);
        }
    }

    /// <summary>A line's role, changed in the roster form (the page's script submits on change; without it, the line's "Lưu").</summary>
    [HttpPost, Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> SetRole(int id, int enrolmentId, int page, CancellationToken cancellationToken)
    {
        try
        {
            var role = RosterRowForm.Role(Request.Form, enrolmentId) ?? throw new DomainException("Vui lòng chọn nhiệm vụ trong lớp.");
            var note = await roster.SetRoleAsync(id, enrolmentId, RosterRowForm.Version(Request.Form, enrolmentId), role, cancellationToken);
            TempData["Message"] = "Đã cập nhật nhiệm vụ trong lớp." + (note is null ? "" : " " + note);
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
        }

        return RedirectToAction(nameof(Index), null, new { id, page = PageOrNull(page) }, $"e{enrolmentId}");
    }

    private static int? PageOrNull(int page) => page > 1 ? page : null;

    private async Task<IActionResult> RunAsync(int id, Func<Task<string>> action)
    {
        try
        {
            TempData["Message"] = await action();
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
        }

        return RedirectToAction(nameof(Index), new { id, focus = "search" });
    }

    private async Task<IActionResult> PageAsync(int id, NewTraineeViewModel model, bool showNewForm, IReadOnlyDictionary<int, string>? kept, CancellationToken cancellationToken, int page = 1)
    {
        var view = await roster.GetPageAsync(id, page, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        return View("Index", new RosterPageModel
        {
            Roster = view,
            Units = scope.CanEdit ? await roster.UnitChoicesAsync(cancellationToken) : [],
            NewTrainee = model,
            ShowNewForm = showNewForm,
            CanEdit = scope.CanEdit && view.Class.LockedReason is null,
            KeptReasons = kept ?? new Dictionary<int, string>(),
        });
    }
}
