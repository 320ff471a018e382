using HealthAI.Edge.Policy;
using HealthAI.Edge.Rendering;
using HealthAI.Testing.Edge;

namespace HealthAI.Edge.Tests;

/// <summary>Known HAProxy pitfalls, each proved absent from the rendered text.</summary>
public sealed class HaproxyRenderingTests
{
    private static readonly string Tls = HaproxyConfigRenderer.Render(Policies.WithTls());
    private static readonly string Plain = HaproxyConfigRenderer.Render(Policies.Default());

    [Fact]
    public void Haproxy_balances_by_least_connections_and_probes_readiness_twice_a_second()
    {
        Assert.Contains("balance leastconn", Tls, StringComparison.Ordinal);
        Assert.Contains("option httpchk\n", Tls, StringComparison.Ordinal);
        Assert.Contains("http-check send meth GET uri /readyz", Tls, StringComparison.Ordinal);
        Assert.Contains("http-check expect status 200", Tls, StringComparison.Ordinal);
        Assert.Contains("default-server inter 500ms fastinter 250ms downinter 500ms fall 2 rise 2 pool-max-conn 32", Tls, StringComparison.Ordinal);
        Assert.Contains("timeout check 500ms", Tls, StringComparison.Ordinal);
        Assert.Contains("timeout connect 1s", Tls, StringComparison.Ordinal);
        Assert.Contains("server healthai-app-1 127.0.0.1:5001 check observe layer7 error-limit 1 on-error mark-down", Tls, StringComparison.Ordinal);
        Assert.Contains("server healthai-app-backup 127.0.0.1:5004 check backup\n", Tls, StringComparison.Ordinal);
        Assert.DoesNotContain("inter 30s", Tls, StringComparison.Ordinal);
    }

    [Fact]
    public void Haproxy_probes_take_a_frozen_replica_out_within_2_s()
    {
        var active = Policies.Default().ActiveHealth;

        // Frozen just after a good probe: 500 ms to the next, its 500 ms timeout, 250 ms to the second, its 500 ms.
        Assert.Equal(TimeSpan.FromMilliseconds(1750), active.DetectionBound);
        Assert.True(active.DetectionBound <= TimeSpan.FromSeconds(2), $"HAProxy would see a frozen replica only after {active.DetectionBound}");
        // The renderer takes every figure of the bound from the policy.
        Assert.Contains($"inter {active.Interval.TotalMilliseconds}ms fastinter {active.FastInterval.TotalMilliseconds}ms downinter 500ms fall {active.Fall} ", Tls, StringComparison.Ordinal);
        Assert.Contains($"timeout check {active.Timeout.TotalMilliseconds}ms", Tls, StringComparison.Ordinal);
    }

    [Fact]
    public void Haproxy_retries_on_another_server_but_not_keyless_writes()
    {
        Assert.Contains("option redispatch 1", Tls, StringComparison.Ordinal);
        Assert.Contains("retries 2", Tls, StringComparison.Ordinal);
        Assert.Contains("retry-on conn-failure empty-response response-timeout 502 503 504", Tls, StringComparison.Ordinal);
        Assert.Contains("http-request disable-l7-retry unless { var(txn.retryable) -m bool }", Tls, StringComparison.Ordinal);
        Assert.Contains("http-request set-var(txn.retryable) bool(true) if { method GET HEAD OPTIONS PUT DELETE } || { method POST PATCH } { req.hdr(IDEMPOTENCY-KEY) -m found } || { var(txn.route) -m str api_ask api_documents_batch api_documents }", Tls, StringComparison.Ordinal);
    }

    [Fact]
    public void Haproxy_holds_a_whole_request_before_it_picks_a_server_so_that_a_keyed_write_can_be_replayed()
    {
        // HAProxy replays only a request it had whole when it first sent it, and only from one buffer.
        Assert.Equal(2, Tls.Split("\n    option http-buffer-request\n").Length - 1);
        Assert.Contains($"\n    tune.bufsize {RetryPolicy.Default.ReplayableBodyBytes + RetryPolicy.HeaderRoomBytes}\n", Tls, StringComparison.Ordinal);
        Assert.Equal(256 * 1024, RetryPolicy.Default.ReplayableBodyBytes);
    }

