using System.Collections.Concurrent;
using System.Security.Claims;
using DistrictTraining.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DistrictTraining.Web.Infrastructure;

/// <summary>
/// Signing in and out. Every refusal gets the same words and about the same time, whether the name is
/// unknown, the password wrong, or the account locked or disabled, so the login form does not tell a
/// stranger which user names exist. Signing out changes the account's security stamp, so a copy of the old
/// cookie is refused on its next request. A web part (it needs the request), so not among the feature services.
/// </summary>
public sealed class PortalSignIn(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, IOptions<IdentityOptions> options, IOptions<PasswordHasherOptions> hashing)
{
    // A hash of a random password made by the portal's own hasher with its configured rounds (one per round count, made
    // on first use): checking a password against it costs what checking a real one costs.
    private static readonly ConcurrentDictionary<int, string> DummyHashes = new();

    /// <summary>The one answer to every failed sign-in.</summary>
    public string Refusal
    {
        get
        {
            var lockout = options.Value.Lockout;
            return "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang bị khóa. "
                + $"Sau {lockout.MaxFailedAccessAttempts} lần nhập sai, tài khoản bị khóa {lockout.DefaultLockoutTimeSpan.TotalMinutes:0} phút; "
                + "nếu vẫn không đăng nhập được, vui lòng liên hệ quản trị viên.";
        }
    }

    /// <summary>True when signed in; otherwise show <see cref="Refusal"/>.</summary>
    public async Task<bool> PasswordSignInAsync(string userName, string password, bool remember)
    {
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null || user.IsDisabled || await users.IsLockedOutAsync(user))
        {
            // No password is checked here, so check one anyway: an unknown or locked name must not answer faster.
            var dummy = DummyHashes.GetOrAdd(hashing.Value.IterationCount, _ => hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString()));
            hasher.VerifyHashedPassword(user ?? new AppUser(), dummy, password);
            return false;
        }

        var result = await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        return result.Succeeded;
    }

    /// <summary>Ends the session and every copy of its cookie: the stamp in the cookie no longer matches the account's.</summary>
    public async Task SignOutAsync(ClaimsPrincipal principal)
    {
        if (await users.GetUserAsync(principal) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
    }
}
