using System.Globalization;
using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Excel;
using DistrictTraining.Core.Identity;
using DistrictTraining.Web.Infrastructure;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>
/// Certificates for staff: the master register (page, print view, Excel), a class's certificates
/// issued in one step, one certificate's page with reissue and revocation, and the printable certificates.
/// </summary>
[Authorize(Roles = Roles.Readers)]
public sealed class CertificatesController(
    CertificateService certificates, CertificateRegisterService register, CertificateSigningService signing, IUserScope scope, IConfiguration configuration,
    TimeProvider clock) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(int? year, int? programmeId, int? classId, CertificateState? state, string? q, int? centreId, int page = 1, CancellationToken cancellationToken = default)
    {
        var filter = Filter(year, programmeId, classId, state, q, centreId);
        var result = await register.GetPageAsync(filter, page, cancellationToken);
        if (result is null)
        {
            return View("NoCentre");
        }

        var f = result.Filter;
        return View(new RegisterPageModel
        {
            Register = result,
            CanEdit = scope.CanEdit,
            Url = (action, p) => Url.Action(action, new { year = f.Year, programmeId = f.ProgrammeId, classId = f.ClassId, state = f.State, q = f.Name, centreId = scope.AllCentres ? f.CentreId : null, page = p })!,
        });
    }

    [HttpGet]
    public async Task<IActionResult> Export(int? year, int? programmeId, int? classId, CertificateState? state, string? q, int? centreId, CancellationToken cancellationToken)
    {
        var filter = Filter(year, programmeId, classId, state, q, centreId);
        var file = await register.ExportAsync(filter, cancellationToken);
        if (file is null)
        {
            return View("NoCentre");
        }

        // FileStreamResult disposes the temporary file once it is sent.
        return File(file.Stream, XlsxReportWriter.ContentType, string.Create(CultureInfo.InvariantCulture, $"so-goc-{filter.Year}.xlsx"));
    }

    [HttpGet]
    public async Task<IActionResult> PrintRegister(int? year, int? programmeId, int? classId, CertificateState? state, string? q, int? centreId, CancellationToken cancellationToken)
    {
        var filter = Filter(year, programmeId, classId, state, q, centreId);
        var result = await register.GetPrintAsync(filter, cancellationToken);
        if (result is null)
        {
            return View("NoCentre");
        }

        var exportUrl = Url.Action(nameof(Export), new { year = filter.Year, programmeId, classId, state, q, centreId })!;
        return View(new RegisterPrintModel(result.Value.CentreName, filter, result.Value.Lines, result.Value.Total, exportUrl));
    }

    /// <summary>Classes with a completion decision: where certificates are issued from.</summary>
    [HttpGet]
    public async Task<IActionResult> Classes(int? year, int? centreId, CancellationToken cancellationToken)
    {
        var y = year ?? clock.VietnamToday().Year;
        return View(new DecidedClassesModel(y, await register.DecidedClassesAsync(y, centreId, cancellationToken), scope.CanEdit));
    }

    [HttpGet]
    public async Task<IActionResult> Class(int id, CancellationToken cancellationToken) =>
        await ClassPageAsync(id, new IssueViewModel(), cancellationToken);

    /// <summary>The confirm step: the numbers an issue on the chosen date would take now, before anything is taken.</summary>
    [HttpGet, Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> ConfirmIssue(int id, [Bind(Prefix = "Issue")] IssueViewModel model, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await ClassPageAsync(id, model, cancellationToken);
        }

        return await ConfirmPageAsync(id, model, null, cancellationToken);
    }

    /// <summary>Issues exactly what the confirm step showed, or refuses and shows the confirm step again with what holds now.</summary>
    [HttpPost, Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Issue(int id, [Bind(Prefix = "Issue")] IssueViewModel model, CancellationToken cancellationToken)
    {
        if (model.IssueDate is null)
        {
            return await ClassPageAsync(id, model, cancellationToken);
        }

        if (!ModelState.IsValid)
        {
            return await ConfirmPageAsync(id, model, null, cancellationToken);
        }

        if (model.Expectation() is not { } expected)
        {
            ModelState.AddModelError(string.Empty, "Hãy xem số hiệu sẽ cấp rồi mới xác nhận cấp.");
            return await ConfirmPageAsync(id, model, null, cancellationToken);
        }

        try
        {
            var result = await certificates.IssueForClassAsync(id, new IssueRequest(
                model.IssueDate.Value, model.SignerName, model.SignerTitle, expected, model.Confirmed ? model.ConfirmationReason : null), cancellationToken);
            TempData["Message"] = result.Warnings.Count > 0
                ? $"{result.Summary} Đã ghi lý do đã xác nhận vào các giấy chứng nhận cấp ngoài quy định."
                : result.Summary;
            return RedirectToAction(nameof(Class), new { id });
        }
        catch (IssueNumbersChangedException ex)
        {
            // The confirmation was given for other numbers: it must be given again for these.
            ModelState.AddModelError(string.Empty, ex.Message);
            ModelState.Remove("Issue.Confirmed");
            model.Confirmed = false;
            return await ConfirmPageAsync(id, model, ex.Current, cancellationToken);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return await ConfirmPageAsync(id, model, null, cancellationToken);
        }
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken) =>
        await DetailsPageAsync(id, new ReissueViewModel { IssueDate = clock.VietnamToday() }, new RevokeViewModel(), null, cancellationToken);

    [HttpPost, Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Reissue(int id, [Bind(Prefix = "Reissue")] ReissueViewModel model, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await DetailsPageAsync(id, model, new RevokeViewModel(), "reissue", cancellationToken);
        }

        try
        {
            var newId = await certificates.ReissueAsync(
                id, new ReissueRequest(model.Kind!.Value, model.Detail, model.IssueDate!.Value, model.SignerName, model.SignerTitle), cancellationToken);
            TempData["Message"] = "Đã cấp lại giấy chứng nhận với số hiệu mới; giấy cũ được ghi là đã cấp lại.";
            return RedirectToAction(nameof(Details), new { id = newId });
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return await DetailsPageAsync(id, model, new RevokeViewModel(), "reissue", cancellationToken);
        }
    }

    [HttpPost, Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Revoke(int id, [Bind(Prefix = "Revoke")] RevokeViewModel model, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await DetailsPageAsync(id, new ReissueViewModel { IssueDate = clock.VietnamToday() }, model, "revoke", cancellationToken);
        }

        try
        {
            await certificates.RevokeAsync(id, model.Reason, cancellationToken);
            TempData["Message"] = "Đã thu hồi giấy chứng nhận.";
            return RedirectToAction(nameof(Details), new { id });
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return await DetailsPageAsync(id, new ReissueViewModel { IssueDate = clock.VietnamToday() }, model, "revoke", cancellationToken);
        }
    }

    [HttpGet, Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> Print(int id, CancellationToken cancellationToken)
    {
        var certificate = await certificates.PrintableAsync(id, cancellationToken);
        if (certificate is null)
        {
            return NotFound();
        }

        var payloads = await signing.SignAsync([certificate.Id], cancellationToken);
        var (sheet, warning) = Sheet(certificate, payloads);
        return View("Print", new CertificatePrintModel(
            $"Giấy chứng nhận số {certificate.SerialLabel} – {certificate.FullName}", [sheet], Url.Action(nameof(Details), new { id })!,
            warning is null ? [] : [warning]));
    }

    [HttpGet, Authorize(Roles = Roles.Staff)]
    public async Task<IActionResult> PrintClass(int id, CancellationToken cancellationToken)
    {
        var all = await certificates.PrintableForClassAsync(id, cancellationToken);
        if (all is null)
        {
            return NotFound();
        }

        var label = all.Count > 0 ? $"{all[0].ProgrammeName}, {all[0].ClassLabel}" : "lớp học";
        var payloads = await signing.SignAsync(all.Select(c => c.Id).ToList(), cancellationToken);
        var sheets = all.Select(c => Sheet(c, payloads)).ToList();
        return View("Print", new CertificatePrintModel(
            $"Giấy chứng nhận – {label}", sheets.Select(s => s.Sheet).ToList(), Url.Action(nameof(Class), new { id })!,
            sheets.Select(s => s.Warning).OfType<string>().Distinct().ToList()));
    }

    private (CertificateSheet Sheet, string? Warning) Sheet(PrintableCertificate certificate, IReadOnlyDictionary<int, string> payloads)
    {
        var publicBase = CertificateLinks.Base(configuration, certificate.PublicBaseUrl, Request);
        var url = CertificateLinks.VerifyUrl(publicBase.Url, certificate.VerificationCode);
        var content = CertificateLinks.SignedVerifyUrl(url, payloads.GetValueOrDefault(certificate.Id));
        return (new CertificateSheet(certificate, url, content, CertificateLinks.QrDataUri(content)), publicBase.Warning);
    }

    private RegisterFilter Filter(int? year, int? programmeId, int? classId, CertificateState? state, string? q, int? centreId) =>
        new(year is >= 1900 and <= 2200 ? year.Value : clock.VietnamToday().Year, programmeId, classId,
            state is { } s && Enum.IsDefined(s) ? s : null, string.IsNullOrWhiteSpace(q) ? null : q.Trim(), centreId);

    private async Task<IActionResult> ClassPageAsync(int id, IssueViewModel model, CancellationToken cancellationToken)
    {
        var view = await certificates.GetClassAsync(id, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        if (model.IssueDate is null && model.SignerName is null && model.SignerTitle is null)
        {
            model.IssueDate = view.Class.DefaultIssueDate;
            model.SignerName = view.Class.DirectorName;
            model.SignerTitle = CertificateRules.DefaultSignerTitle;
        }

        return View("Class", new ClassCertificatesPageModel { View = view, Issue = model, CanEdit = scope.CanEdit });
    }

    /// <summary>
    /// The confirm page for <paramref name="model"/>'s date and signer, showing <paramref name="preview"/> or
    /// a fresh one; back to the class page when the issue is refused before any number is shown.
    /// </summary>
    private async Task<IActionResult> ConfirmPageAsync(int id, IssueViewModel model, IssuePreview? preview, CancellationToken cancellationToken)
    {
        var view = await certificates.GetClassAsync(id, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        try
        {
            preview ??= await certificates.PreviewIssueAsync(id, model.IssueDate!.Value, cancellationToken);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return View("Class", new ClassCertificatesPageModel { View = view, Issue = model, CanEdit = scope.CanEdit });
        }

        return View("ConfirmIssue", new ConfirmIssuePageModel { Class = view.Class, Preview = preview, Issue = model });
    }

    private async Task<IActionResult> DetailsPageAsync(int id, ReissueViewModel reissue, RevokeViewModel revoke, string? openForm, CancellationToken cancellationToken)
    {
        var details = await certificates.GetAsync(id, cancellationToken);
        if (details is null)
        {
            return NotFound();
        }

        if (Request.Method == HttpMethods.Get)
        {
            reissue.SignerName ??= details.DirectorName;
            reissue.SignerTitle ??= CertificateRules.DefaultSignerTitle;
        }

        return View("Details", new CertificateDetailsPageModel
        {
            Details = details,
            Reissue = reissue,
            Revoke = revoke,
            CanEdit = scope.CanEdit,
            VerifyUrl = CertificateLinks.VerifyUrl(CertificateLinks.Base(configuration, details.PublicBaseUrl, Request).Url, details.VerificationCode),
            OpenForm = openForm,
        });
    }
}
