using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using DistrictTraining.Core;
using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Demo;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.WebEncoders;

namespace DistrictTraining.Web.Infrastructure;

public static class PortalServices
{
    public static IServiceCollection AddPortal(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddPortalData(configuration, environment.ContentRootPath);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<IUserScope, HttpUserScope>();
        services.AddSingleton<SetupState>();
        // The one clock: "today" is Vietnam's date by this provider (VietnamTime.VietnamToday); tests replace it.
        services.AddSingleton(TimeProvider.System);
        services.AddPortalFeatures();

        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddErrorDescriber<VietnameseIdentityErrorDescriber>()
            .AddPasswordValidator<PortalPasswordValidator>()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>()
            .AddDefaultTokenProviders();
        // Identity's own normaliser throws on U+FFFE and other noncharacters (a 500 on the login form).
        services.Replace(ServiceDescriptor.Scoped<ILookupNormalizer, SafeLookupNormalizer>());
        services.AddScoped<PortalSignIn>();
        // The stamp itself is checked on every request (SessionStamp); the claims are rebuilt at this interval.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "DistrictTraining.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnValidatePrincipal = SessionStamp.ValidatePrincipalAsync;
        });

        // The key ring lives in the database, so cookies and tokens survive restarts and work on every node.
        services.AddDataProtection().SetApplicationName("DistrictTraining").PersistKeysToDbContext<AppDbContext>();

        // Every page needs a signed-in user unless it says [AllowAnonymous] (setup, login, verification).
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddControllersWithViews(o =>
        {
            o.UseVietnameseMessages();
            o.ModelBinderProviders.Insert(0, new CleanTextModelBinderProvider());
            o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
        });
        services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");
        services.AddCookieHardening();

        // Vietnamese letters are written as they are, not as &#x...; entities; markup is still encoded.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

        // Healthy only when pages can read: a query over real tables, not just opening a connection (a corrupt
        // SQLite file still "connects").
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", customTestQuery: async (db, cancellationToken) =>
        {
            await db.Programmes.AnyAsync(cancellationToken);
            await db.Users.AnyAsync(cancellationToken);
            return true; // a read that fails throws, and the check reports the exception as unhealthy
        });

        // Certificates: the public verification page is rate-limited per client IP (VerifyController).
        services.AddVerificationRateLimit(configuration);
        return services;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Home/Error");
        }

        app.UseForwardedHeaders(); // only from the proxies in ForwardedHeaders:KnownProxies / KnownNetworks
        app.UsePortalRequestLogging();
        app.UseStatusCodePagesWithReExecute("/Home/Status/{0}");
        var vietnamese = VietnameseText.Culture;
        CultureInfo.DefaultThreadCurrentCulture = vietnamese;
        CultureInfo.DefaultThreadCurrentUICulture = vietnamese;
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(vietnamese),
            SupportedCultures = [vietnamese],
            SupportedUICultures = [vietnamese],
        });
        app.UseRouting();
        app.UseRateLimiter(); // certificates: only endpoints with a rate-limit policy (the public verification page)
        app.UseAuthentication();
        app.UseMiddleware<SetupGateMiddleware>();
        app.UseAuthorization();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapControllerRoute(name: "default", pattern: "{controller=Home}/{action=Index}/{id?}").WithStaticAssets();
        return app;
    }

    /// <summary>
    /// Waits for the database, then migrates, seeds the catalogue and, for unattended deployments, runs setup from
    /// configuration: once at a time across every node starting on the same database (<see cref="DatabaseLock"/>).
    /// </summary>
    public static async Task InitializePortalAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await WaitForDatabaseAsync(db, app.Configuration, app.Logger);
        await using var startupLock = await DatabaseLock.AcquireAsync(db, DatabaseLock.Startup);
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        // appsettings.json lists every Bootstrap key as "": an empty setting is an unset one, so its default applies.
        var bootstrapSection = app.Configuration.GetSection("Bootstrap");
        string? Bootstrap(string key) => string.IsNullOrWhiteSpace(bootstrapSection[key]) ? null : bootstrapSection[key];
        var setup = scope.ServiceProvider.GetRequiredService<SetupService>();
        if (Bootstrap("AdminUserName") is { } adminUserName && await setup.IsRequiredAsync())
        {
            var errors = await setup.CompleteAsync(new SetupRequest(
                Bootstrap("CentreName") ?? "Trung tâm Chính trị",
                adminUserName,
                Bootstrap("AdminFullName") ?? "Quản trị viên",
                Bootstrap("AdminPassword") ?? throw new InvalidOperationException("Bootstrap:AdminPassword is required with Bootstrap:AdminUserName."),
                Bootstrap("PublicBaseUrl")));
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("Bootstrap setup failed: " + string.Join(" ", errors));
            }

            app.Logger.LogInformation("Set up the portal from configuration for {User}", adminUserName);
        }

        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedIfEnabledAsync();
    }

    /// <summary>
    /// A node started while its database server is still coming up (or restarting) waits and retries, with a
    /// growing pause, for "Database:StartupWaitSeconds" (120 by default) before giving up.
    /// </summary>
    private static async Task WaitForDatabaseAsync(AppDbContext db, IConfiguration configuration, ILogger logger)
    {
        if (db.Database.IsSqlite())
        {
            return; // a file on this machine: nothing to wait for (and a first run has no file yet)
        }

        var deadline = DateTime.UtcNow.AddSeconds(Math.Max(0, configuration.GetValue("Database:StartupWaitSeconds", 120)));
        var pause = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            if (await ServerAnswersAsync(db, logger))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("The database could not be reached within Database:StartupWaitSeconds; the portal stops.");
            }

            logger.LogWarning("The database is not reachable yet; retrying in {Pause} s", pause.TotalSeconds);
            await Task.Delay(pause);
            pause = TimeSpan.FromSeconds(Math.Min(pause.TotalSeconds * 2, 10));
        }
    }

    /// <summary>Whether the database server answers; a database not created yet counts (the migrations create it).</summary>
    private static async Task<bool> ServerAnswersAsync(AppDbContext db, ILogger logger)
    {
        var connection = db.Database.GetDbConnection();
        try
        {
            await connection.OpenAsync();
            return true;
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.InvalidCatalogName)
        {
            return true;
        }
        catch (Microsoft.Data.SqlClient.SqlException ex) when (ex.Number == 4060) // cannot open database
        {
            return true;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException or System.Net.Sockets.SocketException)
        {
            logger.LogDebug(ex, "The database server does not answer yet");
            return false;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }
}
