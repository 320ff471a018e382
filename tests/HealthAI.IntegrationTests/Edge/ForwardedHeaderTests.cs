using HealthAI.Edge.Tests.Support;

namespace HealthAI.Edge.Tests;

/// <summary>
/// The client address a replica sees is the one the edge saw: a client's own forwarding headers never pass, and
/// the API's fault headers never reach a replica through either edge.
/// </summary>
public sealed class ForwardedHeaderTests
{
    private const string Client = "127.74.0.7";

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task The_replica_sees_the_peer_address_whatever_the_client_claims(string edge)
    {
        await using var running = await RunningEdge.StartAsync(edge, cancellationToken: TestContext.Current.CancellationToken);

        var answer = await RawHttp.GetAsync(running.Endpoint, "/claims", Client, TestContext.Current.CancellationToken,
            "X-Forwarded-For: \"", "X-Forwarded-For: 127.0.0.1", "X-Real-IP: 127.0.0.1", "Forwarded: for=127.0.0.1");

        Assert.Equal(200, answer.Status);
        var seen = Assert.Single(running.Replica.On("/claims")).Headers;
        Assert.Equal(Client, seen["X-Forwarded-For"]);
        Assert.Equal(Client, seen["X-Real-IP"]);
        Assert.False(seen.ContainsKey("Forwarded"), $"{edge} passed Forwarded: {seen.GetValueOrDefault("Forwarded")}");
    }

    [Theory]
    [InlineData("nginx", "X-HealthAI-Fault-Delay-Ms")]
    [InlineData("haproxy", "X-HealthAI-Fault-Delay-Ms")]
    [InlineData("nginx", "X-HealthAI-Fault-Crash-After-Write")]
    [InlineData("haproxy", "X-HealthAI-Fault-Crash-After-Write")]
    [InlineData("haproxy", "x-healthai-fault-anything-new")]
    public async Task A_fault_header_never_reaches_the_replica(string edge, string header)
    {
        await using var running = await RunningEdge.StartAsync(edge, cancellationToken: TestContext.Current.CancellationToken);

        var answer = await RawHttp.GetAsync(running.Endpoint, "/faulty", Client, TestContext.Current.CancellationToken, $"{header}: 5000");

        Assert.Equal(200, answer.Status);
        var seen = Assert.Single(running.Replica.On("/faulty")).Headers;
        Assert.DoesNotContain(seen.Keys, name => name.StartsWith("X-HealthAI-Fault-", StringComparison.OrdinalIgnoreCase));
    }
}
