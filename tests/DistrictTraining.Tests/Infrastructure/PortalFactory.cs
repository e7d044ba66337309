using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DistrictTraining.Tests.Infrastructure;

/// <summary>
/// The real portal in memory, on a fresh real database; only the connection settings are overridden,
/// and the clock when a test sets one (a FakeTimeProvider, to stand at a chosen moment).
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _clock;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">Test-only service changes (for instance a connection interceptor that fills the disk).</param>
    public PortalFactory(TestDatabase database, IDictionary<string, string?>? settings = null, TimeProvider? clock = null, Action<IServiceCollection>? services = null)
    {
        Database = database;
        _clock = clock;
        _services = services;
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.PortalProvider.ToString(),
            ["ConnectionStrings:Default"] = database.ConnectionString,
            ["Storage:DataDirectory"] = database.DataDirectory,
            ["Serilog:File:Path"] = Path.Combine(database.DataDirectory, "logs", "portal-.log"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public TestDatabase Database { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // Identity's production strength (100,000 PBKDF2 rounds per hash) made every account created and every
        // sign-in cost tens of milliseconds of CPU, a large share of the run on two cores. The same hasher, format
        // and checks run; only the stored round count is lower. Sign-in tests that compare answers still do.
        builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPassword.HashRounds));

        if (_clock is { } clock)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(clock);
            });
        }

        if (_services is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    public HttpClient CreateBrowserlessClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Creates the centre and an account with the given role directly through the services.</summary>
    public async Task<AppUser> CreateUserAsync(string userName, string role, string password = TestPassword.Default, int? unitId = null)
    {
        using var scope = Services.CreateScope();
        var setup = scope.ServiceProvider.GetRequiredService<SetupService>();
        if (await setup.IsRequiredAsync())
        {
            var errors = await setup.CompleteAsync(new SetupRequest("Trung tâm Chính trị Thử nghiệm", "admin", "Quản trị Thử", TestPassword.Default));
            Assert.Empty(errors);
        }

        if (userName == "admin")
        {
            var users0 = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            return (await users0.FindByNameAsync("admin"))!;
        }

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = userName, FullName = "Người dùng " + userName, CentreId = db.TrainingCentres.First().Id, UnitId = unitId,
            CreatedAt = DateTime.UtcNow, LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }
}
