using System.Net;
using DistrictTraining.Core.Identity;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DistrictTraining.Tests.Web;

public class AuthorizationTests
{
    // Every action that is deliberately public. Adding one means adding it here, on purpose.
    private static readonly HashSet<string> Public =
    [
        "Account.Login",
        "Home.Error",
        "Home.Status",
        "Setup.Index",
        "SurveyAnswer.Index",
        "SurveyAnswer.Show",
        "SurveyAnswer.Submit",
        "Verify.Index",
        "Verify.Show",
        "Verify.Offline",
        "WellKnown.Jwks",
        "WellKnown.Status",
    ];

    [Fact]
    public async Task Every_action_refuses_an_anonymous_request_unless_it_is_meant_to_be_public()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("admin", Roles.Administrator); // past the first-run gate
        var client = factory.CreateBrowserlessClient();
        var actions = factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>()
            .ActionDescriptors.Items.OfType<ControllerActionDescriptor>().ToList();
        Assert.True(actions.Count >= 10, "Too few actions found: the walk is not seeing the controllers.");

        var checkedCount = 0;
        var anonymous = new List<string>();
        foreach (var action in actions)
        {
            var name = $"{action.ControllerName}.{action.ActionName}";
            var allowsAnonymous = action.EndpointMetadata.OfType<IAllowAnonymous>().Any();
            if (allowsAnonymous)
            {
                anonymous.Add(name);
                continue;
            }

            var methods = action.ActionConstraints?.OfType<Microsoft.AspNetCore.Mvc.ActionConstraints.HttpMethodActionConstraint>()
                .SelectMany(c => c.HttpMethods).ToList() is { Count: > 0 } m ? m : ["GET"];
            var url = Url(action);
            foreach (var method in methods.Distinct())
            {
                var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method != "GET")
                {
                    request.Content = new FormUrlEncodedContent([]);
                }

                var response = await client.SendAsync(request);
                var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/Login", StringComparison.Ordinal));
                Assert.True(refused, $"{method} {url} ({name}) answered {(int)response.StatusCode} to an anonymous request.");
                checkedCount++;
            }
        }

        Assert.Equal(Public.OrderBy(x => x), anonymous.Distinct().OrderBy(x => x));
        Assert.True(checkedCount >= 8);
    }

    [Theory]
    [InlineData(Roles.CentreStaff)]
    [InlineData(Roles.CommitteeOfficial)]
    [InlineData(Roles.UnitLiaison)]
    [InlineData(Roles.Lecturer)]
    public async Task Only_administrators_manage_accounts(string role)
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("nguoidung", role);
        var client = await factory.SignInAsync("nguoidung");
        var response = await client.GetAsync("/Users");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
    }

    private static string Url(ControllerActionDescriptor action)
    {
        var template = action.AttributeRouteInfo?.Template;
        if (template is not null)
        {
            return "/" + System.Text.RegularExpressions.Regex.Replace(template, @"\{[^}]+\}", "1");
        }

        var hasId = action.Parameters.Any(p => p.Name == "id");
        return $"/{action.ControllerName}/{action.ActionName}{(hasId ? "/1" : "")}";
    }
}
