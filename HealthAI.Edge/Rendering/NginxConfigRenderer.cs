using HealthAI.Edge.Policy;
using static HealthAI.Edge.Rendering.ConfigValues;

namespace HealthAI.Edge.Rendering;

/// <summary>Renders an <see cref="EdgePolicy"/> as <c>nginx.conf</c> for nginx 1.22 (Debian 12). Pure: no I/O.</summary>
public static class NginxConfigRenderer
{
    internal const string RateLimitZone = "edge_rate_limit";
    internal const string RequestLogStreamFormat = "edge_metrics";
    internal const string RequestIdVariable = "$edge_request_id";
    internal const string RetryClassVariable = "$edge_retry_class";
    internal const string WriteUpstreamVariable = "$edge_write_upstream";
    internal const string AnonymousWriteVariable = "$edge_anonymous_write";

    // A few hundred bytes per server: ample for any replica count this renders.
    private const int UpstreamZoneKilobytes = 64;

    /// <summary>
    /// The configuration text, for <c>nginx -p &lt;run directory&gt; -c &lt;file&gt; -g 'daemon off;'</c>.
    /// </summary>
    /// <param name="policy">A valid policy (validated here).</param>
    /// <exception cref="InvalidOperationException">The policy is invalid.</exception>
    public static string Render(EdgePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.EnsureValid();
        var w = new ConfigWriter();
        w.Line("# Rendered by HealthAI.Edge from an EdgePolicy: change the policy, not this file.");
        w.Line("# Run in the foreground: nginx -p <run dir> -c <this file> -g 'daemon off;' (so no daemon directive here).");
        if (policy.RunAs is { } account)
        {
            w.Line($"user {account.User} {account.Group};");
        }

        w.Line("worker_processes auto;");
        // pid and logs in the run directory: the compiled-in /run and /var/log are not writable for a non-root host process.
        w.Line($"pid {policy.HostPaths.PidFile("nginx")};");
        w.Line($"error_log {policy.HostPaths.ErrorLogFile ?? "stderr"} warn;");
        w.Line();
        w.Block("events", e => e.Line($"worker_connections {Number(policy.ClientLimits.MaxConnections)};"));
        w.Line();
        w.Block("http", h => RenderHttp(h, policy));
        return w.ToString();
    }

    private static void RenderHttp(ConfigWriter w, EdgePolicy policy)
    {
        w.Line("server_tokens off;");
        w.Line("sendfile on;");
        w.Line($"keepalive_timeout {Duration(policy.Listeners.ClientIdleTimeout)};");
        w.Lines(NginxClientLimits.Directives(policy));
        // Restricted locations are matched on the normalised $uri; with merge_slashes off, '//backup' would slip past.
        w.Line("merge_slashes on;");
        foreach (var kind in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            // Compiled-in temp paths point at /var/lib/nginx, which a host process cannot write.
            w.Line($"{kind}_temp_path {policy.HostPaths.TempDirectory(kind)};");
        }

        // Responses stream to the client instead of spooling to disk: the temp folder is a bounded tmpfs, which a large
        // download (a backup) would fill; request bodies, bounded per route, are what it holds.
        w.Line("proxy_max_temp_file_size 0;");

        w.Line();
        w.Block("types", t => t.Lines(NginxMimeTypes.Table.Select(m => $"{m.MediaType} {m.Extensions};")));
        w.Line("default_type application/octet-stream;");
        w.Line();
        RenderLogging(w, policy);
        RenderCompression(w, policy.Compression);
        RenderMaps(w, policy);
        RenderLimitsAndRetries(w, policy);
        RenderUpstreams(w, policy);
        NginxServerRenderer.RenderServers(w, policy);
    }

    private static void RenderLogging(ConfigWriter w, EdgePolicy policy)
    {
        // escape=json keeps client-controlled values (URI, user agent) from breaking the JSON line.
        w.Line("log_format edge_json escape=json");
        w.Line($"    '{{\"time\":\"$time_iso8601\",\"request_id\":\"{RequestIdVariable}\",\"client\":\"$remote_addr\",'");
        w.Line("    '\"method\":\"$request_method\",\"uri\":\"$request_uri\",\"status\":$status,\"bytes_sent\":$body_bytes_sent,'");
        w.Line("    '\"request_time\":$request_time,\"upstream_addr\":\"$upstream_addr\",\"upstream_status\":\"$upstream_status\",'");
        w.Line("    '\"upstream_connect_time\":\"$upstream_connect_time\",\"upstream_response_time\":\"$upstream_response_time\",'");
        w.Line("    '\"user_agent\":\"$http_user_agent\",\"traceparent\":\"$http_traceparent\"}';");
        w.Line($"access_log {policy.HostPaths.AccessLogFile ?? "/dev/stdout"} edge_json;");
        if (policy.RequestLogStream is { } stream)
        {
            // The trailing newline ends the line for mtail, which splits datagrams on newlines; nginx sends none over syslog.
            // An empty upstream_header_time (no upstream) or a last '-' (no response) marks an answer nginx made itself.
            w.Line($"log_format {RequestLogStreamFormat} escape=none 'status=$status upstream_header_time=\"$upstream_header_time\"\\n';");
            w.Line($"access_log syslog:server={stream.Address}:{Number(stream.Port)},nohostname,tag={stream.Tag} {RequestLogStreamFormat};");
        }

        w.Line();
    }

