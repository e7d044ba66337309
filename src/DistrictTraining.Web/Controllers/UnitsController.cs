using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Web.Infrastructure;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>Organisational units: the tree on a chosen day, create/edit, merge, and import from Excel.</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class UnitsController(OrganisationUnitService units, UnitImportService imports, TimeProvider clock) : Controller
{
    private const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private DateOnly Today => clock.VietnamToday();

    [HttpGet]
    public async Task<IActionResult> Index(DateOnly? on, bool all, CancellationToken cancellationToken)
    {
        var day = on ?? Today;
        return View(new UnitTreeViewModel(day, all, await units.TreeAsync(day, all, cancellationToken)));
    }

    [HttpGet]
    public async Task<IActionResult> Create(int? parentId, CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
        return View("Edit", new UnitEditViewModel { ParentId = parentId });
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var unit = await units.GetAsync(id, cancellationToken);
        if (unit is null)
        {
            return NotFound();
        }

        await LoadChoicesAsync(cancellationToken);
        return View(new UnitEditViewModel
        {
            Id = unit.Id, Code = unit.Code, Name = unit.Name, Kind = unit.Kind, ParentId = unit.ParentId,
            ValidFrom = unit.ValidFrom, ValidTo = unit.ValidTo, SuccessorName = unit.SuccessorName,
        });
    }

    [HttpPost]
    public async Task<IActionResult> Save(UnitEditViewModel model, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                await units.SaveAsync(model.ToEdit(), cancellationToken);
                TempData["Message"] = model.Id is null ? $"Đã thêm đơn vị {model.Name}." : $"Đã lưu đơn vị {model.Name}.";
                return RedirectToAction(nameof(Index));
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError(string.Empty, ex.Message);
            }
        }

        if (model.Id is { } id)
        {
            model.SuccessorName = (await units.GetAsync(id, cancellationToken))?.SuccessorName;
        }

        await LoadChoicesAsync(cancellationToken);
        return View("Edit", model);
    }

    [HttpGet]
    public async Task<IActionResult> Merge(int[] ids, CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
        return View(new UnitMergeViewModel { UnitIds = ids.ToList() });
    }

    [HttpPost]
    [ActionName("Merge")]
    public async Task<IActionResult> MergePost(UnitMergeViewModel model, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var result = await units.MergeAsync(model.ToRequest(), cancellationToken);
                var message = $"Đã sáp nhập {result.MergedCount} đơn vị vào {result.SuccessorName}.";
                if (result.MovedChildren > 0)
                {
                    message += $" {result.MovedChildren} đơn vị trực thuộc đã chuyển sang {result.SuccessorName}.";
                }

                if (result.CentresUpdated > 0)
                {
                    message += $" Trung tâm phục vụ {result.SuccessorName} từ ngày {model.LastDay!.Value.AddDays(1):dd/MM/yyyy}.";
                }

                TempData["Message"] = message;
                return RedirectToAction(nameof(Index), new { all = true });
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError(string.Empty, ex.Message);
            }
        }

        await LoadChoicesAsync(cancellationToken);
        return View("Merge", model);
    }

    [HttpGet]
    public IActionResult Import() => View();

    [HttpPost, OversizedUpload]
    [RequestSizeLimit(Uploads.RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = Uploads.RequestLimit)]
    [ActionName("Import")]
    public async Task<IActionResult> ImportPost(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError(string.Empty, "Vui lòng chọn tệp Excel (.xlsx) cần nhập.");
            return View("Import");
        }

        if (file.Length > UnitImportService.MaxFileBytes)
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

    [HttpGet]
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

    [HttpPost]
    public async Task<IActionResult> ConfirmImport(string token, CancellationToken cancellationToken)
    {
        try
        {
            var count = await imports.CommitAsync(token, cancellationToken);
            TempData["Message"] = $"Đã nhập {count} đơn vị mới.";
            return RedirectToAction(nameof(Index), new { all = true });
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
            return RedirectToAction(nameof(Import));
        }
    }

    [HttpPost]
    public async Task<IActionResult> CancelImport(string token, CancellationToken cancellationToken)
    {
        await imports.CancelAsync(token, cancellationToken);
        TempData["Message"] = "Đã hủy nhập; không có đơn vị nào được ghi.";
        return RedirectToAction(nameof(Import));
    }

    [HttpGet]
    public IActionResult Template() => File(UnitImportService.Template(), XlsxContentType, "mau-nhap-don-vi.xlsx");

    private async Task LoadChoicesAsync(CancellationToken cancellationToken) =>
        ViewBag.Units = await units.TreeAsync(Today, all: true, cancellationToken);
}
