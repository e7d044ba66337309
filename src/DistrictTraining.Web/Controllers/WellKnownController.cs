using DistrictTraining.Core.Certificates;
using DistrictTraining.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace DistrictTraining.Web.Controllers;

/// <summary>
/// What an offline verifier needs (ADR-013): every centre's public signing keys as a JWK set, and each centre's
/// signed certificate status list. Public like the verification page, rate-limited like it, and cacheable.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(VerificationRateLimit.Policy)]
public sealed class WellKnownController(CertificateKeyService keys, CertificateSigningService signing) : Controller
{
    /// <summary>The public keys, retired ones included (old certificates still verify), with the centre each belongs to.</summary>
    [HttpGet("/.well-known/jwks.json")]
    [ResponseCache(Duration = 3600, Location = ResponseCacheLocation.Any)]
    public async Task<IActionResult> Jwks(CancellationToken cancellationToken)
    {
        var published = await keys.PublicKeysAsync(cancellationToken);
        return Json(new
        {
            keys = published.Select(k => new Dictionary<string, object>
            {
                ["kty"] = "EC", ["crv"] = "P-256", ["x"] = k.X, ["y"] = k.Y, ["kid"] = k.KeyId, ["alg"] = Jws.Algorithm, ["use"] = "sig",
                ["centre"] = k.CentreId, ["active"] = k.Active,
            }),
        });
    }

    /// <summary>One compact JWS per line, one line per centre: its certificates' states, when made ("iat") and when to refresh ("nxt").</summary>
    [HttpGet("/.well-known/certificate-status.jws")]
    [ResponseCache(Duration = 300, Location = ResponseCacheLocation.Any)]
    public async Task<IActionResult> Status(CancellationToken cancellationToken)
    {
        var lists = await signing.StatusListsAsync(cancellationToken);
        return Content(string.Join('\n', lists) + "\n", "text/plain; charset=utf-8");
    }
}
