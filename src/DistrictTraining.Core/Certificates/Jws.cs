using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DistrictTraining.Core.Certificates;

/// <summary>
/// JWS compact serialization with ES256 only (RFC 7515, RFC 7518 §3.4): header.payload.signature in base64url,
/// the signature being the raw 64-byte r‖s (IEEE P1363), which is also what WebCrypto's ECDSA verify takes.
/// Deliberately small: one algorithm, so a token cannot pick a weaker one ("alg": "none" is refused).
/// </summary>
public static class Jws
{
    public const string Algorithm = "ES256";

    /// <summary>Signs <paramref name="payloadJson"/> with <paramref name="key"/> under the header {"alg":"ES256","kid":…}.</summary>
    public static string Sign(string payloadJson, string keyId, ECDsa key)
    {
        var header = JsonSerializer.Serialize(new Dictionary<string, string> { ["alg"] = Algorithm, ["kid"] = keyId });
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header)) + "." + Base64Url(Encoding.UTF8.GetBytes(payloadJson));
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>The three parts of a compact JWS, or null when the text is not one (wrong shape, not base64url, not JSON, not ES256, no kid).</summary>
    public static JwsParts? Parse(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 4096)
        {
            return null;
        }

        var parts = token.Trim().Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var header = JsonDocument.Parse(FromBase64Url(parts[0]));
            if (header.RootElement.ValueKind != JsonValueKind.Object
                || !header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != Algorithm
                || !header.RootElement.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(kid.GetString()))
            {
                return null;
            }

            var payload = FromBase64Url(parts[1]);
            var signature = FromBase64Url(parts[2]);
            return new JwsParts(kid.GetString()!, Encoding.UTF8.GetString(payload), signature, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="parts"/> was signed by the key with these public coordinates.</summary>
    public static bool Verify(JwsParts parts, string publicX, string publicY)
    {
        if (parts.Signature.Length != 64)
        {
            return false;
        }

        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = FromBase64Url(publicX), Y = FromBase64Url(publicY) },
        });
        return key.VerifyData(parts.SigningInput, parts.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                throw new FormatException("Not base64url.");
            }
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => throw new FormatException("Not base64url.") };
        return Convert.FromBase64String(padded);
    }
}

/// <summary>A parsed compact JWS: its key id, its payload (UTF-8 JSON text), its signature and the bytes that were signed.</summary>
public sealed record JwsParts(string KeyId, string PayloadJson, byte[] Signature, byte[] SigningInput);
