using System.Text.RegularExpressions;
using HealthAI.Edge.Policy;
using static HealthAI.Edge.Rendering.ConfigValues;
using static HealthAI.Edge.Rendering.HaproxyConditions;

namespace HealthAI.Edge.Rendering;

/// <summary>The upstream backend (health, retries, per-route timeouts) and the rate-limit tables.</summary>
internal static class HaproxyBackendRenderer
{
    public static void Render(ConfigWriter b, EdgePolicy policy)
    {
        b.Line(policy.Balancing == BalancingAlgorithm.LeastConnections ? "balance leastconn" : "balance roundrobin");
        var active = policy.ActiveHealth;
        // Readiness, not liveness: a draining replica answers /readyz 503 and leaves rotation before it stops.
        b.Line("option httpchk");
        b.Line($"http-check send meth GET uri {active.Path}");
        b.Line($"http-check expect status {Number(active.ExpectStatus)}");
        // Without redispatch a retry goes back to the server that just failed.
        b.Line("option redispatch 1");
        b.Line($"retries {Number(policy.Retry.RetriesAfterFirstAttempt)}");
        b.Line($"retry-on {RetryOn(policy.Retry.On)}");
        b.Line("http-request disable-l7-retry unless { var(txn.retryable) -m bool }");
        // HAProxy replays only a request it had whole when it first sent it: a body that arrives after the headers
        // would make a keyed write unreplayable, so it waits for the body (up to one buffer) before choosing a server.
        b.Line("option http-buffer-request");
        // 'safe' reuses idle upstream connections for requests that are not the first of a client connection.
        b.Line("http-reuse safe");
        foreach (var route in policy.Routes.Where(r => r.Kind != RouteKind.EdgeHealth))
        {
            // Timeouts per route need a backend rule in 2.6; set-timeout is refused in a frontend.
            b.Line($"http-request set-timeout server {Duration(route.Timeouts.Longest)} if {RouteIs(route)}");
        }

        foreach (var route in policy.Routes.Where(r => r.UpstreamPath is not null && r.Kind != RouteKind.EdgeHealth))
        {
            b.Line(route.Match == PathMatch.Exact
                ? $"http-request set-path {route.UpstreamPath} if {RouteIs(route)}"
                : $"http-request replace-path ^{Regex.Escape(route.Path)}(.*) {route.UpstreamPath}\\1 if {RouteIs(route)}");
        }

        // fastinter confirms a failed probe quickly; downinter brings a replica that answers again back within about a second.
        b.Line($"default-server inter {Duration(active.Interval)} fastinter {Duration(active.FastInterval)} downinter {Duration(active.DownInterval)} fall {Number(active.Fall)} rise {Number(active.Rise)} pool-max-conn {Number(policy.Keepalive.IdleConnections)} pool-purge-delay {Duration(policy.Keepalive.IdleTimeout)}");
        foreach (var upstream in policy.Upstreams)
        {
            var backup = upstream.Role == UpstreamRole.Backup ? " backup" : "";
            var threshold = policy.PassiveHealth.For(upstream.Role);
            // The passive threshold of nginx, applied to live traffic: that many errors in a row take it out
            // until the probes see it healthy again.
            var observe = active.ObserveLiveTraffic && threshold.MaxFails > 0
                ? $" observe layer7 error-limit {Number(threshold.MaxFails)} on-error mark-down"
                : "";
            b.Line($"server {upstream.Name} {upstream.Endpoint} check{backup}{observe}{(upstream.Drained ? " disabled" : "")}");
        }
    }

    public static void RenderRateTables(ConfigWriter w, EdgePolicy policy)
    {
        if (policy.RateLimitedRoutes.Count == 0)
        {
            return;
        }

        var rate = policy.RateLimit;
        var entries = Number(rate.TableSizeMegabytes * 16_000L);
        // ipv6 keys hold IPv4 clients too (mapped), so one table serves both families.
        w.Section($"backend {HaproxyFrontendRenderer.ShortRateTable}", t =>
            t.Line($"stick-table type ipv6 size {entries} expire 10s store http_req_rate(1s)"));
        w.Section($"backend {HaproxyFrontendRenderer.LongRateTable}", t =>
            t.Line($"stick-table type ipv6 size {entries} expire {Duration(rate.LongWindow * 2)} store http_req_rate({Duration(rate.LongWindow)})"));
    }
}
