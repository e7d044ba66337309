using DistrictTraining.Core.Auditing;
using System.Security.Claims;

namespace DistrictTraining.Web.Infrastructure;

/// <summary>The signed-in user of the current request, for the audit trail.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public string? UserId => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public string? UserName => accessor.HttpContext?.User.Identity?.Name ?? SystemUser.Instance.UserName;
}
