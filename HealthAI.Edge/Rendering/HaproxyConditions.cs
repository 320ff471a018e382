using HealthAI.Edge.Policy;
using static HealthAI.Edge.Rendering.ConfigValues;

namespace HealthAI.Edge.Rendering;

/// <summary>
/// HAProxy conditions shared by the sections. Routes are classified once into <c>txn.route</c> so later
/// rules (and response rules, where the request path is gone) test a name, not the path again.
/// </summary>
internal static class HaproxyConditions
{
    public const string AllowedNetworkAcl = "edge_allowed_network";

    public static string RouteIs(IEnumerable<EdgeRoute> routes) =>
        "{ var(txn.route) -m str " + string.Join(' ', routes.Select(r => r.Name)) + " }";

    public static string RouteIs(EdgeRoute route) => RouteIs([route]);

    /// <summary>The request path as the API will see it: decoded, lower-case, slashes merged, '.' segments dropped.</summary>
    public const string NormalisedPathVariable = "txn.normalised_path";

    // HAProxy 2.6 has normalize-uri only as an experimental directive, so the path is normalised in a variable:
    // url_dec, lower, merge repeated slashes, drop '.' segments ('\$': a bare '$' in quotes starts a variable).
    // '..' segments are refused before this is used.
    public const string NormalisedPathExpression = "path,url_dec,lower,regsub('/+','/',g),regsub('/(\\./)+','/',g),regsub('/\\.\\$','/')";

    public static string PathMatches(EdgeRoute route) => (route.Restricted, route.Match) switch
    {
        (true, PathMatch.Exact) => $"{{ var({NormalisedPathVariable}) -m str {route.Path.ToLowerInvariant()} }}",
        (true, _) => $"{{ var({NormalisedPathVariable}) -m beg {route.Path.ToLowerInvariant()} }}",
        (false, PathMatch.Exact) => $"{{ path {route.Path} }}",
        _ => $"{{ path_beg {route.Path} }}",
    };

    /// <summary>The allow-list ACL; an empty list denies everyone rather than failing to parse.</summary>
    public static string AllowedNetworks(EdgePolicy policy) =>
        policy.Access.AllowedNetworks.Count == 0
            ? $"acl {AllowedNetworkAcl} always_false"
            : $"acl {AllowedNetworkAcl} src {string.Join(' ', policy.Access.AllowedNetworks.Select(Network))}";

    public static string RetryOn(RetryConditions on)
    {
        var conditions = new List<string>();
        if (on.HasFlag(RetryConditions.ConnectError))
        {
            conditions.Add("conn-failure");
            conditions.Add("empty-response");
        }

        if (on.HasFlag(RetryConditions.Timeout))
        {
            conditions.Add("response-timeout");
        }

        foreach (var (flag, status) in new[] { (RetryConditions.Status502, "502"), (RetryConditions.Status503, "503"), (RetryConditions.Status504, "504") })
        {
            if (on.HasFlag(flag))
            {
                conditions.Add(status);
            }
        }

        return conditions.Count == 0 ? "none" : string.Join(' ', conditions);
    }
}
