using HealthAI.Edge.Policy;
using HealthAI.Hosting;
using HealthAI.Testing.Edge;

namespace HealthAI.Edge.Tests;

/// <summary>An ask waits out a switch of primary only where the target's knowledge base has one.</summary>
public sealed class PrimarySwitchTimeoutTests
{

    [Fact]
    public void Without_a_primary_to_switch_an_ask_keeps_the_short_timeout_and_a_write_waits_for_the_lock()
    {
        var policy = Derive(switchesPrimary: false, EdgeTuning.Default);

        Assert.Equal(EdgeRoutes.ShortReadTimeout, Route(policy, EdgeRoutes.AskRouteName).Timeouts.Read);
        Assert.Equal(EdgeRoutes.WriteReadTimeout, Route(policy, "api_documents").Timeouts.Read);
    }

    [Fact]
    public void With_a_primary_to_switch_only_the_routes_that_wait_it_out_get_the_switch_timeout()
    {
        var policy = Derive(switchesPrimary: true, EdgeTuning.Default);

        Assert.Equal(EdgeRoutes.SwitchReadTimeout, Route(policy, EdgeRoutes.AskRouteName).Timeouts.Read);
        Assert.Equal(EdgeRoutes.SwitchReadTimeout, Route(policy, EdgeRoutes.AskRouteName).Timeouts.Send);

        Assert.Equal(EdgeRoutes.ShortReadTimeout, Route(policy, "api_search").Timeouts.Read);
        Assert.Equal(EdgeRoutes.ShortReadTimeout, Route(policy, "api").Timeouts.Read);
    }

    [Fact]
    public void A_route_timeout_the_operator_or_a_model_sets_wins_over_the_switch_timeout()
    {
        var tuning = EdgeTuning.Default with
        {
            RouteTimeouts = new Dictionary<string, TimeSpan>(StringComparer.Ordinal) { [EdgeRoutes.AskRouteName] = TimeSpan.FromSeconds(12) },
        };

        var policy = Derive(switchesPrimary: true, tuning);

        Assert.Equal(TimeSpan.FromSeconds(12), Route(policy, EdgeRoutes.AskRouteName).Timeouts.Read);
    }

    private static EdgePolicy Derive(bool switchesPrimary, EdgeTuning tuning)
    {
        var configuration = new EdgeConfiguration("/tmp/healthai-edge", certificate: null, statsPassword: "unit-test-stats-password") { Tuning = tuning };
        return EdgePolicyDerivation.Derive(configuration, new EdgePlacement
        {
            Upstreams = Policies.ThreePrimariesAndBackup(),
            HostPaths = new EdgeHostPaths("/tmp/healthai-edge"),
            StaticDirectory = "/tmp/healthai-edge/static",
            ListenAddress = "127.0.0.1",
            HttpPort = 8080,
            HttpsPort = 8443,
            StatusPort = 8405,
            StatsPassword = "unit-test-stats-password",
            KnowledgeBaseSwitchesPrimary = switchesPrimary,
        });
    }

    private static EdgeRoute Route(EdgePolicy policy, string name) => policy.Routes.Single(route => route.Name == name);
}
