using HealthAI.Edge.Policy;
using static HealthAI.Edge.Rendering.ConfigValues;
using static HealthAI.Edge.Rendering.HaproxyConditions;

namespace HealthAI.Edge.Rendering;

/// <summary>Renders an <see cref="EdgePolicy"/> as <c>haproxy.cfg</c> for HAProxy 2.6 (Debian 12). Pure: no I/O.</summary>
public static class HaproxyConfigRenderer
{
    internal const string FrontendName = "edge";
    internal const string StatusProxyName = "edge_status";

    /// <summary>The configuration text, for <c>haproxy -W -db -dMglobal -f &lt;file&gt;</c> (foreground).</summary>
    /// <param name="policy">A valid policy (validated here).</param>
    /// <exception cref="InvalidOperationException">
    /// The policy is invalid, or its TLS key is somewhere HAProxy 2.6 cannot find it.
    /// </exception>
    public static string Render(EdgePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.EnsureValid();
        EnsureKeyIsLoadable(policy.Tls);
        var w = new ConfigWriter();
        w.Line("# Rendered by HealthAI.Edge from an EdgePolicy: change the policy, not this file.");
        w.Line("# Run in the foreground: haproxy -W -db -dMglobal -f <this file> (so no daemon, chroot or stats admin socket here).");
        w.Line();
        w.Section("global", g => RenderGlobal(g, policy));
        w.Section("defaults", d => RenderDefaults(d, policy));
        w.Section($"frontend {FrontendName}", f => HaproxyFrontendRenderer.Render(f, policy));
        w.Section($"backend {policy.UpstreamGroupName}", b => HaproxyBackendRenderer.Render(b, policy));
        if (policy.RoutesWithWriteGroup.Count > 0)
        {
            w.Section($"backend {policy.WriteUpstreamGroupName}", b => HaproxyBackendRenderer.Render(b, policy));
        }
        HaproxyBackendRenderer.RenderRateTables(w, policy);
        HaproxyClientLimits.RenderTable(w, policy);
        w.Section($"listen {StatusProxyName}", s => RenderStatus(s, policy));
        return w.ToString().TrimEnd('\n') + "\n";
    }

    private static void EnsureKeyIsLoadable(TlsPolicy? tls)
    {
        // HAProxy 2.6 has no key path setting: it reads the key from the certificate file or from '<crt>.key'.
        if (tls is not null && tls.KeyPath != tls.CertificatePath && tls.KeyPath != tls.CertificatePath + ".key")
        {
            throw new InvalidOperationException(
                $"Invalid edge policy for HAProxy: Tls.KeyPath '{tls.KeyPath}' must be the certificate file itself or '{tls.CertificatePath}.key'.");
        }
    }

    private static void RenderGlobal(ConfigWriter g, EdgePolicy policy)
    {
        // Standard output: a foreground host process has no syslog socket, and Aspire collects stdout.
        g.Line("log stdout format raw local0");
        g.Line($"pidfile {policy.HostPaths.PidFile("haproxy")}");
        if (policy.RunAs is { } account)
        {
            g.Line($"user {account.User}");
            g.Line($"group {account.Group}");
        }

        g.Line($"maxconn {Number(policy.ClientLimits.MaxConnections)}");
        // One buffer holds a whole replayable request; buffers are taken per active transfer, not per idle connection.
        g.Line($"tune.bufsize {Number(policy.Retry.ReplayableBodyBytes + RetryPolicy.HeaderRoomBytes)}");
        if (policy.Tls is { } tls)
        {
            if (tls.MinimumVersion == TlsProtocolVersion.Tls12)
            {
                g.Line($"ssl-default-bind-ciphers {string.Join(':', tls.Tls12Ciphers)}");
            }

            g.Line($"ssl-default-bind-ciphersuites {string.Join(':', TlsPolicy.Tls13CipherSuites)}");
            var minimum = tls.MinimumVersion == TlsProtocolVersion.Tls13 ? "TLSv1.3" : "TLSv1.2";
            g.Line($"ssl-default-bind-options ssl-min-ver {minimum} no-tls-tickets");
            // The DHE suites need parameters; 2048 bits is the floor current clients accept.
            g.Line("tune.ssl.default-dh-param 2048");
        }
    }