    [Fact]
    public void Haproxy_judges_the_knowledge_base_writes_in_a_backend_of_their_own()
    {
        // observe layer7 counts a 503 as an error: a database switch, which every replica answers with 503 for writes,
        // would otherwise mark every server of the one backend down, reads included.
        Assert.Contains("use_backend healthai_backend_writes if { var(txn.route) -m str api_documents } { method POST PUT PATCH DELETE }\n", Tls, StringComparison.Ordinal);
        Assert.True(Tls.IndexOf("use_backend healthai_backend_writes", StringComparison.Ordinal) < Tls.IndexOf("default_backend healthai_backend", StringComparison.Ordinal));
        var reads = Section("\nbackend healthai_backend\n");
        var writes = Section("\nbackend healthai_backend_writes\n");
        Assert.Equal(reads[reads.IndexOf('\n', 1)..], writes[writes.IndexOf('\n', 1)..]);
        Assert.Contains("server healthai-app-1 127.0.0.1:5001 check observe layer7 error-limit 1 on-error mark-down", writes, StringComparison.Ordinal);

        static string Section(string header)
        {
            var start = Tls.IndexOf(header, StringComparison.Ordinal);
            Assert.True(start >= 0, $"'{header.Trim()}' not found");
            var end = Tls.IndexOf("\n\n", start, StringComparison.Ordinal);
            return end < 0 ? Tls[start..] : Tls[start..end];
        }
    }

    [Fact]
    public void Haproxy_keeps_backend_connections_alive()
    {
        Assert.DoesNotContain("option http-server-close", string.Join('\n', Tls.Split('\n').Where(l => !l.TrimStart().StartsWith('#'))), StringComparison.Ordinal);
        Assert.Contains("http-reuse safe", Tls, StringComparison.Ordinal);
    }

    [Fact]
    public void Haproxy_closes_idle_client_connections_cleanly_on_reload()
    {
        Assert.Contains("option idle-close-on-response", Tls, StringComparison.Ordinal);
    }

    [Fact]
    public void Haproxy_rate_limit_uses_the_same_numbers_as_nginx_and_answers_429_with_Retry_After()
    {
        Assert.Contains("stick-table type ipv6 size 160000 expire 10s store http_req_rate(1s)", Tls, StringComparison.Ordinal);
        Assert.Contains("store http_req_rate(10s)", Tls, StringComparison.Ordinal);
        // 10 r/s + burst 20: at most 30 in a second, 10*10+20 = 120 in ten seconds.
        Assert.Contains("http-request deny deny_status 429 if { sc_http_req_rate(0,edge_rate_short) gt 30 } || { sc_http_req_rate(1,edge_rate_long) gt 120 }", Tls, StringComparison.Ordinal);
        Assert.Contains("http-request track-sc0 src table edge_rate_short if { var(txn.route) -m str api_search api_ask api_documents_batch api_documents websocket api }", Tls, StringComparison.Ordinal);
        Assert.Contains("http-error status 429 content-type application/problem+json string '{\"type\":\"about:blank\",\"title\":\"Too Many Requests\"", Tls, StringComparison.Ordinal);
        Assert.Contains("hdr Retry-After \"1\"", Tls, StringComparison.Ordinal);
        Assert.Contains("leaky bucket", Tls, StringComparison.Ordinal);
    }

