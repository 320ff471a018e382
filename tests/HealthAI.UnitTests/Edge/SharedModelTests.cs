using HealthAI.Edge.Policy;
using HealthAI.Edge.Rendering;
using HealthAI.Testing.Edge;

namespace HealthAI.Edge.Tests;

/// <summary>Both renderings come from one model, say the same things, and are deterministic.</summary>
public sealed class SharedModelTests
{
    [Fact]
    public void Same_policy_renders_byte_identical_text()
    {
        Assert.Equal(NginxConfigRenderer.Render(Policies.WithTls()), NginxConfigRenderer.Render(Policies.WithTls()));
        Assert.Equal(HaproxyConfigRenderer.Render(Policies.WithTls()), HaproxyConfigRenderer.Render(Policies.WithTls()));
        Assert.DoesNotContain('\r', NginxConfigRenderer.Render(Policies.WithTls()));
    }

    [Fact]
    public void Both_renderings_carry_the_same_problem_bodies()
    {
        var policy = Policies.WithTls();
        var nginx = NginxConfigRenderer.Render(policy);
        var haproxy = HaproxyConfigRenderer.Render(policy);
        foreach (var problem in policy.Problems)
        {
            // nginx answers a problem with AnsweredAs as that other problem (its own 502 as the 503).
            if (problem.AnsweredAs is null)
            {
                Assert.Contains($"'{problem.ToJson()}'", nginx, StringComparison.Ordinal);
            }

            Assert.Contains($"'{problem.ToJson()}'", haproxy, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Changing_the_model_changes_both_renderings()
    {
        var policy = Policies.Default() with
        {
            RateLimit = new RateLimitPolicy { RequestsPerSecond = 5, Burst = 7, RetryAfterSeconds = 3 },
            Retry = new RetryPolicy { Tries = 4 },
        };
        var nginx = NginxConfigRenderer.Render(policy);
        var haproxy = HaproxyConfigRenderer.Render(policy);
        Assert.Contains("rate=5r/s", nginx, StringComparison.Ordinal);
        Assert.Contains("burst=7 nodelay", nginx, StringComparison.Ordinal);
        Assert.Contains("add_header Retry-After \"3\" always;", nginx, StringComparison.Ordinal);
        Assert.Contains("proxy_next_upstream_tries 4;", nginx, StringComparison.Ordinal);
        Assert.Contains("gt 12 }", haproxy, StringComparison.Ordinal);
        Assert.Contains("gt 57 }", haproxy, StringComparison.Ordinal);
        Assert.Contains("hdr Retry-After \"3\"", haproxy, StringComparison.Ordinal);
        Assert.Contains("retries 3", haproxy, StringComparison.Ordinal);
    }

    [Fact]
    public void IPv6_upstreams_are_bracketed_for_both_tools()
    {
        var policy = Policies.Default() with { Upstreams = Policies.ThreePrimariesAndBackup("::1") };
        Assert.Contains("server [::1]:5001 max_fails=1", NginxConfigRenderer.Render(policy), StringComparison.Ordinal);
        Assert.Contains("server healthai-app-1 [::1]:5001 check", HaproxyConfigRenderer.Render(policy), StringComparison.Ordinal);
    }

    [Fact]
    public void Routes_are_matched_most_specific_first()
    {
        var order = Policies.Default().RoutesBySpecificity.Select(r => r.Path).ToList();
        Assert.Equal(["/api/documents/batch", "/static/index.html", "/nginx-health", "/api/ask", "/health", "/health/detailed", "/api/documents", "/api/search", "/monitoring", "/static/", "/backup", "/faults", "/ws/", "/"], order);
        Assert.Equal(["health_detailed", "monitoring", "backup", "faults"], Policies.Default().RestrictedRoutes.Select(r => r.Name));
    }

    [Fact]
    public void Problem_bodies_are_rfc9457_json_without_single_quotes()
    {
        foreach (var problem in Policies.Default().Problems)
        {
            using var json = System.Text.Json.JsonDocument.Parse(problem.ToJson());
            Assert.Equal(problem.Status, json.RootElement.GetProperty("status").GetInt32());
            Assert.Equal("about:blank", json.RootElement.GetProperty("type").GetString());
            Assert.DoesNotContain('\'', problem.ToJson());
        }
    }
}
