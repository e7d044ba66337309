using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DistrictTraining.Core.Certificates;

/// <summary>
/// What the signed payload in a certificate's QR code says: what the paper shows, under one- and two-letter
/// names so that the QR code stays small (ADR-013). Never the CCCD. The key id travels in the JWS header.
/// </summary>
public sealed record SignedCertificateClaims(
    [property: JsonPropertyName("c")] int CentreId,
    [property: JsonPropertyName("o")] string CentreName,
    [property: JsonPropertyName("n")] string Serial,
    [property: JsonPropertyName("r")] string Register,
    [property: JsonPropertyName("h")] string FullName,
    [property: JsonPropertyName("b")] string? Birth,
    [property: JsonPropertyName("p")] string ProgrammeName,
    [property: JsonPropertyName("k")] string ClassLabel,
    [property: JsonPropertyName("d")] string? DecisionNumber,
    [property: JsonPropertyName("dd")] DateOnly? DecisionDate,
    [property: JsonPropertyName("i")] DateOnly IssueDate)
{
    /// <summary>Vietnamese letters as themselves (UTF-8), not as \uXXXX escapes that would double the QR code.</summary>
    internal static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The claims of a payload, or null when the JSON is not of this shape.</summary>
    public static SignedCertificateClaims? FromJson(string json)
    {
        try
        {
            var claims = JsonSerializer.Deserialize<SignedCertificateClaims>(json, Json);
            return claims is { Serial: not null, FullName: not null, CentreName: not null, Register: not null, ProgrammeName: not null, ClassLabel: not null } ? claims : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>What a signature check found.</summary>
public enum SignatureOutcome
{
    /// <summary>Signed by one of the portal's keys, and unchanged since.</summary>
    Genuine = 1,

    /// <summary>Well-formed, but the signature does not match the content: edited or forged.</summary>
    Forged = 2,

    /// <summary>Signed with a key id the portal never published.</summary>
    UnknownKey = 3,

    /// <summary>Not a signed payload at all (cut short, mistyped).</summary>
    Malformed = 4,
}

/// <summary>The outcome of checking a payload, and the claims it carries (shown only when genuine).</summary>
public sealed record SignatureCheck(SignatureOutcome Outcome, string? KeyId, SignedCertificateClaims? Claims)
{
    public bool IsGenuine => Outcome == SignatureOutcome.Genuine;

    /// <summary>What the verification pages say, in Vietnamese.</summary>
    public string Message => Outcome switch
    {
        SignatureOutcome.Genuine => "Chữ ký hợp lệ — dữ liệu trong mã QR do trung tâm ký và chưa bị sửa.",
        SignatureOutcome.UnknownKey => "Chữ ký không hợp lệ — mã QR được ký bằng khóa không do cổng thông tin này công bố.",
        SignatureOutcome.Malformed => "Không đọc được dữ liệu ký trong mã QR (mã bị cắt hoặc chép thiếu).",
        _ => ForgedMessage,
    };

    public const string ForgedMessage = "Chữ ký không hợp lệ — dữ liệu trong mã QR đã bị sửa hoặc giả mạo";
}
