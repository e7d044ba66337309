using DistrictTraining.Core.Cadres;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using DistrictTraining.Web.Infrastructure;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>
/// People sent to higher-level training (cử đi học): a person's register (read by everyone who may see the person),
/// its form and the import of a list (centre staff).
/// </summary>
[Authorize(Roles = Roles.Readers + "," + Roles.UnitLiaison)]
[Route("CadreTraining")]
public sealed class CadreTrainingController(CadreTrainingService register, CadreTrainingImportService imports) : Controller
{
    private const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [HttpGet("Person/{traineeId:int}")]
    public async Task<IActionResult> Person(int traineeId, CancellationToken cancellationToken)
    {
        var model = await register.RegisterAsync(traineeId, cancellationToken);
        return model is null ? NotFound() : View(model);
    }

    [HttpGet("Create/{traineeId:int}")]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Create(int traineeId, CancellationToken cancellationToken)
    {
        var person = await register.RegisterAsync(traineeId, cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        return View("Edit", new ExternalTrainingViewModel { TraineeId = traineeId, PersonName = person.FullName });
    }

    [HttpGet("Edit/{id:int}")]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var course = await register.GetAsync(id, cancellationToken);
        if (course is null)
        {
            return NotFound();
        }

        var model = ExternalTrainingViewModel.From(course);
        model.PersonName = (await register.RegisterAsync(course.TraineeId, cancellationToken))?.FullName ?? "";
        return View(model);
    }

    [HttpPost("Save")]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Save(ExternalTrainingViewModel model, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var (_, raised) = await register.SaveAsync(model.ToInput(), cancellationToken);
                TempData["Message"] = raised
                    ? "Đã lưu khóa học. Trình độ lý luận chính trị của học viên đã được nâng theo khóa học đã hoàn thành."
                    : "Đã lưu khóa học.";
                return RedirectToAction(nameof(Person), new { traineeId = model.TraineeId });
            }
            catch (ExternalTrainingInputException ex)
            {
                foreach (var error in ex.Errors)
                {
                    ModelState.AddModelError(error.Field, error.Message);
                }
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError(string.Empty, ex.Message);
            }
        }

        model.PersonName = (await register.RegisterAsync(model.TraineeId, cancellationToken))?.FullName ?? "";
        return View("Edit", model);
    }

    [HttpPost("Delete/{id:int}")]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Delete(int id, int traineeId, CancellationToken cancellationToken)
    {
        try
        {
            await register.DeleteAsync(id, cancellationToken);
            TempData["Message"] = "Đã xóa khóa học.";
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
        }

        return RedirectToAction(nameof(Person), new { traineeId });
    }

    [HttpGet("Import")]
    [Authorize(Roles = Roles.Staff)]
    public IActionResult Import() => View();

    [HttpPost("Import"), OversizedUpload]
    [Authorize(Roles = Roles.Staff)]
    [RequestSizeLimit(Uploads.RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = Uploads.RequestLimit)]
    public async Task<IActionResult> ImportPost(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError(string.Empty, "Vui lòng chọn tệp Excel (.xlsx) cần nhập.");
            return View("Import");
        }

        if (file.Length > CadreTrainingImportService.MaxFileBytes)
        {
            ModelState.AddModelError(string.Empty, "Tệp lớn hơn 10 MB. Vui lòng chia nhỏ danh sách rồi nhập từng tệp.");
            return View("Import");
        }

        try
        {
            await using var stream = file.OpenReadStream();
            var preview = await imports.UploadAsync(stream, file.FileName, cancellationToken);
            return RedirectToAction(nameof(Preview), new { token = preview.Token });
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return View("Import");
        }
    }

    [HttpGet("Preview")]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Preview(string token, CancellationToken cancellationToken)
    {
        try
        {
            return View(await imports.PreviewAsync(token, cancellationToken));
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
            return RedirectToAction(nameof(Import));
        }
    }

    [HttpPost("ConfirmImport")]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> ConfirmImport(string token, CancellationToken cancellationToken)
    {
        try
        {
            var count = await imports.CommitAsync(token, cancellationToken);
            TempData["Message"] = $"Đã ghi nhận {count} khóa học.";
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
        }

        return RedirectToAction(nameof(Import));
    }

    [HttpPost("CancelImport")]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> CancelImport(string token, CancellationToken cancellationToken)
    {
        await imports.CancelAsync(token, cancellationToken);
        TempData["Message"] = "Đã hủy nhập; không có khóa học nào được ghi.";
        return RedirectToAction(nameof(Import));
    }

    [HttpGet("Template")]
    [Authorize(Roles = Roles.Staff)]
    public IActionResult Template() => File(CadreTrainingImportService.Template(), XlsxContentType, "mau-cu-di-hoc.xlsx");
}
