using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace DistrictTraining.Web.Infrastructure;

/// <summary>
/// Explains an upload over <see cref="Uploads.RequestLimit"/> instead of a blank 400: the upload page again,
/// with a Vietnamese message. It runs before the antiforgery check, which would otherwise read the oversized
/// form, fail, and refuse the request without a word. The request is read to its end first (up to
/// <see cref="DrainLimit"/>, into nothing), so the browser is not cut off mid-upload before it sees the answer.
/// A request without a declared length (browsers always declare one for a form) still meets the server's limit.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OversizedUploadAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    public static readonly string Message =
        $"Tệp tải lên lớn hơn {Uploads.MaxBytes / (1024 * 1024)} MB nên không được nhận. Vui lòng chia nhỏ danh sách rồi tải lên từng tệp.";

    /// <summary>What is read and thrown away so the browser can show the answer; beyond it the connection is closed.</summary>
    public const long DrainLimit = 100L * 1024 * 1024;

    /// <summary>Before [RequestSizeLimit] (900) and the antiforgery check (1000).</summary>
    public int Order => 0;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (http.Request.ContentLength is not { } length || length <= Uploads.RequestLimit)
        {
            return;
        }

        await DrainAsync(http, length);
        var tempData = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
        tempData["Error"] = Message;
        tempData.Save();
        context.Result = new RedirectResult(http.Request.PathBase + http.Request.Path + http.Request.QueryString);
    }

    private static async Task DrainAsync(HttpContext http, long length)
    {
        var limit = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (length > DrainLimit || limit is { IsReadOnly: true })
        {
            return;
        }

        if (limit is not null)
        {
            limit.MaxRequestBodySize = length;
        }

        try
        {
            await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException or OperationCanceledException)
        {
            // The browser gave up or the body was shorter than declared: the answer is the same.
        }
    }
}
