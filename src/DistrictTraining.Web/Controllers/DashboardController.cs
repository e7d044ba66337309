using DistrictTraining.Core.Common;
using DistrictTraining.Core.Reports;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>
/// The dashboard (/Dashboard?year=2025&amp;half=1): for committee officials, staff and the provincial
/// office, and for a unit liaison limited to their unit. Each chart is server-rendered SVG with its
/// table beside it.
/// </summary>
[Authorize(Roles = ReportsController.ReadRoles)]
public sealed class DashboardController(ReportService reports) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(ReportQuery query, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        query.From = null;
        query.To = null;
        query.Programme = null;
        try
        {
            var dashboard = await reports.DashboardAsync(query.ToFilter(), cancellationToken);
            return View(new ReportPage<Dashboard>(query, await reports.ChoicesAsync(cancellationToken), dashboard, null));
        }
        catch (ReportAccessException)
        {
            return Forbid();
        }
        catch (DomainException ex)
        {
            return View(new ReportPage<Dashboard>(query, await reports.ChoicesAsync(cancellationToken), null, ex.Message));
        }
    }
}
