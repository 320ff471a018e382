using HealthAI.Edge.Policy;
using HealthAI.Edge.Rendering;
using HealthAI.Testing.Edge;

namespace HealthAI.Edge.Tests;

/// <summary>A bad policy fails before rendering, with a message naming the bad setting.</summary>
public sealed class EdgePolicyValidationTests
{
    [Fact]
    public void Default_policy_is_valid() => Assert.Empty(Policies.WithTls().Validate());

    [Fact]
    public void Policy_without_upstreams_is_rejected() =>
        AssertInvalid(Policies.Default() with { Upstreams = [] }, "at least one upstream");

    [Fact]
    public void Policy_with_only_a_backup_is_rejected() =>
        AssertInvalid(Policies.Default() with { Upstreams = [new("b", "127.0.0.1", 5004, UpstreamRole.Backup)] }, "Primary");

    [Fact]
    public void Bad_cidr_in_the_allow_list_is_rejected()
    {
        AssertInvalid(Policies.Default() with { Access = new AccessPolicy { AllowedNetworks = ["10.0.0.0/33"] } }, "'10.0.0.0/33'");
        AssertInvalid(Policies.Default() with { Access = new AccessPolicy { AllowedNetworks = ["10.0.0.1"] } }, "'10.0.0.1'");
        AssertInvalid(Policies.Default() with { Access = new AccessPolicy { AllowedNetworks = ["not-a-network/8"] } }, "Access.AllowedNetworks");
    }

    [Fact]
    public void Client_limits_that_could_not_stop_a_slow_or_greedy_client_are_rejected()
    {
        AssertInvalid(Policies.Default() with { ClientLimits = new ClientLimitsPolicy { HeaderTimeout = TimeSpan.Zero } }, "ClientLimits.HeaderTimeout");
        AssertInvalid(Policies.Default() with { ClientLimits = new ClientLimitsPolicy { BodyTimeout = TimeSpan.FromMilliseconds(1500) } }, "ClientLimits.BodyTimeout");
        AssertInvalid(Policies.Default() with { ClientLimits = new ClientLimitsPolicy { SendTimeout = TimeSpan.FromSeconds(-1) } }, "ClientLimits.SendTimeout");
        AssertInvalid(Policies.Default() with { ClientLimits = new ClientLimitsPolicy { MaxConnectionsPerClient = 0 } }, "ClientLimits.MaxConnectionsPerClient");
        AssertInvalid(Policies.Default() with { ClientLimits = new ClientLimitsPolicy { MaxConnectionsPerClient = 4096, MaxConnections = 4096 } }, "ClientLimits.MaxConnectionsPerClient");
    }

    [Fact]
    public void An_open_route_under_a_restricted_prefix_is_rejected()
    {
        var policy = Policies.Default();
        var open = new EdgeRoute { Name = "backup_status", Path = "/Backup/status" };
        AssertInvalid(policy with { Routes = [.. policy.Routes, open] }, "'/Backup/status' lies under the restricted '/backup'");
    }

    [Fact]
    public void Negative_burst_is_rejected() =>
        AssertInvalid(Policies.Default() with { RateLimit = new RateLimitPolicy { Burst = -1 } }, "RateLimit.Burst");

    [Fact]
    public void Write_group_methods_that_nginx_and_haproxy_could_not_match_are_rejected()
    {
        AssertInvalid(Policies.Default() with { WriteGroupMethods = [] }, "WriteGroupMethods");
        AssertInvalid(Policies.Default() with { WriteGroupMethods = ["post"] }, "WriteGroupMethods");
        AssertInvalid(Policies.Default() with { WriteGroupMethods = ["POST; return 200"] }, "WriteGroupMethods");
    }

    [Fact]
    public void Zero_tries_is_rejected() =>
        AssertInvalid(Policies.Default() with { Retry = new RetryPolicy { Tries = 0 } }, "Retry.Tries");

    [Fact]
    public void A_probe_timeout_longer_than_the_probe_interval_is_rejected() =>
        AssertInvalid(Policies.Default() with { ActiveHealth = new ActiveHealthPolicy { Timeout = TimeSpan.FromSeconds(2) } }, "ActiveHealth.Timeout");

    [Fact]
    public void Duplicate_upstream_names_and_bad_ports_are_rejected()
    {
        var upstreams = new[] { new Upstream("app", "127.0.0.1", 5001), new Upstream("app", "127.0.0.1", 70000) };
        var errors = (Policies.Default() with { Upstreams = upstreams }).Validate();
        Assert.Contains(errors, e => e.Contains("'app' is used more than once", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("70000 is not a TCP port", StringComparison.Ordinal));
    }

    [Fact]
    public void Relative_run_directory_is_rejected() =>
        AssertInvalid(Policies.Default("run/edge"), "HostPaths.RunDirectory");

    [Fact]
    public void Nonexistent_cipher_suites_are_rejected() =>
        AssertInvalid(
            Policies.WithTls() with { Tls = new TlsPolicy("/c.crt", "/c.crt.key") { Tls12Ciphers = ["ECDHE-RSA-AES256-GCM-SHA512"] } },
            "SHA512");

    [Fact]
    public void Weak_or_config_breaking_stats_password_is_rejected()
    {
        AssertInvalid(Policies.Default() with { Status = new StatusEndpointPolicy("admin") }, "Status.StatsPassword");
        AssertInvalid(Policies.Default() with { Status = new StatusEndpointPolicy("long-enough-but:colon") }, "Status.StatsPassword");
    }

    [Fact]
    public void Header_values_that_would_break_the_config_are_rejected() =>
        AssertInvalid(Policies.Default() with { SecurityHeaders = [new("X-Test", "a\"; evil")] }, "SecurityHeaders");

    [Fact]
    public void Restricting_the_edge_health_route_is_rejected()
    {
        var policy = Policies.Default();
        var routes = policy.Routes.Select(r => r.Kind == RouteKind.EdgeHealth ? r with { Restricted = true } : r).ToList();
        AssertInvalid(policy with { Routes = routes }, "probes fail");
    }

    [Fact]
    public void Static_route_without_a_directory_is_rejected()
    {
        var policy = Policies.Default();
        var routes = policy.Routes.Select(r => r.Kind == RouteKind.Static ? r with { StaticDirectory = null } : r).ToList();
        AssertInvalid(policy with { Routes = routes }, "StaticDirectory");
    }

    [Fact]
    public void Renderers_refuse_an_invalid_policy_listing_every_problem()
    {
        var policy = Policies.Default() with { Upstreams = [], RateLimit = new RateLimitPolicy { Burst = -5 } };
        var nginx = Assert.Throws<InvalidOperationException>(() => NginxConfigRenderer.Render(policy));
        var haproxy = Assert.Throws<InvalidOperationException>(() => HaproxyConfigRenderer.Render(policy));
        Assert.Contains("Upstreams", nginx.Message, StringComparison.Ordinal);
        Assert.Contains("RateLimit.Burst", nginx.Message, StringComparison.Ordinal);
        Assert.Equal(nginx.Message, haproxy.Message);
    }

    private static void AssertInvalid(EdgePolicy policy, string expected)
    {
        var errors = policy.Validate();
        Assert.True(
            errors.Any(e => e.Contains(expected, StringComparison.Ordinal)),
            $"Expected an error containing '{expected}', got:\n{string.Join('\n', errors)}");
        Assert.Throws<InvalidOperationException>(policy.EnsureValid);
    }
}
