using System.Text.Json;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Certificates;

/// <summary>
/// The signed payloads of certificates (ADR-013): the JWS printed in each certificate's QR code, the check of a
/// payload against the published keys, and each centre's signed status list for offline verifiers.
/// </summary>
public sealed class CertificateSigningService(AppDbContext db, IUserScope scope, CertificateKeyService keys, TimeProvider clock)
{
    /// <summary>How long a status list is good for: an offline verifier calls an older one stale.</summary>
    public static readonly TimeSpan StatusListLifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// The signed payload of each of these certificates of the user's centre (all centres for the provincial office),
    /// by certificate id, signed with its centre's active key. Unknown ids and other centres' certificates are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, string>> SignAsync(IReadOnlyCollection<int> certificateIds, CancellationToken cancellationToken = default)
    {
        var ids = certificateIds.Distinct().ToList();
        var query = db.Certificates.Where(c => ids.Contains(c.Id));
        if (!scope.AllCentres)
        {
            query = query.Where(c => c.CentreId == scope.CentreId);
        }

        var rows = await query.Select(c => new
            {
                c.Id, c.CentreId, CentreName = c.Enrolment!.Class!.Centre!.Name, c.Year, c.SerialNumber, c.RegisterNumber,
                c.Enrolment.Trainee!.FullName, c.Enrolment.Trainee.DateOfBirth, c.Enrolment.Trainee.BirthYearOnly,
                ProgrammeName = c.Enrolment.Class.Programme!.Name, c.Enrolment.Class.Number, ClassYear = c.Enrolment.Class.Year,
                c.Enrolment.Class.CompletionDecisionNumber, c.Enrolment.Class.CompletionDecisionDate, c.IssueDate,
            })
            .ToListAsync(cancellationToken);
        var signed = new Dictionary<int, string>();
        foreach (var centre in rows.GroupBy(r => r.CentreId))
        {
            var (keyId, key) = await keys.SignerAsync(centre.Key, cancellationToken);
            using (key)
            {
                foreach (var r in centre)
                {
                    var claims = new SignedCertificateClaims(
                        r.CentreId, r.CentreName, CertificateRules.SerialLabel(r.Year, r.SerialNumber), CertificateRules.RegisterLabel(r.Year, r.RegisterNumber),
                        r.FullName, CertificateService.Birth(r.DateOfBirth, r.BirthYearOnly), r.ProgrammeName, CertificateService.Label(r.Number, r.ClassYear),
                        r.CompletionDecisionNumber, r.CompletionDecisionDate, r.IssueDate);
                    signed[r.Id] = Jws.Sign(claims.ToJson(), keyId, key);
                }
            }
        }

        return signed;
    }

    /// <summary>
    /// Whether <paramref name="token"/> is a payload signed by one of the portal's keys (active or retired) and
    /// unchanged since; anonymous, so it says nothing beyond what the payload itself carries.
    /// </summary>
    public async Task<SignatureCheck> CheckAsync(string? token, CancellationToken cancellationToken = default)
    {
        var parts = Jws.Parse(token);
        if (parts is null)
        {
            return new SignatureCheck(SignatureOutcome.Malformed, null, null);
        }

        var key = await db.CertificateSigningKeys.AsNoTracking().Where(k => k.KeyId == parts.KeyId)
            .Select(k => new { k.PublicX, k.PublicY, k.CentreId })
            .FirstOrDefaultAsync(cancellationToken);
        if (key is null)
        {
            return new SignatureCheck(SignatureOutcome.UnknownKey, parts.KeyId, null);
        }

        if (!Jws.Verify(parts, key.PublicX, key.PublicY))
        {
            return new SignatureCheck(SignatureOutcome.Forged, parts.KeyId, null);
        }

        // A genuine signature over claims of another shape, or naming another centre than the key's, is not ours.
        var claims = SignedCertificateClaims.FromJson(parts.PayloadJson);
        return claims is null || claims.CentreId != key.CentreId
            ? new SignatureCheck(SignatureOutcome.Forged, parts.KeyId, null)
            : new SignatureCheck(SignatureOutcome.Genuine, parts.KeyId, claims);
    }

    /// <summary>
    /// Each active centre's status list, signed with its active key: every certificate number of the centre with
    /// its state today ("v" valid, "s" superseded, "r" revoked, "x" expired, "u" under review), the time it was
    /// made ("iat") and the time by which a verifier should fetch a new one ("nxt"), both in Unix seconds.
    /// </summary>
    public async Task<IReadOnlyList<string>> StatusListsAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var today = clock.VietnamToday();
        var fallen = CertificateBasis.Fallen;
        var centres = await db.TrainingCentres.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken);
        var rows = await db.Certificates.AsNoTracking()
            .Select(c => new { c.CentreId, c.Year, c.SerialNumber, c.Status, c.ValidUntil, Fallen = db.Certificates.Where(fallen).Any(f => f.Id == c.Id) })
            .ToListAsync(cancellationToken);
        var lists = new List<string>(centres.Count);
        foreach (var centre in centres)
        {
            var states = rows.Where(r => r.CentreId == centre.Id).OrderBy(r => r.Year).ThenBy(r => r.SerialNumber)
                .ToDictionary(
                    r => CertificateRules.SerialLabel(r.Year, r.SerialNumber),
                    r => StatusCode(CertificateRules.StateOn(r.Status, r.ValidUntil, today, basisStands: !r.Fallen)));
            var payload = JsonSerializer.Serialize(
                new Dictionary<string, object>
                {
                    ["c"] = centre.Id, ["o"] = centre.Name, ["iat"] = now.ToUnixTimeSeconds(),
                    ["nxt"] = now.Add(StatusListLifetime).ToUnixTimeSeconds(), ["s"] = states,
                },
                SignedCertificateClaims.Json);
            var (keyId, key) = await keys.SignerAsync(centre.Id, cancellationToken);
            using (key)
            {
                lists.Add(Jws.Sign(payload, keyId, key));
            }
        }

        return lists;
    }

    /// <summary>The one-letter state of the status list.</summary>
    public static string StatusCode(CertificateState state) => state switch
    {
        CertificateState.Valid => "v",
        CertificateState.Superseded => "s",
        CertificateState.Revoked => "r",
        CertificateState.Expired => "x",
        _ => "u",
    };
}
