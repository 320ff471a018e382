using HealthAI.Edge.Policy;
using static HealthAI.Edge.Rendering.ConfigValues;

namespace HealthAI.Edge.Rendering;

/// <summary>
/// Directive lists nginx forgets on inheritance (<c>add_header</c>, <c>proxy_set_header</c>, <c>error_page</c>):
/// a block that declares one of them loses all inherited ones, so every such block gets the full list from here.
/// </summary>
internal static class NginxProxyDirectives
{
    public static string NextUpstreamConditions(RetryConditions on)
    {
        var conditions = new List<string>();
        Add(RetryConditions.ConnectError, "error");
        Add(RetryConditions.Timeout, "timeout");
        Add(RetryConditions.Status502, "http_502");
        Add(RetryConditions.Status503, "http_503");
        Add(RetryConditions.Status504, "http_504");
        return conditions.Count == 0 ? "off" : string.Join(' ', conditions);

        void Add(RetryConditions flag, string name)
        {
            if (on.HasFlag(flag))
            {
                conditions.Add(name);
            }
        }
    }

    /// <summary>Security headers and the request id, with <c>always</c> so errors carry them too.</summary>
    public static IEnumerable<string> ResponseHeaders(EdgePolicy policy, IEnumerable<HttpHeader>? extraAlways = null) =>
        policy.SecurityHeaders
            .Concat(extraAlways ?? [])
            .Select(h => $"add_header {h.Name} {Quoted(h.Value)} always;")
            .Append($"add_header {policy.RequestId.HeaderName} {NginxConfigRenderer.RequestIdVariable} always;");

    // A challenge carries double quotes ('Bearer realm="..."'), which single quotes keep as they are.
    private static string Quoted(string value) => value.Contains('"', StringComparison.Ordinal) ? $"'{value}'" : $"\"{value}\"";

    public static IEnumerable<string> ErrorPages(EdgePolicy policy) =>
        // "=503": without it nginx keeps the original status on the answer of the location it redirects to.
        policy.Problems.Select(p => p.AnsweredAs is { } answer
            ? $"error_page {Number(p.Status)} ={Number(answer)} {ProblemLocation(policy.Problems.Single(other => other.Status == answer))};"
            : $"error_page {Number(p.Status)} {ProblemLocation(p)};");

    // A URI, not a named location: nginx refuses a request line it cannot decode ('%zz') before it has a URI, and a
    // redirect to a named location without one fails with 500 instead of the 400 it was meant to show.
    public static string ProblemLocation(EdgeProblem problem) => "/.edge/problem/" + Number(problem.Status);

    public static IEnumerable<string> Proxy(EdgePolicy policy, EdgeRoute route)
    {
        // HTTP/1.1 with an empty Connection header is what lets upstream keepalive work; $connection_upgrade
        // still passes WebSocket upgrades through.
        yield return "proxy_http_version 1.1;";
        yield return "proxy_set_header Connection $connection_upgrade;";
        yield return "proxy_set_header Upgrade $http_upgrade;";
        yield return "proxy_set_header Host $host;";
        // The client's own forwarding headers are replaced, never extended: the replicas trust them from the edge, and
        // a malformed one ('X-Forwarded-For: "') extended with the peer fails to parse and leaves the edge as the client.
        yield return "proxy_set_header X-Real-IP $remote_addr;";
        yield return "proxy_set_header X-Forwarded-For $remote_addr;";
        yield return "proxy_set_header Forwarded \"\";";
        yield return "proxy_set_header X-Forwarded-Proto $scheme;";
        yield return "proxy_set_header X-Forwarded-Host $host;";
        yield return $"proxy_set_header {policy.RequestId.HeaderName} {NginxConfigRenderer.RequestIdVariable};";
        // An empty value removes the header; nginx cannot match names by prefix, so each fault header is named.
        foreach (var header in policy.FaultHeaders.Removed ? policy.FaultHeaders.Names : [])
        {
            yield return $"proxy_set_header {header} \"\";";
        }

        // The edge's id is the one returned; an upstream copy would make the header appear twice.
        yield return $"proxy_hide_header {policy.RequestId.HeaderName};";
        // traceparent/tracestate are not set here on purpose: nginx forwards client headers untouched.
        yield return $"proxy_connect_timeout {Duration(route.Timeouts.Connect)};";
        yield return $"proxy_send_timeout {Duration(route.Timeouts.Send)};";
        yield return $"proxy_read_timeout {Duration(route.Timeouts.Read)};";
        // Counted from the first attempt: a request that waited out its read timeout on a hanging replica still gets its retry.
        yield return $"proxy_next_upstream_timeout {Duration(policy.Retry.WindowFor(route))};";
        yield return $"proxy_pass http://{(route.WritesNeedPrimary ? NginxConfigRenderer.WriteUpstreamVariable : policy.UpstreamGroupName)};";
    }

    public static IEnumerable<string> AccessRules(EdgePolicy policy, EdgeRoute route)
    {
        if (!route.Restricted)
        {
            return [];
        }

        return policy.Access.AllowedNetworks.Select(n => $"allow {Network(n)};").Append("deny all;");
    }
}
