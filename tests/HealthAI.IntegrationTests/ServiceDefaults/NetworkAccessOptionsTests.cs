using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HealthAI.ServiceDefaults.Tests;

public sealed class NetworkAccessOptionsTests
{
    [Theory]
    [InlineData("NetworkAccess:AllowedNetworks:0", "10.0.0.1", "NetworkAccess:AllowedNetworks:0")]
    [InlineData("NetworkAccess:AllowedNetworks:0", "10.0.0.0/33", "NetworkAccess:AllowedNetworks:0")]
    [InlineData("NetworkAccess:TrustedProxies:0", "edge", "NetworkAccess:TrustedProxies:0")]
    public async Task A_network_that_is_not_a_CIDR_stops_start_up_naming_its_key(string key, string value, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            TestReplica.StartAsync(settings: new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_lists_replace_the_defaults_instead_of_adding_to_them()
    {
        await using var app = await TestReplica.StartAsync(settings: new Dictionary<string, string?>
        {
            ["NetworkAccess:AllowedNetworks:0"] = "192.0.2.1/32",
            ["NetworkAccess:TrustedProxies"] = "",
        });

        var options = app.Services.GetRequiredService<IOptions<NetworkAccessOptions>>().Value;

        Assert.Equal(["192.0.2.1/32"], options.EffectiveAllowedNetworks);
        Assert.Empty(options.EffectiveTrustedProxies);
    }

    [Fact]
    public async Task Unset_lists_mean_the_private_ranges_and_loopback_proxies()
    {
        await using var app = await TestReplica.StartAsync();

        var options = app.Services.GetRequiredService<IOptions<NetworkAccessOptions>>().Value;

        Assert.Equal(NetworkAccessOptions.PrivateNetworks, options.EffectiveAllowedNetworks);
        Assert.Equal(NetworkAccessOptions.LoopbackHosts, options.EffectiveTrustedProxies);
    }
}
