using DistrictTraining.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DistrictTraining.Web.Infrastructure;

/// <summary>
/// Checks the sign-in cookie's security stamp against the account's on every request, so that signing out,
/// a password change, or an account disabled or edited by the administrator ends every copy of the old cookie
/// at once, on every node. Identity's own validator does this only every <c>ValidationInterval</c>, and with an
/// interval of zero it also rebuilds the claims (about five queries) and re-issues the cookie on each request;
/// this is one primary-key query for one column. Measured in docs/performance.md ("Sign-in cookie checks").
/// Identity's validator still runs after it, at its interval, to refresh the claims.
/// </summary>
public static class SessionStamp
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var claims = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirst(claims.UserIdClaimType)?.Value;
        var cookieStamp = context.Principal?.FindFirst(claims.SecurityStampClaimType)?.Value;
        string? accountStamp = null;
        if (userId is not null)
        {
            var db = http.RequestServices.GetRequiredService<AppDbContext>();
            accountStamp = await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync(http.RequestAborted);
        }

        if (cookieStamp is null || !string.Equals(cookieStamp, accountStamp, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
