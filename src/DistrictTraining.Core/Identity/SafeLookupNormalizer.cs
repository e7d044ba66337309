using DistrictTraining.Core.Common;
using Microsoft.AspNetCore.Identity;

namespace DistrictTraining.Core.Identity;

/// <summary>
/// Identity's <see cref="UpperInvariantLookupNormalizer"/> (NFC, then upper case) without its crash: it calls
/// <see cref="string.Normalize()"/>, which throws on a noncharacter, so a user name with U+FFFE typed into
/// the anonymous login form gave a 500. Clean names give the same key as before, so stored keys stay valid.
/// </summary>
public sealed class SafeLookupNormalizer : ILookupNormalizer
{
    public string? NormalizeName(string? name) => name is null ? null : InputText.Clean(name).ToUpperInvariant();

    public string? NormalizeEmail(string? email) => NormalizeName(email);
}
