using System.Net;
using System.Threading.RateLimiting;
using DistrictTraining.Core.Data;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;

namespace DistrictTraining.Web.Infrastructure;

/// <summary>
/// The public certificate-verification page answers anyone, so it is rate-limited per client address (a fixed
/// window of "Verification:PermitPerMinute" requests a minute, 30 by default) to make trying codes by the
/// thousand pointless. The windows are counted in the database (<see cref="RateLimitCounter"/>), so the limit
/// holds across every node behind a load balancer. The client address is the connection's, or, behind a reverse
/// proxy listed in "ForwardedHeaders:KnownProxies" / "KnownNetworks", the one that proxy forwards; nobody else
/// can choose their address with a header. Over the limit: 429, rendered by the Vietnamese status page.
/// </summary>
public static class VerificationRateLimit
{
    public const string Policy = "verification";

    public const int DefaultPermitPerMinute = 30;

    /// <summary>
    /// The public survey pages (/ks): counted the same way under their own key. A whole class often answers at once
    /// through the centre's one Wi-Fi address, so the default is higher ("Survey:PermitPerMinute", 150); a code has
    /// 31⁸ possibilities, so even at that rate guessing one is hopeless (ADR-012).
    /// </summary>
    public const string SurveyPolicy = "survey";

    public const int DefaultSurveyPermitPerMinute = 150;

    public static IServiceCollection AddVerificationRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var permit = Math.Max(1, configuration.GetValue("Verification:PermitPerMinute", DefaultPermitPerMinute));
        var surveyPermit = Math.Max(1, configuration.GetValue("Survey:PermitPerMinute", DefaultSurveyPermitPerMinute));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            options.AddPolicy(Policy, http => RateLimitPartition.Get(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                client => new SharedWindowLimiter(http.RequestServices.GetRequiredService<IServiceScopeFactory>(), "verify:" + client, permit)));
            options.AddPolicy(SurveyPolicy, http => RateLimitPartition.Get(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                client => new SharedWindowLimiter(http.RequestServices.GetRequiredService<IServiceScopeFactory>(), "survey:" + client, surveyPermit)));
        });

        // Behind a reverse proxy: trust X-Forwarded-For / -Proto from the configured proxies only.
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>One client's fixed one-minute window, counted in the database (shared by every node).</summary>
    private sealed class SharedWindowLimiter(IServiceScopeFactory scopes, string key, int permit) : RateLimiter
    {
        public override TimeSpan? IdleDuration => TimeSpan.FromMinutes(2);

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
            AcquireAsyncCore(permitCount, CancellationToken.None).AsTask().GetAwaiter().GetResult();

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var window = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
            var count = await RateLimitCounter.HitAsync(db, key, window, cancellationToken);
            return count <= permit ? Lease.Granted : Lease.Refused;
        }

        private sealed class Lease(bool acquired) : RateLimitLease
        {
            public static readonly Lease Granted = new(true);

            public static readonly Lease Refused = new(false);

            public override bool IsAcquired => acquired;

            public override IEnumerable<string> MetadataNames => [];

            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                metadata = null;
                return false;
            }
        }
    }
}
