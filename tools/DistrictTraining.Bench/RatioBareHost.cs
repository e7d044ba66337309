using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using DistrictTraining.Core;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Reports;
using DistrictTraining.Core.Trainees;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DistrictTraining.Bench;

/// <summary>
/// The bare twin of the portal's pages for the ratio benchmark (<see cref="RatioBench"/>): Kestrel and the portal's
/// own services on the same database, and nothing else — no MVC, Razor, layout, authentication, antiforgery or
/// session check. Each endpoint makes the same service calls as the portal's controller action (so the same EF Core
/// queries, with the scope of the account the portal run signs in with) and writes the rows as a plain HTML table.
///   ratio --bare-host --provider Sqlite|PostgreSQL --connection "..." --port 5351 --user quantri
/// GET /ready answers once the host listens; /roster/{id}?page=, /trainees?q=, /grades?year=, /dashboard?year=.
/// </summary>
internal static class RatioBareHost
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static async Task<int> RunAsync(Dictionary<string, string> options)
    {
        var provider = Enum.Parse<DatabaseProvider>(options.GetValueOrDefault("provider", "Sqlite"), ignoreCase: true);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.GetValueOrDefault("port", "5351")}");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Default"] = options["connection"],
            ["Storage:DataDirectory"] = Path.Combine(Path.GetTempPath(), "dt-ratio-bare"),
        });
        builder.Services.AddPortalData(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPortalFeatures();
        builder.Services.AddSingleton<IUserScope>(await ScopeAsync(provider, options["connection"], options.GetValueOrDefault("user", "quantri")));

        var app = builder.Build();
        app.MapGet("/ready", () => "ok");
        app.MapGet("/roster/{id:int}", async (int id, int? page, RosterService roster, IUserScope scope, HttpContext http) =>
        {
            var view = await roster.GetPageAsync(id, page ?? 1, http.RequestAborted);
            if (view is null)
            {
                return Results.NotFound();
            }

            var units = scope.CanEdit ? await roster.UnitChoicesAsync(http.RequestAborted) : [];
            var html = Page("Danh sách học viên");
            html.Append("<table><tr><th>STT</th><th>Họ và tên</th><th>Giới tính</th><th>Ngày sinh</th><th>Số CCCD</th><th>Đơn vị</th><th>Nhiệm vụ</th></tr>");
            var n = view.FirstNumber;
            foreach (var line in view.Active)
            {
                Row(html, (n++).ToString(CultureInfo.InvariantCulture), line.FullName, line.Sex switch { Sex.Male => "Nam", Sex.Female => "Nữ", _ => "" },
                    line.Birth, line.Cccd, line.UnitName, RosterService.RoleName(line.Role));
            }

            html.Append("</table><table>");
            foreach (var line in view.Withdrawn)
            {
                Row(html, line.FullName, line.Birth, line.WithdrawalReason);
            }

            html.Append("</table>");
            Options(html, units.Select(u => (u.Id, u.Name)));
            return End(html);
        });
        app.MapGet("/trainees", async (string? q, int? page, TraineeService trainees, HttpContext http) =>
        {
            var results = await trainees.SearchAsync(new TraineeSearch(q, null, null, null, page ?? 1), http.RequestAborted);
            var units = await trainees.FilterUnitChoicesAsync(http.RequestAborted);
            var html = Page("Học viên");
            Options(html, units.Select(u => (u.Id, u.Name)));
            html.Append("<table><tr><th>STT</th><th>Họ và tên</th><th>Giới tính</th><th>Ngày sinh</th><th>Số CCCD</th><th>Đơn vị</th><th>Số lớp đã học</th></tr>");
            var n = (results.Page - 1) * results.PageSize;
            foreach (var t in results.Items)
            {
                Row(html, (++n).ToString(CultureInfo.InvariantCulture), t.FullName, t.Sex, t.Birth, t.Cccd, t.UnitName, t.ClassCount.ToString(CultureInfo.InvariantCulture));
            }

            html.Append("</table>");
            return End(html);
        });
        app.MapGet("/grades", async (int? year, ReportService reports, HttpContext http) =>
        {
            var report = await reports.GradesAsync(new ReportFilter { Year = year }, http.RequestAborted);
            var choices = await reports.ChoicesAsync(http.RequestAborted);
            var html = Page(report.Heading.Subtitle);
            Grades(html, report);
            Options(html, choices.Units.Select(u => (u.Id, u.Name)));
            return End(html);
        });
        app.MapGet("/dashboard", async (int? year, ReportService reports, HttpContext http) =>
        {
            var dashboard = await reports.DashboardAsync(new ReportFilter { Year = year }, http.RequestAborted);
            var choices = await reports.ChoicesAsync(http.RequestAborted);
            var html = Page(dashboard.Heading.Subtitle);
            html.Append("<table>");
            foreach (var p in dashboard.Trend)
            {
                Row(html, Number(p.Year), Number(p.HeldClasses), Number(p.Trainees), Number(p.PlannedClasses), Number(p.PlannedTrainees));
            }

            html.Append("</table><table>");
            foreach (var u in dashboard.Units)
            {
                Row(html, u.Name, Number(u.PlannedTrainees), Number(u.Trainees));
            }

            html.Append("</table>");
            Grades(html, dashboard.Grades);
            Options(html, choices.Units.Select(u => (u.Id, u.Name)));
            return End(html);
        });
        await app.RunAsync();
        return 0;
    }

    /// <summary>The scope the portal gives the account (HttpUserScope reads the same centre, unit and roles from its cookie).</summary>
    private static async Task<IUserScope> ScopeAsync(DatabaseProvider provider, string connection, string userName)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DataServiceCollectionExtensions.Configure(builder, provider, connection, Path.GetTempPath());
        await using var db = AppDbContext.Create(provider, builder.Options);
        var user = await db.Users.Where(u => u.UserName == userName).Select(u => new { u.Id, u.CentreId, u.UnitId }).FirstAsync();
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id)
            .Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        return new FixedUserScope(
            CentreId: user.CentreId,
            UnitId: roles.Contains(Roles.UnitLiaison) ? user.UnitId : null,
            CanEdit: roles.Contains(Roles.Administrator) || roles.Contains(Roles.CentreStaff),
            IsAdministrator: roles.Contains(Roles.Administrator),
            AllCentres: roles.Contains(Roles.ProvincialOffice) && user.CentreId is null,
            UserId: user.Id,
            IsLecturer: roles.Contains(Roles.Lecturer));
    }

    private static void Grades(StringBuilder html, GradeReport report)
    {
        html.Append("<table>");
        foreach (var row in report.Rows.Append(report.Total))
        {
            html.Append("<tr><td>").Append(Html.Encode(row.Name)).Append("</td>");
            foreach (var count in row.GradeCounts)
            {
                html.Append("<td>").Append(count).Append("</td>");
            }

            html.Append("<td>").Append(row.CompletedUngraded).Append("</td><td>").Append(row.NotCompleted).Append("</td><td>")
                .Append(row.NoResult).Append("</td><td>").Append(row.Trainees).Append("</td></tr>");
        }

        html.Append("</table><table>");
        foreach (var row in report.Certificates.Append(report.CertificateTotal))
        {
            Row(html, row.Name, Number(row.Issued), Number(row.Reissued), Number(row.Valid), Number(row.Superseded), Number(row.Revoked));
        }

        html.Append("</table>");
    }

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static StringBuilder Page(string title) =>
        new StringBuilder(16 * 1024).Append("<!DOCTYPE html><html lang=\"vi\"><meta charset=\"utf-8\"><title>").Append(Html.Encode(title)).Append("</title><body>");

    private static void Row(StringBuilder html, params string?[] cells)
    {
        html.Append("<tr>");
        foreach (var cell in cells)
        {
            html.Append("<td>").Append(cell is null ? "" : Html.Encode(cell)).Append("</td>");
        }

        html.Append("</tr>");
    }

    private static void Options(StringBuilder html, IEnumerable<(int Id, string Name)> choices)
    {
        html.Append("<select>");
        foreach (var (id, name) in choices)
        {
            html.Append("<option value=\"").Append(id).Append("\">").Append(Html.Encode(name)).Append("</option>");
        }

        html.Append("</select>");
    }

    private static IResult End(StringBuilder html) => Results.Content(html.Append("</body></html>").ToString(), "text/html; charset=utf-8", Encoding.UTF8);
}
