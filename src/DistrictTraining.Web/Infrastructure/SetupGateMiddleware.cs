using DistrictTraining.Core.Identity;

namespace DistrictTraining.Web.Infrastructure;

/// <summary>While no account exists, every page leads to the one-time setup page.</summary>
public sealed class SetupGateMiddleware(RequestDelegate next)
{
    private static readonly string[] Open = ["/setup", "/healthz", "/lib/", "/css/", "/js/", "/favicon"];

    public async Task InvokeAsync(HttpContext context, SetupState state)
    {
        if (!state.Completed && !IsOpen(context.Request.Path))
        {
            var setup = context.RequestServices.GetRequiredService<SetupService>();
            if (await setup.IsRequiredAsync(context.RequestAborted))
            {
                context.Response.Redirect("/Setup");
                return;
            }
        }

        await next(context);
    }

    private static bool IsOpen(PathString path) =>
        Open.Any(p => path.Value?.StartsWith(p, StringComparison.OrdinalIgnoreCase) == true);
}
