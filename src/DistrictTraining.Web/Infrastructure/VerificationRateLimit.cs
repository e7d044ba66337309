using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace DistrictTraining.Web.Infrastructure;

/// <summary>
/// The public certificate-verification page answers anyone, so it is rate-limited per client IP
/// (a fixed window of "Verification:PermitPerMinute" requests a minute, 30 by default) to make
/// trying codes by the thousand pointless. Over the limit: 429, rendered by the Vietnamese status
/// page. Behind a reverse proxy, the proxy must pass the client address (forwarded headers), or all
/// visitors share the proxy's budget.
/// </summary>
public static class VerificationRateLimit
{
    public const string Policy = "verification";

    public const int DefaultPermitPerMinute = 30;

    public static IServiceCollection AddVerificationRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var permit = Math.Max(1, configuration.GetValue("Verification:PermitPerMinute", DefaultPermitPerMinute));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permit,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        return services;
    }
}