    private static void RenderCompression(ConfigWriter w, CompressionPolicy compression)
    {
        if (!compression.Enabled)
        {
            return;
        }

        w.Line("gzip on;");
        w.Line("gzip_vary on;");
        // Without 'any', nginx skips compression whenever the request came through a proxy (has a Via header).
        w.Line("gzip_proxied any;");
        w.Line($"gzip_min_length {Number(compression.MinimumLength)};");
        // text/html is always compressed; listing it makes nginx warn about a duplicate type.
        var types = compression.MediaTypes.Where(t => t != "text/html").ToList();
        if (types.Count > 0)
        {
            w.Line($"gzip_types {string.Join(' ', types)};");
        }

        w.Line();
    }

    private static void RenderMaps(ConfigWriter w, EdgePolicy policy)
    {
        // A fixed "Connection: upgrade" would end every upstream keepalive connection; send it only for WebSockets.
        w.Block("map $http_upgrade $connection_upgrade", m => m.Line("default upgrade;").Line("'' '';"));
        w.Block($"map {NginxHeaderVariable(policy.RequestId.HeaderName)} {RequestIdVariable}", m =>
        {
            m.Line("default $request_id;");
            m.Line($"\"~{policy.RequestId.AcceptedPattern}\" {NginxHeaderVariable(policy.RequestId.HeaderName)};");
        });
        var retry = policy.Retry;
        w.Block($"map \"$request_method:{NginxHeaderVariable(retry.IdempotencyKeyHeader)}\" {RetryClassVariable}", m =>
        {
            m.Line("default \"\";");
            m.Line($"\"~^({Alternation(retry.WriteMethods)}):.\" keyed_write;");
        });
        if (policy.RoutesWithAuthorizedWrites.Count > 0)
        {
            w.Block($"map \"$request_method:$http_authorization\" {AnonymousWriteVariable}", m =>
            {
                m.Line("default \"\";");
                m.Line($"\"~^({Alternation(policy.WriteGroupMethods)}):$\" 1;");
            });
        }

        if (policy.RoutesWithWriteGroup.Count > 0)
        {
            // proxy_pass to a variable holding an upstream's name uses that upstream: no resolver is involved.
            w.Block($"map $request_method {WriteUpstreamVariable}", m =>
            {
                m.Line($"default {policy.UpstreamGroupName};");
                m.Lines(policy.WriteGroupMethods.Select(method => $"{method} {policy.WriteUpstreamGroupName};"));
            });
        }

        w.Line();
    }

    private static void RenderLimitsAndRetries(ConfigWriter w, EdgePolicy policy)
    {
        var rate = policy.RateLimit;
        w.Line($"limit_req_zone $binary_remote_addr zone={RateLimitZone}:{Number(rate.TableSizeMegabytes)}m rate={Number(rate.RequestsPerSecond)}r/s;");
        // nginx answers 503 by default, which clients and the monitoring read as an outage, not as "slow down".
        w.Line("limit_req_status 429;");
        w.Line("limit_req_log_level warn;");
        w.Line();
        w.Line($"proxy_next_upstream {NginxProxyDirectives.NextUpstreamConditions(policy.Retry.On)};");
        w.Line($"proxy_next_upstream_tries {Number(policy.Retry.Tries)};");
        w.Line();
    }

    private static void RenderUpstreams(ConfigWriter w, EdgePolicy policy)
    {
        RenderUpstream(w, policy, policy.UpstreamGroupName);
        if (policy.RoutesWithWriteGroup.Count > 0)
        {
            RenderUpstream(w, policy, policy.WriteUpstreamGroupName);
        }
    }

    private static void RenderUpstream(ConfigWriter w, EdgePolicy policy, string name)
    {
        // nginx OSS has only passive health: max_fails/fail_timeout below, judged from real requests.
        w.Block($"upstream {name}", u =>
        {
            // Shared memory: every worker sees the same failures. Without it each worker judges alone, and one
            // that met the replicas before they listened keeps them out for fail_timeout while the others serve.
            u.Line($"zone {name} {Number(UpstreamZoneKilobytes)}k;");
            if (policy.Balancing == BalancingAlgorithm.LeastConnections)
            {
                u.Line("least_conn;");
            }

            foreach (var upstream in policy.Upstreams)
            {
                var threshold = policy.PassiveHealth.For(upstream.Role);
                var backup = upstream.Role == UpstreamRole.Backup ? " backup" : "";
                u.Line($"server {upstream.Endpoint}{backup} max_fails={Number(threshold.MaxFails)} fail_timeout={Duration(threshold.FailTimeout)}{(upstream.Drained ? " down" : "")};");
            }

            u.Line($"keepalive {Number(policy.Keepalive.IdleConnections)};");
            u.Line($"keepalive_timeout {Duration(policy.Keepalive.IdleTimeout)};");
        });
        w.Line();
    }
}
