using System.Security.Cryptography;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Certificates;

/// <summary>One of the centre's signing keys as the administrator sees it.</summary>
public sealed record SigningKeyRow(string KeyId, DateTime CreatedAt, DateTime? RetiredAt)
{
    public bool IsActive => RetiredAt is null;
}

/// <summary>A published public key: a JWK of the P-256 curve.</summary>
public sealed record PublicSigningKey(string KeyId, int CentreId, string X, string Y, bool Active);

/// <summary>
/// Each centre's P-256 signing keys (ADR-013): made at setup or, for a centre that has none, when first needed;
/// rotated by the centre's administrator; every public key published, retired ones included, so that a
/// certificate printed before a rotation still verifies.
/// </summary>
public sealed class CertificateKeyService(AppDbContext db, IUserScope scope, IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>The centre's active key id, creating the key when the centre has none.</summary>
    public async Task<string> EnsureKeyAsync(int centreId, CancellationToken cancellationToken = default) =>
        (await ActiveKeyAsync(centreId, cancellationToken)).KeyId;

    /// <summary>The signed-in administrator's centre's keys, newest first (a first key is made if there is none).</summary>
    public async Task<IReadOnlyList<SigningKeyRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        var centreId = scope.RequireCentre();
        await ActiveKeyAsync(centreId, cancellationToken);
        return await db.CertificateSigningKeys.AsNoTracking().Where(k => k.CentreId == centreId)
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
            .Select(k => new SigningKeyRow(k.KeyId, k.CreatedAt, k.RetiredAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Retires the administrator's centre's active key and makes a new one; certificates printed from now on carry
    /// the new key id, and those printed before still verify with the retired key, which stays published.
    /// </summary>
    public async Task<string> RotateAsync(CancellationToken cancellationToken = default)
    {
        if (!scope.IsAdministrator)
        {
            throw new DomainException("Chỉ quản trị viên của trung tâm được đổi khóa ký.");
        }

        var centreId = scope.RequireCentre();
        var now = clock.GetUtcNow().UtcDateTime;
        // Sealed before the transaction: Data Protection may write its key ring through a connection of its own.
        var fresh = SigningKeyProtection.NewKey(protection, centreId, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var active = await db.CertificateSigningKeys.Where(k => k.ActiveCentreId == centreId).ToListAsync(cancellationToken);
        foreach (var key in active)
        {
            key.Retire(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        db.CertificateSigningKeys.Add(fresh);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            throw new DomainException("Khóa ký vừa được đổi bởi người khác. Vui lòng tải lại trang.");
        }

        await transaction.CommitAsync(cancellationToken);
        return fresh.KeyId;
    }

    /// <summary>Every centre's public keys, active and retired, for /.well-known/jwks.json.</summary>
    public async Task<IReadOnlyList<PublicSigningKey>> PublicKeysAsync(CancellationToken cancellationToken = default) =>
        await db.CertificateSigningKeys.AsNoTracking()
            .OrderBy(k => k.CentreId).ThenByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
            .Select(k => new PublicSigningKey(k.KeyId, k.CentreId, k.PublicX, k.PublicY, k.RetiredAt == null))
            .ToListAsync(cancellationToken);

    /// <summary>The centre's active key, opened for signing; the caller disposes the ECDsa.</summary>
    internal async Task<(string KeyId, ECDsa Key)> SignerAsync(int centreId, CancellationToken cancellationToken)
    {
        var key = await ActiveKeyAsync(centreId, cancellationToken);
        return (key.KeyId, SigningKeyProtection.Open(protection, key.ProtectedPrivateKey));
    }

    /// <summary>The centre's active key; made when missing. Two nodes making one at once: the unique index keeps one, the other reads it.</summary>
    private async Task<CertificateSigningKey> ActiveKeyAsync(int centreId, CancellationToken cancellationToken)
    {
        var existing = await db.CertificateSigningKeys.AsNoTracking().FirstOrDefaultAsync(k => k.ActiveCentreId == centreId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        if (!await db.TrainingCentres.AnyAsync(c => c.Id == centreId, cancellationToken))
        {
            throw new DomainException("Không tìm thấy trung tâm.");
        }

        var fresh = SigningKeyProtection.NewKey(protection, centreId, clock.GetUtcNow().UtcDateTime);
        db.CertificateSigningKeys.Add(fresh);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            db.Entry(fresh).State = EntityState.Detached;
            return fresh;
        }
        catch (DbUpdateException)
        {
            db.Entry(fresh).State = EntityState.Detached;
            return await db.CertificateSigningKeys.AsNoTracking().FirstOrDefaultAsync(k => k.ActiveCentreId == centreId, cancellationToken)
                ?? throw new DomainException("Chưa tạo được khóa ký giấy chứng nhận cho trung tâm. Vui lòng thử lại.");
        }
    }
}