    private static void RenderDefaults(ConfigWriter d, EdgePolicy policy)
    {
        var proxied = policy.Routes.Where(r => r.Kind != RouteKind.EdgeHealth).ToList();
        d.Line("mode http");
        d.Line("log global");
        d.Line("log-format '{\"time\":\"%tr\",\"request_id\":\"%ID\",\"client\":\"%ci\",\"method\":\"%HM\",\"uri\":\"%{+E}HU\",\"status\":%ST,\"bytes_sent\":%B,\"route\":\"%[var(txn.route)]\",\"upstream\":\"%b/%s\",\"upstream_addr\":\"%si:%sp\",\"retries\":%rc,\"connect_ms\":%Tc,\"response_ms\":%Tr,\"total_ms\":%Ta,\"termination\":\"%ts\",\"traceparent\":\"%[var(txn.traceparent),json(utf8s)]\"}'");
        d.Line("option dontlognull");
        d.Line("option forwardfor");
        // No 'option http-server-close': it closes every upstream connection after one request.
        d.Line("option http-keep-alive");
        // On reload the old process closes idle client connections; without this a request sent on one
        // at that instant gets no answer (clients resend GETs by themselves, not POSTs).
        d.Line("option idle-close-on-response");
        d.Line($"timeout connect {Duration(proxied.Select(r => r.Timeouts.Connect).DefaultIfEmpty(RouteTimeouts.DefaultConnect).Max())}");
        // Client-side inactivity only (a body that stalls, a response left unread): it does not run while the
        // upstream works, so a slow /backup answer is not cut. Slow headers are bounded by http-request.
        d.Line($"timeout client {Duration(policy.ClientLimits.ClientInactivityTimeout)}");
        // An upgraded WebSocket is a tunnel: idle as long as the WebSocket route allows, as nginx's proxy_read_timeout there.
        d.Line($"timeout tunnel {Duration(policy.WebSocketIdleTimeout)}");
        d.Line($"timeout server {Duration(proxied.Select(r => r.Timeouts.Longest).DefaultIfEmpty(TimeSpan.FromSeconds(30)).Min())}");
        d.Line($"timeout http-request {Duration(policy.ClientLimits.HeaderTimeout)}");
        d.Line($"timeout http-keep-alive {Duration(policy.Listeners.ClientIdleTimeout)}");
        d.Line($"timeout queue {Duration(policy.Retry.Timeout)}");
        d.Line($"timeout check {Duration(policy.ActiveHealth.Timeout)}");
        foreach (var problem in policy.Problems)
        {
            var headers = string.Concat(problem.Headers.Select(h => $" hdr {h.Name} \"{h.Value.Replace("\"", "\\\"", StringComparison.Ordinal)}\""));
            d.Line($"http-error status {Number(problem.Status)} content-type {EdgeProblem.MediaType} string '{problem.ToJson()}'{headers}");
        }
    }

    private static void RenderStatus(ConfigWriter s, EdgePolicy policy)
    {
        var status = policy.Status;
        s.Line($"bind {Bind(status.Address, status.Port)}");
        s.Line(AllowedNetworks(policy));
        s.Line($"http-request deny deny_status 403 unless {AllowedNetworkAcl}");
        s.Line($"http-request use-service prometheus-exporter if {{ path {status.MetricsPath} }}");
        s.Line("stats enable");
        s.Line($"stats uri {status.StatsPath}");
        s.Line("stats refresh 10s");
        // Read-only on purpose: 'stats admin' would let anyone with the password disable servers.
        // HAProxy expands environment variables inside double quotes, which keeps the secret out of the file.
        s.Line(status.StatsPasswordVariable is { } variable
            ? $"stats auth \"{status.StatsUser}:${{{variable}}}\""
            : $"stats auth {status.StatsUser}:{status.StatsPassword}");
        s.Lines(HaproxyFrontendRenderer.ResponseHeaders(policy));
    }
}
