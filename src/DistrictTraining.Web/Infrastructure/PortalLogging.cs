using Serilog;
using Serilog.Events;

namespace DistrictTraining.Web.Infrastructure;

public static class PortalLogging
{
    /// <summary>
    /// Serilog from the "Serilog" section (levels, overrides, console), plus a rolling file whose
    /// folder is resolved against the content root so logs land in one known place however the
    /// portal is started. Serilog.AspNetCore does not restore here (ADR-003).
    /// </summary>
    public static WebApplicationBuilder AddPortalLogging(this WebApplicationBuilder builder)
    {
        var file = builder.Configuration.GetSection("Serilog:File");
        var path = Path.GetFullPath(file["Path"] ?? "logs/portal-.log", builder.Environment.ContentRootPath);
        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.File(
                path,
                rollingInterval: Enum.TryParse<RollingInterval>(file["RollingInterval"], out var interval) ? interval : RollingInterval.Day,
                retainedFileCountLimit: int.TryParse(file["RetainedFileCountLimit"], out var keep) ? keep : 31,
                restrictedToMinimumLevel: Enum.TryParse<LogEventLevel>(file["MinimumLevel"], out var level) ? level : LogEventLevel.Information,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
        return builder;
    }
}

/// <summary>One log line per request: method, path, status, elapsed time and user.</summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var status = failed ? 500 : context.Response.StatusCode;
            logger.Log(
                status >= 500 ? LogLevel.Error : LogLevel.Information,
                "HTTP {Method} {Path} responded {StatusCode} in {Elapsed:0.0} ms by {User}",
                context.Request.Method,
                context.Request.Path.Value,
                status,
                elapsed,
                context.User.Identity?.Name ?? "(anonymous)");
        }
    }
}
