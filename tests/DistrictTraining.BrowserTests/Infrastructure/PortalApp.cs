using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using DistrictTraining.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.BrowserTests.Infrastructure;

/// <summary>
/// The real portal (DistrictTraining.Web's Program) served by Kestrel on 127.0.0.1 and a free port,
/// on a fresh SQLite database in a temporary data folder that is deleted on dispose. The database is a copy of one
/// migrated once per test run (the portal still runs its start-up migration check on it); a test that needs the
/// migrations to run on an empty database (the first start) asks for <c>migrated: false</c>.
/// Because it is a <see cref="WebApplicationFactory{TEntryPoint}"/>, a test can also reach the
/// app's services through <see cref="WebApplicationFactory{TEntryPoint}.Services"/>.
/// </summary>
public sealed class PortalApp : WebApplicationFactory<Program>
{
    /// <summary>The ASP.NET Core environment the portal runs in (developer exception page on errors).</summary>
    public const string EnvironmentName = "Development";

    /// <summary>
    /// PBKDF2 rounds of the passwords the test portals store and check: Identity's production 100,000 made every
    /// account created and every sign-in cost tens of milliseconds of CPU, beside the unit tests on two cores. Same
    /// hasher and format; the unit tests check sign-in timing at production strength.
    /// </summary>
    private const int HashRounds = 1_000;

    private static readonly Lazy<string> MigratedTemplate = new(CreateTemplate);

    private bool _started;

    public PortalApp(bool migrated = true)
    {
        DataDirectory = Directory.CreateTempSubdirectory("dt-browser-").FullName;
        var database = Path.Combine(DataDirectory, "districttraining.db");
        if (migrated)
        {
            File.Copy(MigratedTemplate.Value, database);
        }

        Settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Default"] = $"Data Source={database}",
            ["Storage:DataDirectory"] = DataDirectory,
        };
    }

    /// <summary>The temporary folder this instance keeps its database and other data in.</summary>
    public string DataDirectory { get; }

    /// <summary>Configuration handed to the app; change it before <see cref="Start"/>.</summary>
    public IDictionary<string, string> Settings { get; }

    /// <summary>Address Kestrel listens on, e.g. "http://127.0.0.1:41234" (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Starts Kestrel (once) and returns this instance.</summary>
    public PortalApp Start()
    {
        if (_started)
        {
            return this;
        }

        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        _started = true;

        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        BaseUrl = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))?.TrimEnd('/')
            ?? throw new InvalidOperationException("Kestrel started but reported no http:// address.");
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        // UseSetting goes into the host configuration, which WebApplicationFactory hands to
        // Program as command-line arguments: Program sees these values before builder.Build()
        // and they override appsettings*.json and environment variables.
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = HashRounds));
    }

    /// <summary>An empty database the portal's own migrations built, once per test run, deleted when the run ends.</summary>
    /// <remarks>Synchronous: it runs inside the constructor, where blocking on an async migration could wait on the test's context.</remarks>
    private static string CreateTemplate()
    {
        var directory = Directory.CreateTempSubdirectory("dt-browser-template-").FullName;
        var path = Path.Combine(directory, "template.db");
        var options = new DbContextOptionsBuilder<AppDbContext>();
        // No pooling: once migrated, no connection stays open on the file being copied.
        DataServiceCollectionExtensions.Configure(options, DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString, directory);
        using (var db = AppDbContext.Create(DatabaseProvider.Sqlite, options.Options, null))
        {
            db.Database.Migrate();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);
        return path;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DeleteDataDirectory();
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            DeleteDataDirectory();
        }
    }

    private void DeleteDataDirectory()
    {
        try
        {
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open must not turn a passed test into a failure; /tmp is cleaned anyway.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
