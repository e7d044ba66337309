using QRCoder;

namespace DistrictTraining.Web.Infrastructure;

/// <summary>The public verification address printed on a certificate, and its QR code.</summary>
public static class CertificateLinks
{
    /// <summary>
    /// The absolute /Verify/{code} address: from "Verification:PublicBaseUrl" when set (the address the
    /// public reaches, e.g. behind a proxy), else from the request's scheme and host.
    /// </summary>
    public static string VerifyUrl(HttpRequest request, IConfiguration configuration, string code)
    {
        var configured = configuration["Verification:PublicBaseUrl"];
        var baseUrl = string.IsNullOrWhiteSpace(configured)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : configured.TrimEnd('/');
        return $"{baseUrl}/Verify/{Uri.EscapeDataString(code)}";
    }

    /// <summary>An SVG QR code of <paramref name="text"/> as a data: URI for an img tag; it scales with its box.</summary>
    public static string QrDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", true, SvgQRCode.SizingMode.ViewBoxAttribute);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }
}
