using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;

namespace HealthAI.AppHost.Tests;

/// <summary>
/// What a failing replica costs a client through each edge: nothing. A primary killed under load is the
/// failure harness's keyed-writes-kill drill (<see cref="ChaosHarnessTests"/>), through both edges.
/// </summary>
[Collection(HealthAIAppGroup.Name)]
public sealed class EdgeFailoverTests(HealthAIAppFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(150);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    // Each test may stop replicas; the next one starts from a whole system again.
    public async ValueTask DisposeAsync() => await fixture.RestoreAsync(CancellationToken.None);

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task Traffic_spreads_over_the_primaries_and_never_reaches_the_backup_while_they_are_healthy(string edge)
    {
        var seen = new HashSet<string>();
        var clock = Stopwatch.StartNew();
        // HAProxy may still be counting a just-restarted replica's rise checks: give it a few seconds.
        while (seen.Count < 3 && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            var outcomes = await EdgeTraffic.SendAsync(fixture, edge, "/", 12, Sources(edge, 1, 4), Cancel);
            Assert.All(outcomes, o => Assert.True(o.Succeeded, $"request failed: {o}"));
            Assert.DoesNotContain(outcomes, o => o.Instance == "healthai-app-backup");
            seen.UnionWith(outcomes.Select(o => o.Instance!));
        }

        Assert.Equal(HealthAIAppFixture.Primaries.Order(), seen.Order());
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task With_two_primaries_stopped_the_third_takes_all_traffic(string edge)
    {
        await StopAsync("healthai-app-1", "healthai-app-2");

        var outcomes = await EdgeTraffic.SendAsync(fixture, edge, "/", 20, Sources(edge, 2, 4), Cancel);

        Assert.All(outcomes, o => Assert.True(o.Succeeded && o.Instance == "healthai-app-3", $"expected healthai-app-3 to answer: {o}"));
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task With_every_primary_stopped_under_load_the_backup_serves_and_no_request_fails(string edge)
    {
        await using var traffic = new EdgeTraffic(fixture, edge, Sources(edge, 3, 3), Pace);
        await Task.Delay(TimeSpan.FromSeconds(1), Cancel);

        await StopAsync(HealthAIAppFixture.Primaries);
        var stoppedAt = traffic.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(4), Cancel);
        await traffic.StopAsync();

        var outcomes = traffic.Outcomes;
        Assert.All(outcomes, o => Assert.True(o.Succeeded, $"request failed: {o}"));
        Assert.Contains(outcomes, o => o.At > stoppedAt && o.Instance == "healthai-app-backup");
        Assert.All(outcomes.Where(o => o.At > stoppedAt + TimeSpan.FromSeconds(1)), o => Assert.Equal("healthai-app-backup", o.Instance));
    }

    [Fact]
    public async Task With_every_replica_down_both_edges_answer_a_problem_with_every_security_header()
    {
        await StopAsync(HealthAIAppFixture.Replicas);

        foreach (var edge in HealthAIAppFixture.Edges)
        {
            using var client = LoopbackClients.Create(Sources(edge, 5, 1)[0], fixture.EdgeCertificate);
            var response = await client.GetAsync(fixture.Endpoint(edge, "https"), Cancel);

            // nginx: 502 (no upstream answered); HAProxy: 503 (no server is up).
            Assert.True((int)response.StatusCode is 502 or 503, $"{edge} answered {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            foreach (var header in new[] { "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Strict-Transport-Security", "X-XSS-Protection", "X-Request-ID" })
            {
                Assert.True(response.Headers.Contains(header), $"{header} missing on {edge}'s {(int)response.StatusCode}");
            }
        }
    }

    private async Task StopAsync(params string[] replicas)
    {
        await Task.WhenAll(replicas.Select(replica => fixture.RunCommandAsync(replica, KnownResourceCommands.StopCommand, Cancel)));
        await Task.WhenAll(replicas.Select(replica => fixture.WaitForExitAsync(replica, Cancel)));
    }

    // Distinct loopback clients per test and edge: the rate limit is per client address.
    private static string[] Sources(string edge, int test, int count) =>
        [.. Enumerable.Range(1, count).Select(i => $"127.{(edge == "nginx" ? 10 : 20) + test}.0.{i}")];
}
