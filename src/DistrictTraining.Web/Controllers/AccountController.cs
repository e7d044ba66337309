using DistrictTraining.Core.Identity;
using DistrictTraining.Web.Infrastructure;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

public sealed class AccountController(PortalSignIn signInService, SignInManager<AppUser> signIn, UserManager<AppUser> users) : Controller
{
    [AllowAnonymous, HttpGet]
    public IActionResult Login(string? returnUrl = null) => View(new LoginViewModel { ReturnUrl = returnUrl });

    [AllowAnonymous, HttpPost]
    public async Task<IActionResult> Login(LoginViewModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        if (await signInService.PasswordSignInAsync(model.UserName, model.Password, model.RememberMe))
        {
            return Url.IsLocalUrl(model.ReturnUrl) ? LocalRedirect(model.ReturnUrl) : RedirectToAction("Index", "Home");
        }

        ModelState.AddModelError(string.Empty, signInService.Refusal);
        model.Password = string.Empty;
        return View(model);
    }

    [HttpPost]
    public async Task<IActionResult> Logout()
    {
        await signInService.SignOutAsync(User);
        return RedirectToAction(nameof(Login));
    }

    [HttpGet]
    public IActionResult ChangePassword() => View(new ChangePasswordViewModel());

    [HttpPost]
    public async Task<IActionResult> ChangePassword(ChangePasswordViewModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, model.CurrentPassword, model.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            return View(new ChangePasswordViewModel());
        }

        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = "Đã đổi mật khẩu.";
        return RedirectToAction("Index", "Home");
    }

    [HttpGet]
    public IActionResult AccessDenied() => View("~/Views/Home/Status.cshtml", new StatusViewModel(403, "Không có quyền truy cập", "Tài khoản của bạn không được phép xem trang này."));
}
