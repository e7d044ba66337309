using System.Security.Cryptography;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Import;

/// <summary>What an upload waiting for confirmation will import.</summary>
public enum UploadKind
{
    Roster = 1,
    Scores = 2,
    Units = 3,
    ExternalTrainings = 4,
}

/// <summary>
/// An uploaded file (or what was read from it) waiting for its preview to be confirmed. Kept in the database,
/// not on one node's disk, so that behind a load balancer any node can show and confirm it (ADR-008).
/// </summary>
public class PendingUpload
{
    /// <summary>32 lower-case hex characters, random: the only handle the browser holds.</summary>
    public string Token { get; set; } = string.Empty;

    public UploadKind Kind { get; set; }

    /// <summary>The class for roster and score imports; none for units.</summary>
    public int? TargetId { get; set; }

    public string? OwnerUserId { get; set; }

    public int? CentreId { get; set; }

    public string FileName { get; set; } = string.Empty;

    public byte[] Content { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    /// <summary>When a roster import was confirmed; the upload is then kept (until it expires) for its report of skipped rows.</summary>
    public DateTime? ConfirmedAt { get; set; }

    /// <summary>The rows a confirmed roster import skipped, with their reasons (JSON of <see cref="SkippedRow"/>).</summary>
    public string? SkippedRows { get; set; }
}

/// <summary>
/// The one store of pending uploads for every import: kept with an owner and an expiry, swept when a new one
/// arrives; found, confirmed or cancelled only by the uploader (or an administrator of the same centre).
/// </summary>
internal sealed class PendingUploads(AppDbContext db, IUserScope scope, TimeProvider clock)
{
    /// <summary>How long a preview can wait for its confirmation.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(6);

    /// <summary>The largest workbook an import keeps.</summary>
    public const long MaxFileBytes = 10L * 1024 * 1024;

    /// <summary>The uploaded file's bytes, refused in Vietnamese when empty or over <see cref="MaxFileBytes"/> (read in chunks, never past it).</summary>
    public static async Task<byte[]> ReadLimitedAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes)
            {
                throw new DomainException("Tệp lớn hơn 10 MB. Vui lòng chia nhỏ danh sách rồi nhập từng tệp.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw new DomainException("Tệp tải lên trống.");
        }

        return buffer.ToArray();
    }

    public async Task<string> KeepAsync(UploadKind kind, int? targetId, string fileName, byte[] content, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.PendingUploads.Where(u => u.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        var upload = new PendingUpload
        {
            Token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(),
            Kind = kind,
            TargetId = targetId,
            OwnerUserId = scope.UserId,
            CentreId = scope.CentreId,
            FileName = Path.GetFileName(fileName),
            Content = content,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.PendingUploads.Add(upload);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(upload).State = EntityState.Detached; // the content is not needed again in this request
        return upload.Token;
    }

    /// <summary>The upload under <paramref name="token"/> if it is this user's (or their centre administrator's), of this kind and target, and not expired.</summary>
    public async Task<PendingUpload?> FindAsync(UploadKind kind, string? token, int? targetId, CancellationToken cancellationToken)
    {
        if (token is not { Length: 32 } || !token.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var upload = await db.PendingUploads.AsNoTracking()
            .FirstOrDefaultAsync(u => u.Token == token && u.Kind == kind && u.TargetId == targetId && u.ExpiresAt >= now && u.ConfirmedAt == null, cancellationToken);
        return upload is not null && MayHandle(upload) ? upload : null;
    }

    /// <summary>A confirmed upload under <paramref name="token"/> (its report of skipped rows), for the same people as <see cref="FindAsync"/>.</summary>
    public async Task<PendingUpload?> FindConfirmedAsync(UploadKind kind, string? token, int? targetId, CancellationToken cancellationToken)
    {
        if (token is not { Length: 32 } || !token.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var upload = await db.PendingUploads.AsNoTracking()
            .FirstOrDefaultAsync(u => u.Token == token && u.Kind == kind && u.TargetId == targetId && u.ExpiresAt >= now && u.ConfirmedAt != null, cancellationToken);
        return upload is not null && MayHandle(upload) ? upload : null;
    }

    /// <summary>
    /// Marks the upload confirmed as part of the caller's save, keeping its skipped-rows report: confirming twice fails the
    /// second time with the concurrency refusal (the update finds it confirmed already) instead of importing twice.
    /// </summary>
    public void Confirm(PendingUpload upload, string skippedRows)
    {
        db.PendingUploads.Attach(upload);
        var now = clock.GetUtcNow().UtcDateTime;
        upload.ConfirmedAt = now;
        upload.SkippedRows = skippedRows;
        upload.ExpiresAt = now + Lifetime;
    }

    /// <summary>
    /// Removes the upload as part of the caller's save: confirming twice (two tabs, two nodes) fails the second
    /// time with the concurrency refusal instead of importing twice.
    /// </summary>
    public void Consume(PendingUpload upload) => db.PendingUploads.Remove(upload);

    /// <summary>Cancelling: only the uploader (or their centre's administrator) can; anyone else's attempt does nothing.</summary>
    public async Task DiscardAsync(UploadKind kind, string? token, int? targetId, CancellationToken cancellationToken)
    {
        if (await FindAsync(kind, token, targetId, cancellationToken) is { } upload)
        {
            await db.PendingUploads.Where(u => u.Token == upload.Token).ExecuteDeleteAsync(cancellationToken);
        }
    }

    private bool MayHandle(PendingUpload upload) =>
        (upload.OwnerUserId is not null && upload.OwnerUserId == scope.UserId)
        || (scope.IsAdministrator && upload.CentreId == scope.CentreId);
}
