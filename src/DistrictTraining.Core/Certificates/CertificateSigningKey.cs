namespace DistrictTraining.Core.Certificates;

/// <summary>
/// One of a centre's P-256 keys for signing the payload in a certificate's QR code (ADR-013). The private key
/// is stored only as Data Protection ciphertext; the public key stays published after rotation so that
/// certificates signed with it still verify. At most one key per centre is active, enforced by a unique
/// index on <see cref="ActiveCentreId"/> (null once retired), so two nodes creating a key at once make one.
/// </summary>
public class CertificateSigningKey
{
    public int Id { get; set; }

    public int CentreId { get; set; }

    /// <summary>The centre's id while this key signs; null once rotated out (unique: one active key per centre).</summary>
    public int? ActiveCentreId { get; private set; }

    /// <summary>The JWS "kid": random, short, unique across the deployment.</summary>
    public string KeyId { get; set; } = string.Empty;

    /// <summary>The public point's coordinates, base64url, as in a JWK.</summary>
    public string PublicX { get; set; } = string.Empty;

    public string PublicY { get; set; } = string.Empty;

    /// <summary>The PKCS#8 private key, encrypted by Data Protection (<see cref="SigningKeyProtection"/>), base64.</summary>
    public string ProtectedPrivateKey { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public DateTime? RetiredAt { get; private set; }

    public bool IsActive => RetiredAt is null;

    public static CertificateSigningKey Active(int centreId, DateTime createdAtUtc) =>
        new() { CentreId = centreId, ActiveCentreId = centreId, CreatedAt = createdAtUtc };

    public void Retire(DateTime atUtc)
    {
        ActiveCentreId = null;
        RetiredAt ??= atUtc;
    }
}
