using System.Security.Claims;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DistrictTraining.Web.Infrastructure;

/// <summary>The signed-in user's scope, read from the claims that <see cref="PortalClaimsFactory"/> puts in the cookie.</summary>
public sealed class HttpUserScope(IHttpContextAccessor accessor) : IUserScope
{
    private ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    public int? CentreId => int.TryParse(User.FindFirstValue(PortalClaimsFactory.CentreClaim), out var id) ? id : null;

    public int? UnitId => User.IsInRole(Roles.UnitLiaison) && int.TryParse(User.FindFirstValue(PortalClaimsFactory.UnitClaim), out var id) ? id : null;

    public bool CanEdit => User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.CentreStaff);

    public bool IsAdministrator => User.IsInRole(Roles.Administrator);

    public bool AllCentres => User.IsInRole(Roles.ProvincialOffice) && CentreId is null;

    public bool IsLecturer => User.IsInRole(Roles.Lecturer);
}

/// <summary>Adds the account's centre and unit to its sign-in cookie.</summary>
public sealed class PortalClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    public const string CentreClaim = "dt:centre";
    public const string UnitClaim = "dt:unit";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.CentreId is { } centre)
        {
            identity.AddClaim(new Claim(CentreClaim, centre.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (user.UnitId is { } unit)
        {
            identity.AddClaim(new Claim(UnitClaim, unit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        identity.AddClaim(new Claim("dt:fullname", user.FullName));
        return identity;
    }
}
