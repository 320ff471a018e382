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

    public static string PathMatches(EdgeRoute route) =>
        route.Match == PathMatch.Exact ? $"{{ path {route.Path} }}" : $"{{ path_beg {route.Path} }}";

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
