using Serilog;
using Serilog.Events;

namespace DistrictTraining.Web.Infrastructure;

public static class PortalLogging
{
    /// <summary>
    /// Serilog from the "Serilog" section (levels, overrides, console), plus a rolling file whose folder
    /// is resolved against the content root so logs land in one known place however the portal is
    /// started. Registered per host (no static Log.Logger), so hosts started side by side in tests
    /// each keep their own logger and file.
    /// </summary>
    public static WebApplicationBuilder AddPortalLogging(this WebApplicationBuilder builder)
    {
        var file = builder.Configuration.GetSection("Serilog:File");
        var path = Path.GetFullPath(file["Path"] ?? "logs/portal-.log", builder.Environment.ContentRootPath);
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.File(
                path,
                rollingInterval: Enum.TryParse<RollingInterval>(file["RollingInterval"], out var interval) ? interval : RollingInterval.Day,
                retainedFileCountLimit: int.TryParse(file["RetainedFileCountLimit"], out var keep) ? keep : 31,
                restrictedToMinimumLevel: Enum.TryParse<LogEventLevel>(file["MinimumLevel"], out var level) ? level : LogEventLevel.Information,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"),
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>One log line per request: method, path, status, elapsed time and user (5xx and failures as errors).</summary>
    public static WebApplication UsePortalRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(o =>
        {
            // This host's logger, not the static Log.Logger that hosts side by side would share.
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms by {User}";
            // Called when the response is done, after authentication has set the user.
            o.EnrichDiagnosticContext = (diagnostics, http) => diagnostics.Set("User", http.User.Identity?.Name ?? "(anonymous)");
        });
        return app;
    }
}
