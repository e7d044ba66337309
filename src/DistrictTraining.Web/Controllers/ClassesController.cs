using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>
/// Classes and their timetable. Readers (and lecturers) see the list and a class's details with
/// its timetable; staff of the centre open, edit and move classes and keep the timetable.
/// The roster lives in RosterController (/Roster/...), linked from the details page.
/// </summary>
[Authorize(Roles = ReadRoles)]
public sealed class ClassesController(ClassService classes, TimetableService timetable, ClassAmendmentService amendments) : Controller
{
    private const string ReadRoles = Roles.Readers + "," + Roles.Lecturer;

    [HttpGet]
    public async Task<IActionResult> Index(ClassListQuery query, CancellationToken cancellationToken)
    {
        var page = await classes.ListAsync(query.ToFilter(), cancellationToken: cancellationToken);
        var choices = await classes.ListChoicesAsync(cancellationToken);
        var canEdit = User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.CentreStaff);
        return View(new ClassListViewModel(query, page, choices, canEdit));
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken)
    {
        if (await classes.GetDetailsAsync(id, cancellationToken) is not { } details)
        {
            return NotFound();
        }

        ViewData["Amendments"] = await amendments.GetAsync(id, cancellationToken);
        return View(details);
    }

    /// <summary>Opens an amendment of a decided class: the parts it names become editable again.</summary>
    [HttpPost]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> OpenAmendment(int id, ClassPart[]? parts, string? reason, CancellationToken cancellationToken)
    {
        try
        {
            await amendments.OpenAsync(id, (parts ?? []).Aggregate(ClassPart.None, (all, p) => all | p), reason, cancellationToken);
            TempData["Message"] = "Đã mở điều chỉnh: các phần đã chọn có thể sửa cho đến khi kết thúc điều chỉnh.";
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
            TempData["AmendmentReason"] = reason;
        }

        return Redirect(Url.Action(nameof(Details), new { id }) + "#dieu-chinh");
    }

    [HttpPost]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> CloseAmendment(int id, CancellationToken cancellationToken)
    {
        try
        {
            TempData["Message"] = "Đã kết thúc điều chỉnh, lớp được chốt lại. " + await amendments.CloseAsync(id, cancellationToken);
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
        }

        return Redirect(Url.Action(nameof(Details), new { id }) + "#dieu-chinh");
    }

    [HttpGet]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Create(int? programmeId, int? year, CancellationToken cancellationToken)
    {
        var edit = await classes.NewAsync(programmeId, year, cancellationToken);
        ModelState.Clear(); // the query's values must not stand in for the form's fields
        return await ClassFormAsync(ClassEditViewModel.From(edit), cancellationToken);
    }

    [HttpGet]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken) =>
        await classes.GetForEditAsync(id, cancellationToken) is { } edit
            ? await ClassFormAsync(ClassEditViewModel.From(edit), cancellationToken)
            : NotFound();

    /// <summary>The proposed number for a programme and year, for the class form's script.</summary>
    [HttpGet]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> ProposeNumber(int programmeId, int year, CancellationToken cancellationToken)
    {
        var number = await classes.ProposeNumberAsync(programmeId, year, cancellationToken);
        return Json(new { number, label = ClassLabels.NumberLabel(number, year) });
    }

    [HttpPost]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Save(ClassEditViewModel model, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var id = await classes.SaveAsync(model.ToEdit(), cancellationToken);
                TempData["Message"] = model.Id is null ? "Đã mở lớp mới." : "Đã lưu thông tin lớp.";
                return RedirectToAction(nameof(Details), new { id });
            }
            catch (ClassEditConflictException ex)
            {
                ModelState.AddModelError(string.Empty, ex.Message);
                foreach (var difference in ex.Differences)
                {
                    ModelState.AddModelError(difference.Field, $"Người khác đã lưu: {difference.TheirValue}");
                }

                // The form now carries the saved version, so saving again overwrites on purpose.
                ModelState.Remove(nameof(model.Version));
                model.Version = ex.CurrentVersion;
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError(string.Empty, ex.Message);
            }
        }

        return await ClassFormAsync(model, cancellationToken);
    }

    [HttpPost]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Move(int id, ClassStatus to, string? reason, CancellationToken cancellationToken)
    {
        try
        {
            await classes.MoveAsync(id, to, reason, cancellationToken);
            TempData["Message"] = $"Đã chuyển lớp sang trạng thái \"{ClassLabels.StatusName(to)}\".";
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
        }

        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> AddSession(int id, CancellationToken cancellationToken)
    {
        var edit = await timetable.NewSessionAsync(id, cancellationToken);
        if (edit is null)
        {
            return NotFound();
        }

        ModelState.Clear(); // the route's id is the class's, not the new session's hidden Id
        return await SessionFormAsync(SessionEditViewModel.From(edit), cancellationToken);
    }

    [HttpGet]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> EditSession(int id, CancellationToken cancellationToken) =>
        await timetable.GetSessionAsync(id, cancellationToken) is { } edit
            ? await SessionFormAsync(SessionEditViewModel.From(edit), cancellationToken)
            : NotFound();

    [HttpPost]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> SaveSession(SessionEditViewModel model, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                await timetable.SaveSessionAsync(model.ToEdit(), cancellationToken);
                TempData["Message"] = model.Id is null ? "Đã thêm buổi học vào thời khóa biểu." : "Đã lưu buổi học.";
                return Redirect(Url.Action(nameof(Details), new { id = model.ClassId }) + "#thoi-khoa-bieu");
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError(string.Empty, ex.Message);
            }
        }

        return await SessionFormAsync(model, cancellationToken);
    }

    [HttpPost]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> DeleteSession(int id, int classId, CancellationToken cancellationToken)
    {
        try
        {
            classId = await timetable.DeleteSessionAsync(id, cancellationToken);
            TempData["Message"] = "Đã xóa buổi học khỏi thời khóa biểu.";
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
        }

        return Redirect(Url.Action(nameof(Details), new { id = classId }) + "#thoi-khoa-bieu");
    }

    private async Task<IActionResult> ClassFormAsync(ClassEditViewModel model, CancellationToken cancellationToken)
    {
        model.Choices = await classes.FormChoicesAsync(model.ProgrammeId, model.HeadLecturerId, cancellationToken);
        return View("Edit", model);
    }

    private async Task<IActionResult> SessionFormAsync(SessionEditViewModel model, CancellationToken cancellationToken)
    {
        var context = await timetable.FormContextAsync(model.ClassId, model.LecturerId, cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        model.Context = context;
        return View("Session", model);
    }
}
