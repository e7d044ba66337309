using System.Security.Cryptography;
using DistrictTraining.Core.Common;
using Microsoft.AspNetCore.DataProtection;

namespace DistrictTraining.Core.Certificates;

/// <summary>
/// How a signing key's private half is kept at rest: its PKCS#8 bytes encrypted by the portal's Data Protection
/// key ring under a purpose of its own (ADR-013 says what that protects against and what not).
/// </summary>
internal static class SigningKeyProtection
{
    public const string Purpose = "DistrictTraining.Certificates.SigningKey.v1";

    public static CertificateSigningKey NewKey(IDataProtectionProvider protection, int centreId, DateTime nowUtc)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = ecdsa.ExportParameters(includePrivateParameters: false);
        var key = CertificateSigningKey.Active(centreId, nowUtc);
        key.KeyId = VerificationCode.New()[..10];
        key.PublicX = Jws.Base64Url(p.Q.X);
        key.PublicY = Jws.Base64Url(p.Q.Y);
        var pkcs8 = ecdsa.ExportPkcs8PrivateKey();
        try
        {
            key.ProtectedPrivateKey = Convert.ToBase64String(protection.CreateProtector(Purpose).Protect(pkcs8));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        return key;
    }

    /// <summary>The private key, decrypted; the caller disposes it.</summary>
    public static ECDsa Open(IDataProtectionProvider protection, string protectedPrivateKey)
    {
        byte[] pkcs8;
        try
        {
            pkcs8 = protection.CreateProtector(Purpose).Unprotect(Convert.FromBase64String(protectedPrivateKey));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            // The key ring that sealed it is gone (a restored database without its DataProtectionKeys, another deployment).
            throw new DomainException(
                "Không mở được khóa ký giấy chứng nhận của trung tâm (kho khóa bảo vệ dữ liệu đã thay đổi). Quản trị viên cần vào Thông tin trung tâm → Khóa ký giấy chứng nhận và đổi khóa ký.");
        }

        try
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return ecdsa;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