    [Fact]
    public void Haproxy_sends_security_headers_on_every_response_including_its_own_errors()
    {
        foreach (var header in SecurityHeaders.Default)
        {
            // http-after-response, unlike http-response, also runs on HAProxy's errors, redirects and returns.
            Assert.Contains($"http-after-response set-header {header.Name} \"{header.Value}\"", Tls, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("mode=block", Tls, StringComparison.Ordinal);
        foreach (var status in new[] { 403, 413, 429, 502, 503, 504 })
        {
            Assert.Contains($"http-error status {status} content-type application/problem+json string '{{\"type\":\"about:blank\"", Tls, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Haproxy_stats_are_read_only_authenticated_and_allow_listed_on_loopback()
    {
        var status = Tls[Tls.IndexOf("listen edge_status", StringComparison.Ordinal)..];
        Assert.Contains("bind 127.0.0.1:8404", status, StringComparison.Ordinal);
        Assert.Contains("stats uri /stats", status, StringComparison.Ordinal);
        Assert.Contains($"stats auth healthai:{Policies.StatsPassword}", status, StringComparison.Ordinal);
        Assert.Contains("http-request deny deny_status 403 unless edge_allowed_network", status, StringComparison.Ordinal);
        Assert.Contains("http-request use-service prometheus-exporter if { path /metrics }", status, StringComparison.Ordinal);
        Assert.DoesNotContain("stats admin", string.Join('\n', Tls.Split('\n').Where(l => !l.TrimStart().StartsWith('#'))), StringComparison.Ordinal);
        Assert.DoesNotContain("level admin", Tls, StringComparison.Ordinal);
    }

    [Fact]
    public void Haproxy_runs_as_a_foreground_host_process_logging_to_stdout()
    {
        var directives = Tls.Split('\n').Where(l => !l.TrimStart().StartsWith('#')).Select(l => l.Trim()).ToList();
        Assert.Contains("log stdout format raw local0", directives);
        Assert.Contains("pidfile /tmp/healthai-edge/haproxy.pid", directives);
        Assert.DoesNotContain("daemon", directives);
        Assert.DoesNotContain(directives, d => d.StartsWith("chroot", StringComparison.Ordinal) || d.StartsWith("user ", StringComparison.Ordinal) || d.StartsWith("group ", StringComparison.Ordinal));
        Assert.Contains("user nobody", HaproxyConfigRenderer.Render(Policies.Default() with { RunAs = new RunAsAccount("nobody", "nogroup") }), StringComparison.Ordinal);
    }

    [Fact]
    public void Haproxy_logs_json_with_the_request_id_it_takes_or_generates()
    {
        Assert.Contains("unique-id-format %[var(txn.request_id)]", Tls, StringComparison.Ordinal);
        Assert.Contains("http-request set-var(txn.request_id) uuid unless { var(txn.request_id) -m found }", Tls, StringComparison.Ordinal);
        Assert.Contains("http-request set-header X-Request-ID %[var(txn.request_id)]", Tls, StringComparison.Ordinal);
        Assert.Contains("http-after-response set-header X-Request-ID %[var(txn.request_id)]", Tls, StringComparison.Ordinal);
        Assert.Contains("log-format '{\"time\":\"%tr\",\"request_id\":\"%ID\"", Tls, StringComparison.Ordinal);
        Assert.Contains("\"upstream_addr\":\"%si:%sp\"", Tls, StringComparison.Ordinal);
        Assert.DoesNotContain("del-header traceparent", Tls, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("set-header traceparent", Tls, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("option forwardfor", Tls, StringComparison.Ordinal);
        Assert.Contains("http-request set-header X-Forwarded-Proto https if { ssl_fc }", Tls, StringComparison.Ordinal);
    }

    [Fact]
    public void Haproxy_routes_carry_their_timeouts_paths_and_restrictions()
    {
        Assert.Contains("http-request set-timeout server 2500ms if { var(txn.route) -m str health }", Tls, StringComparison.Ordinal);
        Assert.Contains("http-request set-timeout server 8s if { var(txn.route) -m str api_documents }", Tls, StringComparison.Ordinal);
        Assert.Contains("http-request set-timeout server 8s if { var(txn.route) -m str api_documents_batch }", Tls, StringComparison.Ordinal);
        Assert.Contains("http-request set-timeout server 60s if { var(txn.route) -m str monitoring }", Tls, StringComparison.Ordinal);
        Assert.Contains("http-request set-timeout server 300s if { var(txn.route) -m str backup }", Tls, StringComparison.Ordinal);
        Assert.Contains("http-request set-path /healthz if { var(txn.route) -m str health }", Tls, StringComparison.Ordinal);
        Assert.Contains("http-request deny deny_status 403 if { var(txn.route) -m str health_detailed monitoring backup faults } !edge_allowed_network", Tls, StringComparison.Ordinal);
        Assert.Contains("http-request deny deny_status 413 if { var(txn.route) -m str backup } { req.hdr_val(content-length) gt 1024 }", Tls, StringComparison.Ordinal);
        Assert.Contains("acl edge_allowed_network src 127.0.0.0/8 ::1/128 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 fc00::/7", Tls, StringComparison.Ordinal);
        Assert.Contains("http-response set-header Cache-Control \"public, max-age=31536000, immutable\" if { var(txn.route) -m str static }", Tls, StringComparison.Ordinal);
        Assert.True(
            Tls.IndexOf("str(health)", StringComparison.Ordinal) < Tls.IndexOf("str(api)", StringComparison.Ordinal),
            "Specific routes must be classified before the catch-all.");
    }

    [Fact]
    public void Haproxy_matches_restricted_routes_on_the_decoded_lower_case_normalised_path()
    {
        const string normalise = "http-request set-var(txn.normalised_path) \"path,url_dec,lower,regsub('/+','/',g),regsub('/(\\./)+','/',g),regsub('/\\.\\$','/')\"";
        const string climbing = "http-request deny deny_status 400 if { var(txn.normalised_path) -m reg (^|/)\\.\\.(/|$) }";
        Assert.Contains(normalise, Tls, StringComparison.Ordinal);
        Assert.Contains(climbing, Tls, StringComparison.Ordinal);
        var firstRoute = Tls.IndexOf("http-request set-var(txn.route)", StringComparison.Ordinal);
        Assert.True(Tls.IndexOf(normalise, StringComparison.Ordinal) < Tls.IndexOf(climbing, StringComparison.Ordinal) && Tls.IndexOf(climbing, StringComparison.Ordinal) < firstRoute);
        foreach (var (name, path) in new[] { ("monitoring", "/monitoring"), ("backup", "/backup"), ("health_detailed", "/health/detailed"), ("faults", "/faults") })
        {
            var rule = $"http-request set-var(txn.route) str({name}) if !{{ var(txn.route) -m found }} {{ var(txn.normalised_path) -m beg {path} }}";
            Assert.Contains(rule, Tls, StringComparison.Ordinal);
            // Classified before any open route, as nginx's regex locations win over its prefixes.
            Assert.True(Tls.IndexOf(rule, StringComparison.Ordinal) < Tls.IndexOf("str(static_index)", StringComparison.Ordinal), $"{name} is classified after an open route");
        }

        Assert.Contains("http-request set-var(txn.route) str(static) if !{ var(txn.route) -m found } { path_beg /static/ }", Tls, StringComparison.Ordinal);
    }

    [Fact]
    public void Haproxy_bounds_slow_clients_and_connections_per_client_address()
    {
        var limits = Policies.Default().ClientLimits with { HeaderTimeout = TimeSpan.FromSeconds(7), BodyTimeout = TimeSpan.FromSeconds(11), SendTimeout = TimeSpan.FromSeconds(13), MaxConnectionsPerClient = 40, MaxConnections = 2048 };
        var text = HaproxyConfigRenderer.Render(Policies.Default() with { ClientLimits = limits });

        Assert.Contains("maxconn 2048", text, StringComparison.Ordinal);
        Assert.Contains("timeout http-request 7s", text, StringComparison.Ordinal);
        // One client-side inactivity timeout for body and response: the longer of the two.
        Assert.Contains("timeout client 13s", text, StringComparison.Ordinal);
        Assert.Contains("tcp-request connection track-sc2 src table edge_conn_per_client", text, StringComparison.Ordinal);
        Assert.Contains("tcp-request connection reject if { sc_conn_cur(2) gt 40 }", text, StringComparison.Ordinal);
        Assert.Contains("backend edge_conn_per_client\n    stick-table type ipv6 size 160000 expire 21s store conn_cur", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Haproxy_answers_edge_health_before_redirecting_and_without_logging()
    {
        var health = Tls.IndexOf("string healthy if { var(txn.route) -m str edge_health }", StringComparison.Ordinal);
        var redirect = Tls.IndexOf("http-request redirect location https://", StringComparison.Ordinal);
        Assert.True(health >= 0 && redirect > health, "The edge health answer must come before the HTTPS redirect.");
        Assert.Contains("http-request set-log-level silent if { var(txn.route) -m str edge_health }", Tls, StringComparison.Ordinal);
        Assert.Contains("%[capture.req.uri] code 308 unless { ssl_fc }", Tls, StringComparison.Ordinal);
        Assert.DoesNotContain("redirect", Plain, StringComparison.Ordinal);
    }

    [Fact]
    public void Haproxy_denies_restricted_routes_to_everyone_when_the_allow_list_is_empty()
    {
        var text = HaproxyConfigRenderer.Render(Policies.Default() with { Access = new AccessPolicy { AllowedNetworks = [] } });
        Assert.Contains("acl edge_allowed_network always_false", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Haproxy_terminates_TLS_with_the_intermediate_profile_and_HTTP2()
    {
        Assert.Contains("bind 0.0.0.0:443 ssl crt /tmp/healthai-edge/edge.crt alpn h2,http/1.1", Tls, StringComparison.Ordinal);
        Assert.Contains("ssl-default-bind-ciphers " + string.Join(':', TlsPolicy.IntermediateTls12Ciphers), Tls, StringComparison.Ordinal);
        Assert.Contains("ssl-default-bind-options ssl-min-ver TLSv1.2 no-tls-tickets", Tls, StringComparison.Ordinal);
        Assert.DoesNotContain("ssl-default", Plain, StringComparison.Ordinal);
        Assert.DoesNotContain(" ssl crt ", Plain, StringComparison.Ordinal);
    }

    [Fact]
    public void Haproxy_refuses_a_key_it_cannot_find_with_a_clear_message()
    {
        var policy = Policies.Default(tls: new TlsPolicy("/certs/edge.crt", "/keys/edge.key"));
        var error = Assert.Throws<InvalidOperationException>(() => HaproxyConfigRenderer.Render(policy));
        Assert.Contains("Tls.KeyPath", error.Message, StringComparison.Ordinal);
        Assert.Contains("/certs/edge.crt.key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Haproxy_compresses_json_and_text()
    {
        Assert.Contains("compression algo gzip", Tls, StringComparison.Ordinal);
        Assert.Contains("compression type application/json application/problem+json text/plain text/css application/javascript text/html", Tls, StringComparison.Ordinal);
    }
}
