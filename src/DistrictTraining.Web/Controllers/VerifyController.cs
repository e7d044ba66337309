using DistrictTraining.Core.Certificates;
using DistrictTraining.Web.Infrastructure;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace DistrictTraining.Web.Controllers;

/// <summary>
/// The public verification of a certificate by the code printed on it (the QR code leads here).
/// Deliberately open to anyone, so it says little: name, programme, class, issue date and status
/// (CertificateVerificationService decides what), and it is rate-limited per client IP.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(VerificationRateLimit.Policy)]
[Route("Verify")]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class VerifyController(CertificateVerificationService verification) : Controller
{
    [HttpGet("")]
    public IActionResult Index(VerifyFormModel model)
    {
        Private();
        if (model.Code is null)
        {
            return View(model);
        }

        var code = VerificationCode.Normalize(model.Code);
        if (code.Length == 0)
        {
            ModelState.AddModelError(nameof(model.Code), "Vui lòng nhập mã tra cứu in trên giấy chứng nhận.");
            return View(model);
        }

        return RedirectToAction(nameof(Show), new { code });
    }

    [HttpGet("{code}")]
    public async Task<IActionResult> Show(string code, CancellationToken cancellationToken)
    {
        Private();
        var result = await verification.VerifyAsync(code, cancellationToken);
        if (result is null)
        {
            // The same plain answer for a malformed and an unknown code; the code is not echoed back.
            ModelState.Clear();
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View("Unknown", new VerifyFormModel());
        }

        return View(result);
    }

    /// <summary>Verification pages are not for search engines, and the code in the address is not passed on.</summary>
    private void Private()
    {
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
