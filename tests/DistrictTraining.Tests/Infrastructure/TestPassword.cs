namespace DistrictTraining.Tests.Infrastructure;

/// <summary>
/// The password of every account the tests create, unless a test says otherwise. Not a common password
/// (the portal refuses "matkhau123" and its kind) and containing no test user name.
/// </summary>
public static class TestPassword
{
    public const string Default = "Qz#2026-dtbd";

    /// <summary>PBKDF2 rounds of the password hashes the in-memory portals store (production: Identity's 100,000).</summary>
    public const int HashRounds = 1_000;
}
