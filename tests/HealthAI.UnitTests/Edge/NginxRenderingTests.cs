using System.Text.RegularExpressions;
using HealthAI.Edge.Policy;
using HealthAI.Edge.Rendering;
using HealthAI.Testing.Edge;

namespace HealthAI.Edge.Tests;

/// <summary>Known nginx pitfalls, each proved absent from the rendered text.</summary>
public sealed class NginxRenderingTests
{
    private static readonly string Tls = NginxConfigRenderer.Render(Policies.WithTls());
    private static readonly string Plain = NginxConfigRenderer.Render(Policies.Default());

    /// <summary>The HTTPS server alone: the redirect and status servers have their own <c>location /</c>.</summary>
    private static readonly string Https = Tls[Tls.IndexOf("ssl http2;", StringComparison.Ordinal)..Tls.IndexOf("listen 127.0.0.1:8404;", StringComparison.Ordinal)];

    [Fact]
    public void Nginx_answers_rate_limited_clients_with_429_and_Retry_After()
    {
        Assert.Contains("limit_req_zone $binary_remote_addr zone=edge_rate_limit:10m rate=10r/s;", Tls, StringComparison.Ordinal);
        Assert.Contains("limit_req_status 429;", Tls, StringComparison.Ordinal);
        Assert.Contains("limit_req zone=edge_rate_limit burst=20 nodelay;", Location(Https, "location / "), StringComparison.Ordinal);
        Assert.Contains("error_page 429 /.edge/problem/429;", Tls, StringComparison.Ordinal);
        var problem = Location(Https, "location = /.edge/problem/429 ");
        Assert.Contains("add_header Retry-After \"1\" always;", problem, StringComparison.Ordinal);
        Assert.Contains("return 429 '{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429", problem, StringComparison.Ordinal);
        Assert.Contains("default_type application/problem+json;", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Nginx_keeps_upstream_connections_alive_in_every_proxied_location()
    {
        Assert.Contains("map $http_upgrade $connection_upgrade {\n        default upgrade;\n        '' '';\n    }", Tls, StringComparison.Ordinal);
        Assert.Contains("keepalive 32;", Tls, StringComparison.Ordinal);
        Assert.DoesNotContain("Connection \"upgrade\"", Tls, StringComparison.Ordinal);
        var proxied = ProxiedLocations(Https);
        // Eight proxied routes with their keyed-write locations, and the three safe to repeat without one.
        Assert.Equal(19, proxied.Count);
        Assert.All(proxied, l =>
        {
            Assert.Contains("proxy_http_version 1.1;", l, StringComparison.Ordinal);
            Assert.Contains("proxy_set_header Connection $connection_upgrade;", l, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Nginx_sends_security_headers_with_always_in_every_block_that_declares_headers()
    {
        var withHeaders = Regex.Matches(Https, @"location [^{]+\{").Select(m => Location(Https, m.Value[..^1]))
            .Where(l => l.Contains("add_header", StringComparison.Ordinal)).ToList();
        // The two static locations (the page, and its immutable assets) and one per problem body.
        Assert.Equal(2 + Policies.WithTls().Problems.Count(p => p.AnsweredAs is null), withHeaders.Count);
        Assert.All(withHeaders, block =>
        {
            foreach (var header in SecurityHeaders.Default)
            {
                Assert.Contains($"add_header {header.Name} \"{header.Value}\" always;", block, StringComparison.Ordinal);
            }
        });

        // And once per server (redirect, HTTPS, status): every block that declares headers has the full list.
        Assert.Equal(withHeaders.Count + 3, Regex.Count(Tls, "add_header X-Frame-Options \"DENY\" always;"));
        var staticLocation = Location(Https, "location /static/ ");
        Assert.Contains("add_header Strict-Transport-Security \"max-age=31536000; includeSubDomains\" always;", staticLocation, StringComparison.Ordinal);
        Assert.Contains("add_header Cache-Control \"public, max-age=31536000, immutable\";", staticLocation, StringComparison.Ordinal);
        Assert.Contains("add_header X-XSS-Protection \"0\" always;", Tls, StringComparison.Ordinal);
        Assert.DoesNotContain("mode=block", Tls, StringComparison.Ordinal);
    }

    [Fact]
    public void Nginx_replays_started_requests_only_when_safe_and_unsent_ones_always()
    {
        // Inherited by every location: nginx replays a POST or PATCH under this rule only if it was never sent.
        Assert.Contains("proxy_next_upstream error timeout http_502 http_503 http_504;", Tls, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy_next_upstream off;", Tls, StringComparison.Ordinal);
        Assert.Contains("proxy_next_upstream_tries 3;", Tls, StringComparison.Ordinal);
        Assert.Contains("map \"$request_method:$http_idempotency_key\" $edge_retry_class {", Tls, StringComparison.Ordinal);
        Assert.Contains("\"~^(POST|PATCH):.\" keyed_write;", Tls, StringComparison.Ordinal);
        var api = Location(Https, "location / ");
        Assert.Contains("error_page 418 = @api_keyed_write;", api, StringComparison.Ordinal);
        Assert.DoesNotContain("non_idempotent", api, StringComparison.Ordinal);
        Assert.Contains("proxy_next_upstream error timeout http_502 http_503 http_504 non_idempotent;", Location(Https, "location @api_keyed_write "), StringComparison.Ordinal);
        // Routes safe to repeat replay any request, keyless POSTs included, and need no keyed-write location.
        foreach (var safe in new[] { "location = /api/ask ", "location /api/documents " })
        {
            Assert.Contains("proxy_next_upstream error timeout http_502 http_503 http_504 non_idempotent;", Location(Https, safe), StringComparison.Ordinal);
            Assert.DoesNotContain("error_page 418", Location(Https, safe), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("@api_ask_keyed_write", Tls, StringComparison.Ordinal);
    }

    [Fact]
    public void Nginx_gives_a_request_its_retry_after_it_waited_out_the_read_timeout()
    {
        var search = Location(Https, "location /api/search ");
        Assert.Contains("proxy_read_timeout 2500ms;", search, StringComparison.Ordinal);
        Assert.Contains("proxy_next_upstream_timeout 12500ms;", search, StringComparison.Ordinal);
        Assert.Contains("proxy_next_upstream_timeout 12500ms;", Location(Https, "location = /api/ask "), StringComparison.Ordinal);
        Assert.Contains("proxy_read_timeout 8s;", Location(Https, "location = /api/documents/batch "), StringComparison.Ordinal);
        Assert.Contains("proxy_next_upstream_timeout 18s;", Location(Https, "location = /api/documents/batch "), StringComparison.Ordinal);
    }

    [Fact]
    public void Nginx_keeps_every_temp_path_in_the_run_directory_that_each_deployment_makes_writable()
    {
        // Bodies and responses larger than nginx's buffers spill here: the run directory is the one
        // folder each target makes writable (the local run's own, a tmpfs in compose, an emptyDir in Kubernetes).
        var temps = Regex.Matches(Tls, @"^\s*(\w+)_temp_path (\S+);", RegexOptions.Multiline).Select(m => (Kind: m.Groups[1].Value, Path: m.Groups[2].Value)).ToList();
        Assert.Equal(["client_body", "proxy", "fastcgi", "uwsgi", "scgi"], temps.Select(t => t.Kind));
        Assert.All(temps, t => Assert.Equal(Policies.WithTls().HostPaths.TempDirectory(t.Kind), t.Path));
        Assert.All(temps, t => Assert.StartsWith(Policies.WithTls().HostPaths.RunDirectory + "/", t.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void Nginx_write_retry_locations_keep_the_routes_limits_and_access_rules()
    {
        Assert.Contains("limit_req zone=edge_rate_limit", Location(Https, "location @api_keyed_write "), StringComparison.Ordinal);
        Assert.Contains("deny all;", Location(Https, "location @backup_keyed_write "), StringComparison.Ordinal);
        Assert.Contains("client_max_body_size 1k;", Location(Https, "location @backup_keyed_write "), StringComparison.Ordinal);
        Assert.Contains("recursive_error_pages on;", Tls, StringComparison.Ordinal);
    }

    [Fact]
    public void Nginx_shares_failure_state_between_workers_and_retries_a_failed_replica_after_a_second()
    {
        Assert.Contains("least_conn;", Tls, StringComparison.Ordinal);
        Assert.Contains("zone healthai_backend 64k;", Location(Tls, "upstream healthai_backend "), StringComparison.Ordinal);
        Assert.Contains("server 127.0.0.1:5001 max_fails=1 fail_timeout=1s;", Tls, StringComparison.Ordinal);
        Assert.Contains("server 127.0.0.1:5004 backup max_fails=0 fail_timeout=1s;", Tls, StringComparison.Ordinal);
        Assert.DoesNotContain("Health check", Tls, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Nginx_judges_the_knowledge_base_writes_in_an_upstream_group_of_their_own()
    {
        // During a database switch every replica refuses writes with 503, which nginx counts as a failure so that it
        // may retry keyed writes: in the reads' group, that would take every primary out and leave reads to the backup.
        var reads = Location(Tls, "upstream healthai_backend ");
        var writes = Location(Tls, "upstream healthai_backend_writes ");
        Assert.Contains("zone healthai_backend_writes 64k;", writes, StringComparison.Ordinal);
        Assert.Equal(ServerLines(reads), ServerLines(writes));
        Assert.Equal(4, ServerLines(writes).Count);
        var map = Location(Tls, "map $request_method $edge_write_upstream ");
        Assert.Contains("default healthai_backend;", map, StringComparison.Ordinal);
        foreach (var method in new[] { "POST", "PUT", "PATCH", "DELETE" })
        {
            Assert.Contains($"{method} healthai_backend_writes;", map, StringComparison.Ordinal);
        }

        Assert.Contains("proxy_pass http://$edge_write_upstream;", Location(Https, "location /api/documents "), StringComparison.Ordinal);
        Assert.Contains("proxy_pass http://$edge_write_upstream;", Location(Https, "location = /api/documents/batch "), StringComparison.Ordinal);
        var elsewhere = ProxiedLocations(Https)
            .Where(l => !l.StartsWith("location /api/documents ", StringComparison.Ordinal) && !l.StartsWith("location = /api/documents/batch ", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(elsewhere);
        Assert.All(elsewhere, l => Assert.Contains("proxy_pass http://healthai_backend;", l, StringComparison.Ordinal));

        static List<string> ServerLines(string upstream) =>
            [.. upstream.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith("server ", StringComparison.Ordinal))];
    }

    [Fact]
    public void Nginx_routes_have_their_own_timeouts_and_restrictions()
    {
        var health = Location(Https, "location = /health ");
        Assert.Contains("rewrite ^ /healthz break;", health, StringComparison.Ordinal);
        Assert.Contains("proxy_read_timeout 2500ms;", health, StringComparison.Ordinal);
        Assert.DoesNotContain("limit_req ", health, StringComparison.Ordinal);
        Assert.Contains("proxy_read_timeout 2500ms;", Location(Https, "location / "), StringComparison.Ordinal);
        Assert.Contains("proxy_read_timeout 8s;", Location(Https, "location /api/documents "), StringComparison.Ordinal);
        Assert.Contains("proxy_read_timeout 8s;", Location(Https, "location = /api/documents/batch "), StringComparison.Ordinal);
        Assert.Contains("proxy_connect_timeout 1s;", Location(Https, "location / "), StringComparison.Ordinal);
        var monitoring = Location(Https, "location ~* ^/monitoring ");
        Assert.Contains("proxy_read_timeout 60s;", monitoring, StringComparison.Ordinal);
        Assert.Contains("allow 10.0.0.0/8;", monitoring, StringComparison.Ordinal);
        Assert.EndsWith("deny all;", monitoring.Split("error_page")[0].TrimEnd(), StringComparison.Ordinal);
        var backup = Location(Https, "location ~* ^/backup ");
        Assert.Contains("proxy_send_timeout 300s;", backup, StringComparison.Ordinal);
        Assert.Contains("proxy_read_timeout 300s;", backup, StringComparison.Ordinal);
        Assert.Contains("client_max_body_size 1k;", backup, StringComparison.Ordinal);
        Assert.Contains("alias /tmp/healthai-edge/static/;", Location(Https, "location /static/ "), StringComparison.Ordinal);
    }

    [Fact]
    public void Nginx_matches_restricted_routes_case_insensitively_on_the_normalised_uri()
    {
        // Regex locations are tested on the decoded, dot-resolved $uri and win over every prefix location.
        Assert.Contains("merge_slashes on;", Tls, StringComparison.Ordinal);
        foreach (var path in new[] { "/monitoring", "/backup", "/health/detailed", "/faults" })
        {
            var location = Location(Https, $"location ~* ^{path} ");
            Assert.EndsWith("deny all;", location.Split("error_page")[0].TrimEnd(), StringComparison.Ordinal);
            Assert.DoesNotContain($"location {path} ", Https, StringComparison.Ordinal);
            Assert.Contains($"location @{Policies.Default().Routes.Single(r => r.Path == path).Name}_keyed_write ", Https, StringComparison.Ordinal);
        }

        Assert.Contains("location = /health ", Https, StringComparison.Ordinal);
        Assert.Contains("location /static/ ", Https, StringComparison.Ordinal);
    }

    [Fact]
    public void Nginx_bounds_slow_clients_and_connections_per_client_address()
    {
        var limits = Policies.Default().ClientLimits with { HeaderTimeout = TimeSpan.FromSeconds(7), BodyTimeout = TimeSpan.FromSeconds(11), SendTimeout = TimeSpan.FromSeconds(13), MaxConnectionsPerClient = 40, MaxConnections = 2048 };
        var text = NginxConfigRenderer.Render(Policies.Default() with { ClientLimits = limits });
        var http = text[text.IndexOf("http {", StringComparison.Ordinal)..text.IndexOf("server {", StringComparison.Ordinal)];

        Assert.Contains("worker_connections 2048;", text, StringComparison.Ordinal);
        Assert.Contains("client_header_timeout 7s;", http, StringComparison.Ordinal);
        Assert.Contains("client_body_timeout 11s;", http, StringComparison.Ordinal);
        Assert.Contains("send_timeout 13s;", http, StringComparison.Ordinal);
        Assert.Contains("reset_timedout_connection on;", http, StringComparison.Ordinal);
        Assert.Contains("limit_conn_zone $binary_remote_addr zone=edge_conn_limit:10m;", http, StringComparison.Ordinal);
        Assert.Contains("limit_conn edge_conn_limit 40;", http, StringComparison.Ordinal);
        Assert.Contains("limit_conn_status 429;", http, StringComparison.Ordinal);
    }

    [Fact]
    public void Nginx_denies_restricted_routes_to_everyone_when_the_allow_list_is_empty()
    {
        var text = NginxConfigRenderer.Render(Policies.Default() with { Access = new AccessPolicy { AllowedNetworks = [] } });
        var monitoring = Location(text, "location ~* ^/monitoring ");
        Assert.DoesNotContain("allow ", monitoring, StringComparison.Ordinal);
        Assert.Contains("deny all;", monitoring, StringComparison.Ordinal);
    }

    [Fact]
    public void Nginx_serves_its_own_health_on_plain_HTTP_unlogged_and_unlimited()
    {
        var redirectServer = Tls[..Tls.IndexOf("ssl http2;", StringComparison.Ordinal)];
        var health = Location(redirectServer, "location = /nginx-health ");
        Assert.Contains("access_log off;", health, StringComparison.Ordinal);
        Assert.Contains("return 200 'healthy';", health, StringComparison.Ordinal);
        Assert.DoesNotContain("limit_req", health, StringComparison.Ordinal);
        Assert.Contains("return 308 https://$host$request_uri;", redirectServer, StringComparison.Ordinal);
    }

    [Fact]
    public void Nginx_redirect_names_a_custom_https_port()
    {
        var text = NginxConfigRenderer.Render(Policies.WithTls() with { Listeners = new EdgeListeners { HttpPort = 8080, HttpsPort = 8443 } });
        Assert.Contains("return 308 https://$host:8443$request_uri;", text, StringComparison.Ordinal);
        Assert.Contains("listen 0.0.0.0:8443 ssl http2;", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Nginx_uses_an_intermediate_TLS_profile_with_HTTP2_as_a_listen_parameter()
    {
        Assert.Contains("listen 0.0.0.0:443 ssl http2;", Tls, StringComparison.Ordinal);
        Assert.DoesNotContain("http2 on;", Tls, StringComparison.Ordinal);
        Assert.Contains("ssl_protocols TLSv1.2 TLSv1.3;", Tls, StringComparison.Ordinal);
        Assert.Contains("ssl_ciphers " + string.Join(':', TlsPolicy.IntermediateTls12Ciphers) + ";", Tls, StringComparison.Ordinal);
        Assert.DoesNotContain("SHA512", Tls, StringComparison.Ordinal);
        Assert.DoesNotContain("ssl_", Plain, StringComparison.Ordinal);
        Assert.Contains("listen 0.0.0.0:80;", Plain, StringComparison.Ordinal);
    }

    [Fact]
    public void Nginx_keeps_every_writable_path_inside_the_run_directory()
    {
        foreach (var kind in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            Assert.Contains($"{kind}_temp_path /tmp/healthai-edge/{kind}_temp;", Tls, StringComparison.Ordinal);
        }

        Assert.Contains("pid /tmp/healthai-edge/nginx.pid;", Tls, StringComparison.Ordinal);
        Assert.Contains("error_log /tmp/healthai-edge/error.log warn;", Tls, StringComparison.Ordinal);
        Assert.Contains("access_log /tmp/healthai-edge/access.log edge_json;", Tls, StringComparison.Ordinal);
        Assert.DoesNotContain("daemon", Tls.Split('\n').Where(l => !l.TrimStart().StartsWith('#')), StringComparer.Ordinal);
        Assert.DoesNotContain("\nuser ", Tls, StringComparison.Ordinal);
        Assert.DoesNotContain("include ", Tls, StringComparison.Ordinal);
        Assert.Contains("types {", Tls, StringComparison.Ordinal);
        Assert.Contains("user nobody nogroup;", NginxConfigRenderer.Render(Policies.Default() with { RunAs = new RunAsAccount("nobody", "nogroup") }), StringComparison.Ordinal);
    }

    [Fact]
    public void Nginx_logs_json_with_request_id_and_upstream_timings_and_forwards_the_id()
    {
        Assert.Contains("log_format edge_json escape=json", Tls, StringComparison.Ordinal);
        foreach (var field in new[] { "$edge_request_id", "$upstream_addr", "$upstream_status", "$upstream_response_time", "$upstream_connect_time", "$request_time" })
        {
            Assert.Contains(field, Tls, StringComparison.Ordinal);
        }

        Assert.Contains("default $request_id;", Tls, StringComparison.Ordinal);
        Assert.All(ProxiedLocations(Https), l =>
        {
            Assert.Contains("proxy_set_header X-Request-ID $edge_request_id;", l, StringComparison.Ordinal);
            Assert.Contains("proxy_set_header X-Forwarded-For $remote_addr;", l, StringComparison.Ordinal);
            Assert.Contains("proxy_set_header X-Forwarded-Proto $scheme;", l, StringComparison.Ordinal);
            Assert.Contains("proxy_set_header X-Forwarded-Host $host;", l, StringComparison.Ordinal);
            Assert.DoesNotContain("proxy_set_header traceparent", l, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Contains("add_header X-Request-ID $edge_request_id always;", Tls, StringComparison.Ordinal);
    }

    [Fact]
    public void Nginx_compresses_json_and_text_and_hides_its_version()
    {
        Assert.Contains("gzip on;", Tls, StringComparison.Ordinal);
        Assert.Contains("gzip_types application/json application/problem+json text/plain text/css application/javascript;", Tls, StringComparison.Ordinal);
        Assert.Contains("server_tokens off;", Tls, StringComparison.Ordinal);
    }

    [Fact]
    public void Nginx_exposes_stub_status_only_on_the_loopback_status_server()
    {
        var status = Tls[Tls.IndexOf("listen 127.0.0.1:8404;", StringComparison.Ordinal)..];
        var stub = Location(status, "location = /stub_status ");
        Assert.Contains("stub_status;", stub, StringComparison.Ordinal);
        Assert.Contains("deny all;", stub, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(Tls, "stub_status;"));
    }

    [Fact]
    public void Nginx_answers_edge_errors_with_problem_details()
    {
        foreach (var status in new[] { 403, 404, 413, 429, 503, 504 })
        {
            Assert.Contains($"error_page {status} /.edge/problem/{status};", Tls, StringComparison.Ordinal);
            Assert.Contains($"return {status} '{{\"type\":\"about:blank\"", Location(Https, $"location = /.edge/problem/{status} "), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Nginx_answers_its_own_502_no_live_upstreams_as_503_with_Retry_After()
    {
        Assert.Contains("error_page 502 =503 /.edge/problem/503;", Tls, StringComparison.Ordinal);
        Assert.DoesNotContain("location = /.edge/problem/502 ", Tls, StringComparison.Ordinal);
        Assert.Contains("add_header Retry-After \"", Location(Https, "location = /.edge/problem/503 "), StringComparison.Ordinal);
    }

    /// <summary>The text of the block that starts with <paramref name="header"/>, up to its closing brace.</summary>
    private static string Location(string text, string header)
    {
        var start = text.IndexOf(header + "{", StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{header}' not found");
        var depth = 0;
        for (var i = text.IndexOf('{', start); i < text.Length; i++)
        {
            depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return text[start..(i + 1)];
            }
        }

        throw new InvalidOperationException("Unbalanced braces.");
    }

    private static List<string> ProxiedLocations(string text) =>
        [.. Regex.Matches(text, @"location [^{]+\{").Select(m => Location(text, m.Value[..^1])).Where(l => l.Contains("proxy_pass", StringComparison.Ordinal))];

    [Fact]
    public void Every_response_carries_a_content_security_policy_that_runs_no_inline_or_foreign_script()
    {
        var policy = Assert.Single(HealthAI.Edge.Policy.SecurityHeaders.Default, header => header.Name == "Content-Security-Policy").Value;

        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.DoesNotContain('"', policy);
    }

    [Fact]
    public void Fault_headers_are_cleared_on_both_edges_unless_the_replicas_inject_faults()
    {
        var drill = Policies.Default() with { FaultHeaders = FaultHeaders.Default with { Removed = false } };

        Assert.Contains("proxy_set_header X-HealthAI-Fault-Delay-Ms \"\";", NginxConfigRenderer.Render(Policies.Default()), StringComparison.Ordinal);
        Assert.Contains("http-request del-header X-HealthAI-Fault- -m beg", HaproxyConfigRenderer.Render(Policies.Default()), StringComparison.Ordinal);
        Assert.DoesNotContain("X-HealthAI-Fault", NginxConfigRenderer.Render(drill), StringComparison.Ordinal);
        Assert.DoesNotContain("X-HealthAI-Fault", HaproxyConfigRenderer.Render(drill), StringComparison.Ordinal);
    }
}
