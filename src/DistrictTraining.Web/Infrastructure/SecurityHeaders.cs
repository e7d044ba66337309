using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Infrastructure;

/// <summary>
/// The headers every response carries, error pages and static files included (set when the response starts,
/// so an exception page that clears the response still gets them). The content security policy allows only
/// the portal's own files: no inline script, style or event handler anywhere (the pages' scripts live in
/// wwwroot/js and hook up by data- attributes), images also as data: URIs (the certificates' QR codes and
/// Bootstrap's own icons). Frames are refused twice: frame-ancestors for today's browsers, X-Frame-Options for old ones.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                // Certificate verification addresses carry a code; no other site sees them in a referrer.
                headers["Referrer-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });

        // Strict-Transport-Security only over HTTPS (UseHsts checks the scheme); not in development, where localhost is plain HTTP.
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        return app;
    }

    /// <summary>The sign-in, antiforgery and TempData cookies: HttpOnly, and Secure whenever the request came over HTTPS.</summary>
    public static IServiceCollection AddCookieHardening(this IServiceCollection services)
    {
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }
}
