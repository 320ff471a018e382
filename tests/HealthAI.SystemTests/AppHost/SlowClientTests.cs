using System.Diagnostics;
using System.Globalization;
using HealthAI.Edge.Policy;

namespace HealthAI.AppHost.Tests;

/// <summary>
/// A slowloris client (hundreds of connections from one address, headers never finished) does not take the edge
/// from everyone else: its connections are cut at the header timeout, or refused beyond the per-client cap, while
/// clients at other addresses keep being served.
/// </summary>
[Collection(HealthAIAppGroup.Name)]
public sealed class SlowClientTests(HealthAIAppFixture fixture)
{
    private const int SlowConnections = 300;
    private static readonly ClientLimitsPolicy Limits = ClientLimitsPolicy.Default;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task Hundreds_of_slow_connections_from_one_address_leave_other_clients_served(string edge)
    {
        var holdFor = Limits.HeaderTimeout + TimeSpan.FromSeconds(8);
        var attacker = $"127.{(edge == "nginx" ? 80 : 81)}.0.1";
        var attack = SlowlorisAttack.RunAsync(attacker, fixture.Endpoint(edge, "http"), SlowConnections, holdFor, Cancel);
        // Neighbours start once the attack holds its connections, and stop when the attack's time is up.
        await Task.Delay(TimeSpan.FromSeconds(1), Cancel);
        var neighbours = Task.WhenAll(Enumerable.Range(1, 4).Select(i => NeighbourAsync(edge, $"127.{(edge == "nginx" ? 82 : 83)}.0.{i}", holdFor - TimeSpan.FromSeconds(2))));

        var closedAfter = await attack;
        var served = (await neighbours).SelectMany(n => n).ToList();

        var closed = closedAfter.Where(t => t is not null).Select(t => t!.Value).OrderBy(t => t).ToList();
        var failures = served.Count(s => !s.Succeeded);
        var latencies = served.Where(s => s.Succeeded).Select(s => s.Elapsed.TotalMilliseconds).Order().ToList();
        var p99 = latencies.Count == 0 ? double.NaN : latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1];
        var closedEarly = closed.Count(t => t < TimeSpan.FromSeconds(1));
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{edge}: {SlowConnections} slow connections from {attacker}; edge closed {closed.Count} ({closedEarly} within 1 s, " +
            $"the rest between {(closed.Count > closedEarly ? closed[closedEarly].TotalSeconds : 0):F1} s and {(closed.Count > 0 ? closed[^1].TotalSeconds : 0):F1} s); " +
            $"neighbours: {served.Count} requests, {failures} failed, p99 {p99:F0} ms"));

        Assert.Equal(SlowConnections, closed.Count);
        // Cut at the header timeout even though every connection kept sending a header line (slack for a loaded machine).
        Assert.True(closed[^1] < Limits.HeaderTimeout + TimeSpan.FromSeconds(5), $"the last slow connection lasted {closed[^1]}");
        if (edge == "haproxy")
        {
            // HAProxy refuses connections beyond the per-client cap as they are accepted.
            Assert.True(closedEarly >= SlowConnections - Limits.MaxConnectionsPerClient, $"only {closedEarly} connections were refused at once");
        }

        Assert.True(served.Count >= 40, $"neighbours made only {served.Count} requests");
        Assert.Equal(0, failures);
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task Slow_bodies_beyond_the_per_client_cap_are_refused_at_once_and_other_clients_are_served(string edge)
    {
        const int connections = 250;
        var holdFor = TimeSpan.FromSeconds(12);
        var attacker = $"127.{(edge == "nginx" ? 84 : 85)}.0.1";
        // /health: proxied but not rate limited, so only the connection cap can refuse these.
        var attack = SlowBodyAttack.RunAsync(attacker, fixture.Endpoint(edge, "https"), "/health", fixture.EdgeCertificate, connections, holdFor, Cancel);
        await Task.Delay(TimeSpan.FromSeconds(1), Cancel);
        var neighbours = Task.WhenAll(Enumerable.Range(1, 4).Select(i => NeighbourAsync(edge, $"127.{(edge == "nginx" ? 86 : 87)}.0.{i}", holdFor - TimeSpan.FromSeconds(3))));

        var outcomes = await attack;
        var served = (await neighbours).SelectMany(n => n).ToList();

        // nginx answers 429 once the headers are in; HAProxy refuses the connection as it is accepted.
        var refused = outcomes.Where(o => edge == "nginx" ? o.Answer?.StartsWith("HTTP/1.1 429", StringComparison.Ordinal) == true : o.Answer == SlowBodyAttack.Refused).ToList();
        var held = outcomes.Count(o => o.EndedAfter is null);
        var failures = served.Count(s => !s.Succeeded);
        var latencies = served.Where(s => s.Succeeded).Select(s => s.Elapsed.TotalMilliseconds).Order().ToList();
        var p99 = latencies.Count == 0 ? double.NaN : latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1];
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{edge}: {connections} slow-body connections from {attacker}; refused by the cap {refused.Count} (the last after " +
            $"{(refused.Count > 0 ? refused.Max(r => r.EndedAfter!.Value).TotalSeconds : 0):F1} s), still held at {holdFor.TotalSeconds:F0} s {held}, " +
            $"other answers: {string.Join(", ", outcomes.Except(refused).Where(o => o.EndedAfter is not null).GroupBy(o => o.Answer ?? "closed").Select(g => $"{g.Key} x{g.Count()}"))}; " +
            $"neighbours: {served.Count} requests, {failures} failed, p99 {p99:F0} ms"));

        if (edge == "nginx")
        {
            // nginx buffers the body before proxying, so every slow body stays open and the cap is exact.
            Assert.True(refused.Count >= connections - Limits.MaxConnectionsPerClient, $"only {refused.Count} of {connections} slow bodies were refused");
        }
        else
        {
            // HAProxy streams the body: the replica answers POST /healthz (405) without waiting for it, so accepted
            // connections end at once and how many overlap (and are refused) depends on timing; the cap must engage.
            Assert.NotEmpty(refused);
        }

        Assert.True(held <= Limits.MaxConnectionsPerClient, $"{held} slow bodies held connections, above the cap of {Limits.MaxConnectionsPerClient}");
        Assert.True(served.Count >= 30, $"neighbours made only {served.Count} requests");
        Assert.Equal(0, failures);
    }

    private async Task<List<Outcome>> NeighbourAsync(string edge, string source, TimeSpan duration)
    {
        using var client = LoopbackClients.Create(source, fixture.EdgeCertificate);
        var outcomes = new List<Outcome>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var started = clock.Elapsed;
            try
            {
                using var response = await client.GetAsync(fixture.Endpoint(edge, "https"), Cancel);
                outcomes.Add(new Outcome(response.IsSuccessStatusCode, clock.Elapsed - started));
            }
            catch (HttpRequestException)
            {
                outcomes.Add(new Outcome(false, clock.Elapsed - started));
            }

            // About 4 requests a second per neighbour: well inside the rate limit.
            await Task.Delay(250, Cancel);
        }

        return outcomes;
    }

    private sealed record Outcome(bool Succeeded, TimeSpan Elapsed);
}
