using DistrictTraining.Core.Organisation;
using QRCoder;

namespace DistrictTraining.Web.Infrastructure;

/// <summary>
/// The address certificates point to, and what a phone outside the office makes of it.
/// <paramref name="FromRequest"/>: no address is set anywhere, so the address the clerk's browser used stands in.
/// </summary>
public sealed record PublicBase(string Url, bool FromRequest, string? Warning);

/// <summary>The public verification address printed on a certificate, and its QR code.</summary>
public static class CertificateLinks
{
    /// <summary>The deployment-wide override of every centre's public address (README, Configuration).</summary>
    public const string OverrideKey = "Verification:PublicBaseUrl";

    /// <summary>
    /// Where verification links start: the deployment-wide <see cref="OverrideKey"/> when set (e.g. one
    /// address for a portal behind a proxy), else the centre's public address, else — with a warning —
    /// the scheme and host of the current request.
    /// </summary>
    public static PublicBase Base(IConfiguration configuration, string? centreAddress, HttpRequest request)
    {
        var address = Override(configuration) ?? (string.IsNullOrWhiteSpace(centreAddress) ? null : centreAddress.Trim().TrimEnd('/'));
        if (address is not null)
        {
            return new PublicBase(address, false, PublicAddress.Warning(address));
        }

        var fromRequest = RequestBase(request);
        var warning = PublicAddress.Warning(null) + $" Địa chỉ đang dùng: {fromRequest}.";
        return new PublicBase(fromRequest, true, warning);
    }

    /// <summary>The configured override, trimmed, or null when not set.</summary>
    public static string? Override(IConfiguration configuration) =>
        configuration[OverrideKey] is { } configured && !string.IsNullOrWhiteSpace(configured) ? configured.Trim().TrimEnd('/') : null;

    /// <summary>The address the browser used to reach this page: "https://host:port/base".</summary>
    public static string RequestBase(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>The absolute /Verify/{code} address under <paramref name="baseUrl"/>.</summary>
    public static string VerifyUrl(string baseUrl, string code) => $"{baseUrl}/Verify/{Uri.EscapeDataString(code)}";

    /// <summary>
    /// What a certificate's QR code holds: the verification address with the signed payload as its "p" query
    /// parameter (ADR-013; base64url needs no escaping), or the bare address when there is no payload.
    /// </summary>
    public static string SignedVerifyUrl(string verifyUrl, string? payload) =>
        string.IsNullOrEmpty(payload) ? verifyUrl : verifyUrl + "?p=" + payload;

    /// <summary>An SVG QR code of <paramref name="text"/> as a data: URI for an img tag; it scales with its box.</summary>
    public static string QrDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", true, SvgQRCode.SizingMode.ViewBoxAttribute);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }

    /// <summary>A PNG QR code of <paramref name="text"/> (for a Word document), 10 pixels a module with its quiet zone.</summary>
    public static byte[] QrPng(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(10);
    }
}
