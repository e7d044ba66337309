using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Certificates;

public class CertificateSigningTests
{
    private static readonly DateOnly IssueDay = new(2026, 3, 12);

    private sealed record Portal(CertificateService Certificates, CertificateKeyService Keys, CertificateSigningService Signing, int CentreId, List<int> Ids);

    private static async Task<Portal> IssuedAsync(AppDbContext db, IDataProtectionProvider protection, int completed = 2)
    {
        var centre = await CertificateTestData.CentreAsync(db);
        var c = await CertificateTestData.ClassAsync(db, centre.Id, completed: completed);
        var scope = new FixedUserScope(centre.Id, IsAdministrator: true);
        var certificates = new CertificateService(db, scope, TimeProvider.System);
        await certificates.IssueForClassAsync(c.Id, new IssueRequest(IssueDay));
        var keys = new CertificateKeyService(db, scope, protection, TimeProvider.System);
        var ids = await db.Certificates.OrderBy(x => x.SerialNumber).Select(x => x.Id).ToListAsync();
        return new Portal(certificates, keys, new CertificateSigningService(db, scope, keys, TimeProvider.System), centre.Id, ids);
    }

    private static string Part(string token, int index) => token.Split('.')[index];

    private static string WithPayload(string token, string json) =>
        Part(token, 0) + "." + Jws.Base64Url(Encoding.UTF8.GetBytes(json)) + "." + Part(token, 2);

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_signed_payload_carries_what_the_paper_shows_and_any_changed_byte_makes_it_forged(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var portal = await IssuedAsync(db, new EphemeralDataProtectionProvider());
        var trainee = await db.Enrolments.Select(e => e.Trainee!).OrderBy(t => t.GivenName).FirstAsync();
        trainee.Cccd = "052090001234";
        await db.SaveChangesAsync();

        var token = (await portal.Signing.SignAsync([portal.Ids[0]]))[portal.Ids[0]];
        var check = await portal.Signing.CheckAsync(token);
        Assert.Equal(SignatureOutcome.Genuine, check.Outcome);
        var claims = check.Claims!;
        Assert.Equal(("000001/2026", "1/2026", "Nguyễn Văn A000", "01/01/1990"), (claims.Serial, claims.Register, claims.FullName, claims.Birth));
        Assert.Equal(("Bồi dưỡng nhận thức về Đảng", "lớp thứ 1/2026", "1-QĐ/TTCT"), (claims.ProgrammeName, claims.ClassLabel, claims.DecisionNumber));
        Assert.Equal((CertificateTestData.DecisionDate, IssueDay, portal.CentreId), (claims.DecisionDate, claims.IssueDate, claims.CentreId));
        Assert.Equal("Trung tâm Chính trị Thử nghiệm", claims.CentreName);
        var json = Encoding.UTF8.GetString(Jws.FromBase64Url(Part(token, 1)));
        Assert.DoesNotContain("052090001234", json);
        Assert.Contains("Nguyễn Văn A000", json); // Vietnamese letters as UTF-8, not \u escapes: the QR code stays small
        Assert.True(token.Length < 520, $"The payload is {token.Length} characters.");
        var header = JsonDocument.Parse(Jws.FromBase64Url(Part(token, 0))).RootElement;
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal(await portal.Keys.EnsureKeyAsync(portal.CentreId), header.GetProperty("kid").GetString());

        // One letter of the name changed, re-encoded cleanly: forged.
        Assert.Equal(SignatureOutcome.Forged, (await portal.Signing.CheckAsync(WithPayload(token, json.Replace("A000", "A001", StringComparison.Ordinal)))).Outcome);
        // Every single byte of the signed content or the signature flipped: forged, or not even readable.
        var signedBytes = Encoding.ASCII.GetBytes(token);
        for (var i = 0; i < signedBytes.Length; i += 7)
        {
            if (signedBytes[i] == '.')
            {
                continue;
            }

            var changed = (byte[])signedBytes.Clone();
            changed[i] = (byte)(changed[i] == 'A' ? 'B' : 'A');
            var outcome = (await portal.Signing.CheckAsync(Encoding.ASCII.GetString(changed))).Outcome;
            Assert.NotEqual(SignatureOutcome.Genuine, outcome);
        }

        // Someone else's key, under our key id: forged. Under an unknown key id: unknown key. Garbage: malformed.
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal(SignatureOutcome.Forged, (await portal.Signing.CheckAsync(Jws.Sign(json, check.KeyId!, other))).Outcome);
        Assert.Equal(SignatureOutcome.UnknownKey, (await portal.Signing.CheckAsync(Jws.Sign(json, "ZZZZZZZZZZ", other))).Outcome);
        Assert.Equal(SignatureOutcome.Malformed, (await portal.Signing.CheckAsync("eyJhbGciOiJub25lIn0.e30.")).Outcome);
        Assert.Equal(SignatureOutcome.Malformed, (await portal.Signing.CheckAsync(token[..^5] + "%%%%%")).Outcome);
        Assert.Equal(SignatureOutcome.Malformed, (await portal.Signing.CheckAsync(null)).Outcome);
        Assert.Equal("Chữ ký không hợp lệ — dữ liệu trong mã QR đã bị sửa hoặc giả mạo", new SignatureCheck(SignatureOutcome.Forged, null, null).Message);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_private_key_is_kept_encrypted_and_opens_only_with_the_portals_key_ring(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var ring = new EphemeralDataProtectionProvider();
        var portal = await IssuedAsync(db, ring);
        var kid = await portal.Keys.EnsureKeyAsync(portal.CentreId);
        Assert.Equal(kid, await portal.Keys.EnsureKeyAsync(portal.CentreId)); // made once

        await using var check = database.CreateContext();
        var stored = await check.CertificateSigningKeys.SingleAsync();
        Assert.Equal((portal.CentreId, (int?)portal.CentreId, kid), (stored.CentreId, stored.ActiveCentreId, stored.KeyId));
        var sealedBytes = Convert.FromBase64String(stored.ProtectedPrivateKey);
        // Not a PKCS#8 key in the clear (which starts with a DER SEQUENCE and holds the public point)...
        Assert.Throws<CryptographicException>(() => ECDsa.Create().ImportPkcs8PrivateKey(sealedBytes, out _));
        Assert.DoesNotContain(Convert.ToBase64String(Jws.FromBase64Url(stored.PublicX)), stored.ProtectedPrivateKey);
        // ...and another key ring cannot open it.
        Assert.ThrowsAny<CryptographicException>(() =>
            new EphemeralDataProtectionProvider().CreateProtector("DistrictTraining.Certificates.SigningKey.v1").Unprotect(sealedBytes));
        var pkcs8 = ring.CreateProtector("DistrictTraining.Certificates.SigningKey.v1").Unprotect(sealedBytes);
        using var opened = ECDsa.Create();
        opened.ImportPkcs8PrivateKey(pkcs8, out _);
        Assert.Equal(stored.PublicX, Jws.Base64Url(opened.ExportParameters(false).Q.X));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task After_a_rotation_new_payloads_carry_the_new_key_and_old_ones_still_verify(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var portal = await IssuedAsync(db, new EphemeralDataProtectionProvider());
        var before = (await portal.Signing.SignAsync(portal.Ids))[portal.Ids[1]];
        var oldKid = (await portal.Signing.CheckAsync(before)).KeyId;

        var newKid = await portal.Keys.RotateAsync();
        Assert.NotEqual(oldKid, newKid);
        var after = (await portal.Signing.SignAsync([portal.Ids[1]]))[portal.Ids[1]];
        var afterCheck = await portal.Signing.CheckAsync(after);
        Assert.Equal((SignatureOutcome.Genuine, newKid), (afterCheck.Outcome, afterCheck.KeyId));
        var beforeCheck = await portal.Signing.CheckAsync(before);
        Assert.Equal((SignatureOutcome.Genuine, oldKid), (beforeCheck.Outcome, beforeCheck.KeyId));
        Assert.Equal("000002/2026", beforeCheck.Claims!.Serial);

        var rows = await portal.Keys.ListAsync();
        Assert.Equal([newKid, oldKid], rows.Select(r => r.KeyId));
        Assert.Equal([true, false], rows.Select(r => r.IsActive));
        var published = await portal.Keys.PublicKeysAsync();
        Assert.Equal(2, published.Count);
        Assert.Single(published, k => k.Active && k.KeyId == newKid);

        // Only an administrator rotates.
        var staff = new CertificateKeyService(db, new FixedUserScope(portal.CentreId), new EphemeralDataProtectionProvider(), TimeProvider.System);
        Assert.Contains("quản trị viên", (await Assert.ThrowsAsync<DomainException>(() => staff.RotateAsync())).Message);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_signed_status_list_names_revoked_and_superseded_certificates(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var portal = await IssuedAsync(db, new EphemeralDataProtectionProvider(), completed: 3);
        await portal.Certificates.RevokeAsync(portal.Ids[1], "Khai man hồ sơ");
        await portal.Certificates.ReissueAsync(portal.Ids[2], new ReissueRequest(ReissueReasonKind.Lost, "mất", IssueDay.AddDays(3)));

        var list = Assert.Single(await portal.Signing.StatusListsAsync());
        var parts = Jws.Parse(list)!;
        var key = (await portal.Keys.PublicKeysAsync()).Single();
        Assert.Equal(key.KeyId, parts.KeyId);
        Assert.True(Jws.Verify(parts, key.X, key.Y));
        var payload = JsonDocument.Parse(parts.PayloadJson).RootElement;
        Assert.Equal(portal.CentreId, payload.GetProperty("c").GetInt32());
        var states = payload.GetProperty("s").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(
            new Dictionary<string, string?> { ["000001/2026"] = "v", ["000002/2026"] = "r", ["000003/2026"] = "s", ["000004/2026"] = "v" },
            states);
        var issuedAt = payload.GetProperty("iat").GetInt64();
        Assert.Equal(24 * 3600, payload.GetProperty("nxt").GetInt64() - issuedAt);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - issuedAt, 0, 120);

        // The list itself cannot be edited either: "r" turned back into "v" no longer verifies.
        var edited = Jws.Parse(WithPayload(list, parts.PayloadJson.Replace("\"000002/2026\":\"r\"", "\"000002/2026\":\"v\"", StringComparison.Ordinal)))!;
        Assert.False(Jws.Verify(edited, key.X, key.Y));
    }
}
