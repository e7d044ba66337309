using DistrictTraining.Core.Quality;
using DistrictTraining.Web.Infrastructure;
using DistrictTraining.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace DistrictTraining.Web.Controllers;

/// <summary>
/// The public, anonymous survey pages a trainee opens on their phone from the short link or QR code (/ks/{key}):
/// the questions, and the answer taken with a one-time code. Open to anyone, rate-limited per client address, and
/// saying nothing about anyone; what is stored is decided by SurveyAnsweringService (ADR-012).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(VerificationRateLimit.SurveyPolicy)]
[Route("ks")]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class SurveyAnswerController(SurveyAnsweringService answering) : Controller
{
    [HttpGet("")]
    public IActionResult Index(SurveyKeyModel model)
    {
        Private();
        if (model.Key is null)
        {
            return View(model);
        }

        var key = SurveyCodeText.Normalize(model.Key);
        if (key.Length == 0)
        {
            ModelState.AddModelError(nameof(model.Key), "Mã khảo sát gồm 8 chữ và số, in trên phiếu hoặc bảng của lớp.");
            return View(model);
        }

        return RedirectToAction(nameof(Show), new { key });
    }

    [HttpGet("{key}")]
    public async Task<IActionResult> Show(string key, CancellationToken cancellationToken)
    {
        Private();
        var form = await answering.FormAsync(key, cancellationToken);
        return form is null ? Unknown() : View("Answer", new SurveyAnswerPage(form, null, new Dictionary<string, string>(), null));
    }

    [HttpPost("{key}")]
    public async Task<IActionResult> Submit(string key, string? code, CancellationToken cancellationToken)
    {
        Private();
        var form = await answering.FormAsync(key, cancellationToken);
        if (form is null)
        {
            return Unknown();
        }

        var values = Request.Form.Where(f => f.Key.StartsWith("s_", StringComparison.Ordinal) || f.Key.StartsWith("c_", StringComparison.Ordinal))
            .Take(500)
            .ToDictionary(f => f.Key, f => f.Value.ToString());
        var answers = form.Targets.Select(t => new TargetAnswer(
            t.Id,
            form.Questions
                .Select(q => (q.Id, Value: values.GetValueOrDefault(SurveyAnswerPage.ScoreField(t.Id, q.Id))))
                .Where(x => int.TryParse(x.Value, out _))
                .ToDictionary(x => x.Id, x => int.Parse(x.Value!, System.Globalization.CultureInfo.InvariantCulture)),
            values.GetValueOrDefault(SurveyAnswerPage.CommentField(t.Id)))).ToList();

        string? error;
        try
        {
            error = await answering.SubmitAsync(key, code, answers, cancellationToken) switch
            {
                SubmitOutcome.Saved => null,
                SubmitOutcome.CodeUsed => "Mã trả lời này đã được dùng. Mỗi mã chỉ trả lời được một lần.",
                SubmitOutcome.Closed => "Đợt khảo sát này không còn nhận ý kiến.",
                _ => "Mã trả lời không đúng. Hãy kiểm tra lại mã in trên phiếu của bạn (8 chữ và số).",
            };
        }
        catch (SurveyAnswerException ex)
        {
            error = ex.Message;
        }

        if (error is null)
        {
            return View("Thanks");
        }

        return View("Answer", new SurveyAnswerPage(form, code, values, error));
    }

    private ViewResult Unknown()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        ModelState.Clear();
        return View("Unknown", new SurveyKeyModel());
    }

    /// <summary>Not for search engines, and the survey's address is not passed on.</summary>
    private void Private()
    {
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
