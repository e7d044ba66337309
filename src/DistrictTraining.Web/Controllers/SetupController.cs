using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using DistrictTraining.Web.Infrastructure;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>The one-time first-run page. Public only while no account exists; a 404 afterwards.</summary>
[AllowAnonymous]
public sealed class SetupController(SetupService setup) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        await setup.IsRequiredAsync(cancellationToken)
            ? View(new SetupViewModel { PublicBaseUrl = CertificateLinks.RequestBase(Request) })
            : NotFound();

    [HttpPost]
    public async Task<IActionResult> Index(SetupViewModel model, CancellationToken cancellationToken)
    {
        if (!await setup.IsRequiredAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return View(model);
        }

        try
        {
            var errors = await setup.CompleteAsync(new SetupRequest(model.CentreName, model.AdminUserName, model.AdminFullName, model.Password, model.PublicBaseUrl), cancellationToken);
            if (errors.Count == 0)
            {
                TempData["Message"] = "Đã cài đặt xong. Vui lòng đăng nhập bằng tài khoản quản trị vừa tạo.";
                return RedirectToAction("Login", "Account");
            }

            foreach (var error in errors)
            {
                ModelState.AddModelError(string.Empty, error);
            }
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
        }

        return View(model);
    }
}
