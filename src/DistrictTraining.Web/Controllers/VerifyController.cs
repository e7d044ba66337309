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
public sealed class VerifyController(CertificateVerificationService verification, CertificateSigningService signing) : Controller
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

    /// <summary>
    /// The certificate with this code; with <paramref name="p"/>, the signed payload from its QR code (ADR-013),
    /// whose signature is checked and whose data is shown beside the register's live status.
    /// </summary>
    [HttpGet("{code}")]
    public async Task<IActionResult> Show(string code, [FromQuery] string? p, CancellationToken cancellationToken)
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

        var signature = string.IsNullOrEmpty(p) ? null : await signing.CheckAsync(p, cancellationToken);
        return View(new VerifyShowModel(result, signature));
    }

    /// <summary>
    /// The offline verifier: a small page whose script keeps the public keys and the status lists in the browser
    /// and checks a pasted payload's signature there (WebCrypto), so it works without network once loaded.
    /// </summary>
    [HttpGet("Offline")]
    public IActionResult Offline()
    {
        Private();
        return View();
    }

    /// <summary>Verification pages are not for search engines, and the code in the address is not passed on.</summary>
    private void Private()
    {
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
