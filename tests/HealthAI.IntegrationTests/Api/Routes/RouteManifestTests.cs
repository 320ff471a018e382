using HealthAI.Edge.Policy;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAI.Api.Tests.Routes;

/// <summary>
/// The edges' route table (<see cref="EdgeRoutes"/>) agrees with the API's real endpoints: every endpoint has a route,
/// and their network restriction, tokens and body limits match.
/// </summary>
public sealed class RouteManifestTests
{
    private static readonly IReadOnlyList<EdgeRoute> Routes = EdgeRoutes.Default("/srv/static");

    [Fact]
    public async Task Every_api_endpoint_has_an_edge_route_that_agrees_with_it()
    {
        var endpoints = await ApiEndpointsAsync();

        Assert.Contains(endpoints, endpoint => endpoint.Pattern == "/api/documents/batch" && endpoint.BodyLimit is > 0);
        Assert.Contains(endpoints, endpoint => endpoint.Pattern.StartsWith("/faults", StringComparison.Ordinal) && endpoint.Restricted);
        Assert.Empty(RouteManifest.Disagreements(endpoints, Routes, RequestBodyLimits.Default));
    }

    [Fact]
    public async Task The_admin_endpoints_share_the_one_restricted_admin_route()
    {
        var admin = (await ApiEndpointsAsync()).Where(endpoint => endpoint.Token == Access.RequiredToken.Admin).ToList();

        Assert.Contains(admin, endpoint => endpoint.Pattern == "/backup/reembed");
        Assert.All(admin, endpoint => Assert.Equal("backup", RouteManifest.RouteFor(endpoint.SamplePath, Routes)?.Name));
        Assert.Equal(Access.AdminRoutes.Path, EdgeRoutes.AdminPath);
    }

    [Fact]
    public async Task An_endpoint_without_its_own_route_is_reported()
    {
        var problems = RouteManifest.Disagreements(await ApiEndpointsAsync(), [.. Routes.Where(route => route.Name != "api_search")], RequestBodyLimits.Default);

        Assert.Contains(problems, problem => problem.Contains("/api/search has no edge route", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restriction_or_body_limit_the_edge_forgets_is_reported()
    {
        var loosened = Routes
            .Select(route => route.Name switch
            {
                "backup" => route with { Restricted = false },
                "api_documents" => route with { WritesNeedAuthorization = false },
                AskRouteName => route with { MaxRequestBodyBytes = 1024 },
                _ => route,
            })
            .ToList();

        var problems = RouteManifest.Disagreements(await ApiEndpointsAsync(), loosened, RequestBodyLimits.Default);

        Assert.Contains(problems, problem => problem.Contains("restricted to allowed networks, its edge route backup is not", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("requires the editor token, its edge route api_documents", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.StartsWith("Edge route api_ask takes bodies up to 1024", StringComparison.Ordinal));
    }

    private const string AskRouteName = EdgeRoutes.AskRouteName;

    /// <summary>The API's endpoints with every optional one mapped (the fault switch).</summary>
    private static async Task<List<ApiEndpoint>> ApiEndpointsAsync()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["Faults:Enabled"] = "true" });
        return [.. api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Select(ApiEndpoint.From)];
    }
}
