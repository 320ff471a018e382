using HealthAI.Api.Access;
using HealthAI.Edge.Policy;

namespace HealthAI.Api.Tests.Routes;

/// <summary>Where the API's endpoints and the edges' route table (<see cref="EdgeRoutes"/>) disagree.</summary>
internal static class RouteManifest
{
    /// <summary>The endpoints the edges' catch-all route <c>/</c> is for; any other endpoint needs a route of its own.</summary>
    public static readonly string[] CatchAllPaths = ["/", "/healthz", "/readyz"];

    public static IReadOnlyList<string> Disagreements(IReadOnlyList<ApiEndpoint> endpoints, IReadOnlyList<EdgeRoute> routes, RequestBodyLimits limits)
    {
        var problems = new List<string>();
        var served = endpoints.Select(endpoint => (Endpoint: endpoint, Route: RouteFor(endpoint.SamplePath, routes))).ToList();
        foreach (var (endpoint, route) in served)
        {
            if (route is null || (route.Path == "/" && !CatchAllPaths.Contains(endpoint.SamplePath, StringComparer.OrdinalIgnoreCase)))
            {
                problems.Add($"{endpoint} has no edge route of its own (it falls to {route?.Name ?? "nothing"}).");
                continue;
            }

            if (endpoint.Restricted != route.Restricted)
            {
                problems.Add($"{endpoint} is {(endpoint.Restricted ? "" : "not ")}restricted to allowed networks, its edge route {route.Name} is{(route.Restricted ? "" : " not")}.");
            }

            if (endpoint.Token == RequiredToken.Editor && !route.WritesNeedAuthorization)
            {
                problems.Add($"{endpoint} requires the editor token, its edge route {route.Name} lets writes through without Authorization.");
            }

            if (route.WritesNeedAuthorization && endpoint.Token != RequiredToken.Editor && endpoint.Methods.Any(IsWrite))
            {
                problems.Add($"{endpoint} takes writes without the editor token, its edge route {route.Name} refuses them without Authorization.");
            }

            if (endpoint.Token == RequiredToken.Admin && route.Path != EdgeRoutes.AdminPath)
            {
                problems.Add($"{endpoint} requires the admin token, but is served by {route.Name}, not the admin route {EdgeRoutes.AdminPath}.");
            }
        }

        if (routes.FirstOrDefault(route => route.Path == EdgeRoutes.AdminPath) is not { Restricted: true })
        {
            problems.Add($"The admin route {EdgeRoutes.AdminPath} is missing or not restricted.");
        }

        foreach (var group in served.Where(pair => pair.Route is not null).GroupBy(pair => pair.Route!))
        {
            // The edge may take a little more than the API (its margin), so that the API's own 413 names the limit.
            var needed = group.Max(pair => pair.Endpoint.BodyLimit ?? limits.NoBodyBytes);
            if (group.Key.MaxRequestBodyBytes is not { } edge || edge < needed || edge > needed + limits.Margin)
            {
                problems.Add($"Edge route {group.Key.Name} takes bodies up to {group.Key.MaxRequestBodyBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the tool's default"} bytes; "
                    + $"its endpoints take up to {needed} ({string.Join("; ", group.Select(pair => pair.Endpoint))}).");
            }
        }

        return problems;
    }

    /// <summary>The route an edge picks for <paramref name="path"/>: an exact match, else the longest prefix, as nginx does.</summary>
    public static EdgeRoute? RouteFor(string path, IReadOnlyList<EdgeRoute> routes) =>
        routes.FirstOrDefault(route => route.Match == PathMatch.Exact && string.Equals(route.Path, path, StringComparison.OrdinalIgnoreCase))
        ?? routes.Where(route => route.Match == PathMatch.Prefix && route.Kind == RouteKind.Proxy
                && path.StartsWith(route.Path, StringComparison.OrdinalIgnoreCase))
            .MaxBy(route => route.Path.Length);

    private static bool IsWrite(string method) => method is "POST" or "PUT" or "PATCH" or "DELETE";
}
