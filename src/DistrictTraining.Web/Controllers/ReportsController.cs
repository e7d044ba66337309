using DistrictTraining.Core.Common;
using DistrictTraining.Core.Excel;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Reports;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>
/// The reports (/Reports/…): each page takes its filter from the query string, and its "Xuất Excel"
/// link (…Excel, same query string) writes the same numbers to a workbook. Readers see their centre
/// (the provincial office every centre); a unit liaison sees their own unit only and is refused
/// another unit's data (403) on pages and exports alike — the service decides, the controller only
/// turns the refusal into Forbid.
/// </summary>
[Authorize(Roles = ReadRoles)]
public sealed class ReportsController(ReportService reports, ReportExportService exports) : Controller
{
    public const string ReadRoles = Roles.Readers + "," + Roles.UnitLiaison;

    [HttpGet]
    public IActionResult Index() => View();

    [HttpGet]
    public Task<IActionResult> Summary(ReportQuery query, CancellationToken cancellationToken) =>
        PageAsync(query, filter => reports.SummaryAsync(filter, cancellationToken), cancellationToken);

    [HttpGet]
    public Task<IActionResult> SummaryExcel(ReportQuery query, CancellationToken cancellationToken) =>
        ExportAsync(query, nameof(Summary), () => exports.SummaryAsync(query.ToFilter(), cancellationToken));

    [HttpGet]
    public Task<IActionResult> ByUnit(ReportQuery query, CancellationToken cancellationToken) =>
        PageAsync(query, filter => reports.ByUnitAsync(filter, cancellationToken), cancellationToken);

    /// <summary>With <paramref name="current"/>, totalled under today's units; otherwise under the names of the time.</summary>
    [HttpGet]
    public Task<IActionResult> ByUnitExcel(ReportQuery query, bool current, CancellationToken cancellationToken) =>
        ExportAsync(query, nameof(ByUnit), () => exports.ByUnitAsync(query.ToFilter(), current, cancellationToken));

    /// <summary>The people behind the by-unit counts, one row per trainee-attendance.</summary>
    [HttpGet]
    public Task<IActionResult> AttendanceListExcel(ReportQuery query, CancellationToken cancellationToken) =>
        ExportAsync(query, nameof(ByUnit), () => exports.AttendanceListAsync(query.ToFilter(), cancellationToken));

    [HttpGet]
    public Task<IActionResult> Cadre(ReportQuery query, CancellationToken cancellationToken) =>
        PageAsync(query, filter => reports.CadreAsync(filter, cancellationToken), cancellationToken);

    [HttpGet]
    public Task<IActionResult> CadreExcel(ReportQuery query, CancellationToken cancellationToken) =>
        ExportAsync(query, nameof(Cadre), () => exports.CadreAsync(query.ToFilter(), cancellationToken));

    /// <summary>Lecturers' periods concern the centre, not a unit: not for unit liaisons.</summary>
    [HttpGet]
    [Authorize(Roles = Roles.Readers)]
    public Task<IActionResult> Lecturers(ReportQuery query, CancellationToken cancellationToken) =>
        PageAsync(query, filter => reports.LecturersAsync(filter, cancellationToken), cancellationToken);

    [HttpGet]
    [Authorize(Roles = Roles.Readers)]
    public Task<IActionResult> LecturersExcel(ReportQuery query, CancellationToken cancellationToken) =>
        ExportAsync(query, nameof(Lecturers), () => exports.LecturersAsync(query.ToFilter(), cancellationToken));

    [HttpGet]
    public Task<IActionResult> Grades(ReportQuery query, CancellationToken cancellationToken) =>
        PageAsync(query, filter => reports.GradesAsync(filter, cancellationToken), cancellationToken);

    [HttpGet]
    public Task<IActionResult> GradesExcel(ReportQuery query, CancellationToken cancellationToken) =>
        ExportAsync(query, nameof(Grades), () => exports.GradesAsync(query.ToFilter(), cancellationToken));

    [HttpGet]
    public Task<IActionResult> CertificatesExcel(ReportQuery query, CancellationToken cancellationToken) =>
        ExportAsync(query, nameof(Grades), () => exports.CertificatesAsync(query.ToFilter(), cancellationToken));

    private async Task<IActionResult> PageAsync<T>(ReportQuery query, Func<ReportFilter, Task<T>> load, CancellationToken cancellationToken, [System.Runtime.CompilerServices.CallerMemberName] string view = "")
        where T : class
    {
        ModelState.Clear(); // a malformed value in the URL is ignored, not an error page
        try
        {
            var report = await load(query.ToFilter());
            return View(view, new ReportPage<T>(query, await reports.ChoicesAsync(cancellationToken), report, null));
        }
        catch (ReportAccessException)
        {
            return Forbid();
        }
        catch (DomainException ex)
        {
            return View(view, new ReportPage<T>(query, await reports.ChoicesAsync(cancellationToken), null, ex.Message));
        }
    }

    private async Task<IActionResult> ExportAsync(ReportQuery query, string page, Func<Task<ReportFile>> create)
    {
        try
        {
            var export = await create();
            return File(export.File.Stream, XlsxReportWriter.ContentType, export.FileName);
        }
        catch (ReportAccessException)
        {
            return Forbid();
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
            return RedirectToAction(page, query.RouteValues());
        }
    }
}
