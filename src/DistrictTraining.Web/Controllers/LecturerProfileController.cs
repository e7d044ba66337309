using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Lecturers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>A lecturer's page (printable): teaching periods per year, classes, survey results, observations.</summary>
[Authorize(Roles = Roles.Readers + "," + Roles.Lecturer)]
public sealed class LecturerProfileController(LecturerProfileService profiles) : Controller
{
    [HttpGet("Lecturers/Profile/{id:int}")]
    public async Task<IActionResult> Index(int id, CancellationToken cancellationToken)
    {
        var profile = await profiles.ProfileAsync(id, cancellationToken);
        return profile is null ? NotFound() : View(profile);
    }
}
