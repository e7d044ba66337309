using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Quality;
using DistrictTraining.Web.Infrastructure;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>
/// Trainee surveys of lecturers, staff side: a class's surveys (open, close, print the slips with the short link and
/// QR code), the centre's questionnaire (administrator) and the results with their Excel export (centre readers).
/// </summary>
[Authorize(Roles = Roles.Readers)]
[Route("Surveys")]
public sealed class SurveysController(SurveyService surveys, SurveyResultsService results, IConfiguration configuration, TimeProvider clock) : Controller
{

    [HttpGet("Class/{classId:int}")]
    public async Task<IActionResult> Class(int classId, CancellationToken cancellationToken)
    {
        var model = await surveys.ClassAsync(classId, cancellationToken);
        return model is null ? NotFound() : View(new ClassSurveysPage(model, new SurveyOpenViewModel { ClassId = classId, CodeCount = model.ActiveTrainees }, CertificateLinks.RequestBase(Request)));
    }

    [HttpPost("Open")]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Open(SurveyOpenViewModel model, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var id = await surveys.OpenAsync(new SurveyOpening(model.ClassId, model.OpensOn, model.ClosesOn, model.CodeCount), cancellationToken);
                TempData["Message"] = "Đã mở đợt khảo sát. In phiếu để phát cho học viên.";
                return RedirectToAction(nameof(Slips), new { id });
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError(string.Empty, ex.Message);
            }
        }

        var page = await surveys.ClassAsync(model.ClassId, cancellationToken);
        return page is null ? NotFound() : View("Class", new ClassSurveysPage(page, model, CertificateLinks.RequestBase(Request)));
    }

    [HttpPost("Close/{id:int}")]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Close(int id, int classId, CancellationToken cancellationToken)
    {
        try
        {
            var today = clock.VietnamToday();
            await surveys.SetClosingAsync(id, today.AddDays(-1), cancellationToken);
            TempData["Message"] = "Đã kết thúc đợt khảo sát.";
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
        }

        return RedirectToAction(nameof(Class), new { classId });
    }

    [HttpGet("Slips/{id:int}")]
    [Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Slips(int id, CancellationToken cancellationToken)
    {
        var slips = await surveys.SlipsAsync(id, cancellationToken);
        if (slips is null)
        {
            return NotFound();
        }

        var publicBase = CertificateLinks.Base(configuration, slips.PublicBaseUrl, Request);
        var url = $"{publicBase.Url}/ks/{slips.PublicKey}";
        return View(new SurveySlipsPage(slips, url, CertificateLinks.QrDataUri(url), publicBase.Warning));
    }

    [HttpGet("Questionnaire")]
    [Authorize(Roles = Roles.Administrator)]
    public async Task<IActionResult> Questionnaire(CancellationToken cancellationToken)
    {
        IReadOnlyList<SurveyItemView> items;
        try
        {
            items = await surveys.ItemsAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message; // an account without a centre has no questionnaire
            return RedirectToAction("Index", "Home");
        }

        return View(new QuestionnaireViewModel
        {
            Items = [.. items.Select(i => new QuestionnaireItem { Id = i.Id == 0 ? null : i.Id, Text = i.Text, IsActive = i.IsActive }), new QuestionnaireItem()],
        });
    }

    [HttpPost("Questionnaire")]
    [Authorize(Roles = Roles.Administrator)]
    public async Task<IActionResult> SaveQuestionnaire(QuestionnaireViewModel model, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                await surveys.SaveItemsAsync([.. model.Items.Take(30).Select(i => new SurveyItemInput(i.Id, i.Text, i.IsActive))], cancellationToken);
                TempData["Message"] = "Đã lưu phiếu khảo sát. Các đợt khảo sát mở từ nay dùng các câu hỏi này.";
                return RedirectToAction(nameof(Questionnaire));
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError(string.Empty, ex.Message);
            }
        }

        return View("Questionnaire", model);
    }

    [HttpGet("Results")]
    public async Task<IActionResult> Results(int? year, int? classId, CancellationToken cancellationToken)
    {
        var thisYear = clock.VietnamToday().Year;
        year ??= classId is null ? thisYear : null;
        if (year is < 2000 or > 2100)
        {
            year = thisYear;
        }

        var found = await results.ResultsAsync(new SurveyResultFilter(year, classId), cancellationToken);
        return View(new SurveyResultsPage(found, year, classId, [.. Enumerable.Range(thisYear - 5, 6).Reverse()]));
    }

    [HttpGet("ResultsExcel")]
    public async Task<IActionResult> ResultsExcel(int? year, int? classId, CancellationToken cancellationToken)
    {
        if (year is < 2000 or > 2100)
        {
            year = clock.VietnamToday().Year;
        }

        var file = await results.ExportAsync(new SurveyResultFilter(year, classId), cancellationToken);
        return File(file.Stream, DistrictTraining.Core.Excel.XlsxReportWriter.ContentType, $"khao-sat-giang-vien-{year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "lop"}.xlsx");
    }
}
