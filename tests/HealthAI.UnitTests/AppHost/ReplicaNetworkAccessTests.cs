using HealthAI.AppHost.Replicas;
using HealthAI.Edge.Policy;
using HealthAI.ServiceDefaults;
using Microsoft.Extensions.Configuration;

namespace HealthAI.AppHost.Tests;

/// <summary>The replicas' own guard gets exactly the edges' allow-list, through settings the API binds back.</summary>
public sealed class ReplicaNetworkAccessTests
{
    [Fact]
    public void The_replicas_default_allow_list_is_the_edges_default()
    {
        Assert.Equal(AccessPolicy.PrivateNetworks, NetworkAccessOptions.PrivateNetworks);
    }

    [Theory]
    [InlineData(new[] { "127.0.0.1/32" }, new[] { "127.0.0.1/32", "::1/128" })]
    [InlineData(new string[0], new[] { "10.0.0.0/8" })]
    public void The_settings_bind_back_to_the_same_lists(string[] allowed, string[] trusted)
    {
        var settings = new ReplicaNetworkAccess(allowed, trusted).Settings();

        // As the process sees its environment: '__' is the section separator.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value)))
            .Build();
        var options = configuration.GetSection(NetworkAccessOptions.SectionName).Get<NetworkAccessOptions>() ?? new NetworkAccessOptions();
        var allowedSection = configuration.GetSection($"{NetworkAccessOptions.SectionName}:{nameof(NetworkAccessOptions.AllowedNetworks)}");

        Assert.Equal(trusted, options.EffectiveTrustedProxies);
        if (allowed.Length == 0)
        {
            // An empty list travels as the key with an empty value, which the API reads as "deny everyone".
            Assert.Equal("", allowedSection.Value);
            Assert.Empty(allowedSection.GetChildren());
        }
        else
        {
            Assert.Equal(allowed, options.EffectiveAllowedNetworks);
        }
    }

    [Fact]
    public void The_local_run_trusts_loopback_edges_and_deployments_the_pod_network()
    {
        var edges = new EdgeSettings { AllowedNetworks = ["127.0.0.1/32"] };

        Assert.Equal(NetworkAccessOptions.LoopbackHosts, ReplicaNetworkAccess.ForRun(edges).TrustedProxies);
        Assert.Equal(NetworkAccessOptions.PrivateNetworks, ReplicaNetworkAccess.ForDeployment(edges).TrustedProxies);
        Assert.Equal(["127.0.0.1/32"], ReplicaNetworkAccess.ForRun(edges).AllowedNetworks);
        Assert.Equal(["10.1.0.0/16"], ReplicaNetworkAccess.ForDeployment(new EdgeSettings { TrustedProxies = ["10.1.0.0/16"] }).TrustedProxies);
    }
}
