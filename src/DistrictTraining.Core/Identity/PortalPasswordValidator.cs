using Microsoft.AspNetCore.Identity;

namespace DistrictTraining.Core.Identity;

/// <summary>
/// Refuses, beyond Identity's length and character rules, a password found in the short list of the most
/// common ones (common-passwords.txt, embedded) and a password that contains the user name.
/// </summary>
public sealed class PortalPasswordValidator : IPasswordValidator<AppUser>
{
    public const string TooCommon = "Mật khẩu này quá phổ biến, người khác dễ đoán ra. Vui lòng chọn mật khẩu khác.";
    public const string ContainsUserName = "Mật khẩu không được trùng hoặc chứa tên đăng nhập.";

    /// <summary>User names shorter than this (two letters) are not looked for inside the password.</summary>
    private const int ShortestUserNameChecked = 3;

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var errors = new List<IdentityError>();
        var candidate = (password ?? string.Empty).Trim();
        if (IsCommon(candidate))
        {
            errors.Add(new IdentityError { Code = nameof(TooCommon), Description = TooCommon });
        }

        var userName = user.UserName?.Trim() ?? string.Empty;
        if (userName.Length >= ShortestUserNameChecked && candidate.Contains(userName, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new IdentityError { Code = nameof(ContainsUserName), Description = ContainsUserName });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim());

    private static HashSet<string> Load()
    {
        using var stream = typeof(PortalPasswordValidator).Assembly.GetManifestResourceStream("DistrictTraining.Core.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded list common-passwords.txt is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim());
            }
        }

        return set;
    }
}
