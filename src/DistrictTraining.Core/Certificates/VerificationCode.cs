using System.Security.Cryptography;

namespace DistrictTraining.Core.Certificates;

/// <summary>
/// The code printed on a certificate for the public verification page: 120 random bits from the
/// operating system's cryptographic generator, written in Crockford's base32 (digits and capitals
/// without I, L, O, U, so that a code read off paper is typed back without ambiguity). It is never
/// derived from the certificate's numbers, so knowing one certificate tells nothing about another.
/// </summary>
public static class VerificationCode
{
    /// <summary>Crockford's base32 alphabet.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>24 characters of 5 bits: 120 bits of randomness.</summary>
    public const int Length = 24;

    private const int RandomBytes = Length * 5 / 8;

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(bytes);
        Span<char> chars = stackalloc char[Length];
        var buffer = 0;
        var bits = 0;
        var next = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                chars[next++] = Alphabet[(buffer >> bits) & 31];
            }
        }

        return new string(chars);
    }

    /// <summary>
    /// The code as typed (lower case, spaces, dashes, O for 0, I/L for 1) brought to its stored form.
    /// Whatever comes in, something of the stored shape comes out, so a malformed code costs the same
    /// look-up as an unknown one; <see cref="IsWellFormed"/> says whether it could be a real code.
    /// </summary>
    public static string Normalize(string? typed)
    {
        if (string.IsNullOrEmpty(typed))
        {
            return string.Empty;
        }

        var result = new System.Text.StringBuilder(Length);
        foreach (var c in typed)
        {
            if (result.Length > Length)
            {
                break;
            }

            var upper = char.ToUpperInvariant(c);
            switch (upper)
            {
                case ' ' or '-' or '.' or '\t':
                    continue;
                case 'O':
                    result.Append('0');
                    break;
                case 'I' or 'L':
                    result.Append('1');
                    break;
                default:
                    result.Append(upper);
                    break;
            }
        }

        return result.ToString();
    }

    public static bool IsWellFormed(string? code) =>
        code is { Length: Length } && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    /// <summary>"ABCD-EFGH-…" in groups of four, for printing.</summary>
    public static string Grouped(string code) =>
        string.Join('-', code.Chunk(4).Select(chunk => new string(chunk)));
}
