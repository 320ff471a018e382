using Aspire.Hosting.Testing;

namespace HealthAI.AppHost.Tests;

/// <summary>Bad settings stop the AppHost before anything runs, with a message naming each bad key.</summary>
public sealed class HealthAISettingsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_bad_edge_knob_is_named_by_its_key()
    {
        string[] bad =
        [
            "HealthAI:Runtime=HostProcess",
            "HealthAI:Edges:RateLimit:RequestsPerSecond=0",
            "HealthAI:Edges:RateLimit:Burst=-1",
            "HealthAI:Edges:Retry:Tries=0",
            "HealthAI:Edges:Retry:Timeout=00:00:00",
            "HealthAI:Edges:RouteTimeouts:apii=00:00:10",
            "HealthAI:Edges:AllowedNetworks:0=10.0.0.300/8",
        ];

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.HealthAI_AppHost>(bad, Cancel);
            await using var app = await builder.BuildAsync(Cancel);
        });

        var message = error.ToString();
        Assert.Contains("HealthAI:Edges:RateLimit:RequestsPerSecond must be at least 1; got 0.", message, StringComparison.Ordinal);
        Assert.Contains("HealthAI:Edges:RateLimit:Burst must not be negative; got -1.", message, StringComparison.Ordinal);
        Assert.Contains("HealthAI:Edges:Retry:Tries must be between 1 and", message, StringComparison.Ordinal);
        Assert.Contains("HealthAI:Edges:Retry:Timeout must be more than 00:00:00", message, StringComparison.Ordinal);
        Assert.Contains("HealthAI:Edges:RouteTimeouts:apii: no proxied route is called 'apii'", message, StringComparison.Ordinal);
        Assert.Contains("HealthAI:Edges:AllowedNetworks:0: '10.0.0.300/8' is not a CIDR network", message, StringComparison.Ordinal);
    }
}
