using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Controllers;

/// <summary>The centre administrator's certificate signing keys (ADR-013): the list, and rotation.</summary>
[Authorize(Roles = Roles.Administrator)]
[Route("Centre/SigningKeys")]
public sealed class SigningKeysController(CertificateKeyService keys) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await keys.ListAsync(cancellationToken));

    [HttpPost("Rotate")]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> Rotate(CancellationToken cancellationToken)
    {
        try
        {
            var keyId = await keys.RotateAsync(cancellationToken);
            TempData["Message"] = $"Đã tạo khóa ký mới {keyId}. Giấy chứng nhận in từ nay mang khóa mới; giấy đã in vẫn được xác minh bằng khóa cũ.";
        }
        catch (DomainException ex)
        {
            TempData["Error"] = ex.Message;
        }

        return Redirect("/Centre/SigningKeys");
    }
}
