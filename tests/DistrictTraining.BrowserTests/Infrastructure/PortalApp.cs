using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.BrowserTests.Infrastructure;

/// <summary>
/// The real portal (DistrictTraining.Web's Program) served by Kestrel on 127.0.0.1 and a free port,
/// on a fresh SQLite database in a temporary data folder that is deleted on dispose.
/// Because it is a <see cref="WebApplicationFactory{TEntryPoint}"/>, a test can also reach the
/// app's services through <see cref="WebApplicationFactory{TEntryPoint}.Services"/>.
/// </summary>
public sealed class PortalApp : WebApplicationFactory<Program>
{
    /// <summary>The ASP.NET Core environment the portal runs in (developer exception page on errors).</summary>
    public const string EnvironmentName = "Development";

    private bool _started;

    public PortalApp()
    {
        DataDirectory = Directory.CreateTempSubdirectory("dt-browser-").FullName;
        Settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(DataDirectory, "districttraining.db")}",
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
