namespace HealthAI.AppHost.Tests;

[Collection(HealthAIAppGroup.Name)]
public sealed class RollingRestartTests(HealthAIAppFixture fixture) : IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await fixture.RestoreAsync(CancellationToken.None);

    [Fact]
    public async Task A_rolling_restart_under_steady_load_fails_no_request_through_either_edge()
    {
        var pidsBefore = HealthAIAppFixture.Replicas.ToDictionary(r => r, fixture.ProcessId);
        await using var throughNginx = new EdgeTraffic(fixture, "nginx", ["127.30.0.1", "127.30.0.2", "127.30.0.3"], TimeSpan.FromMilliseconds(150));
        await using var throughHaproxy = new EdgeTraffic(fixture, "haproxy", ["127.31.0.1", "127.31.0.2", "127.31.0.3"], TimeSpan.FromMilliseconds(150));

        await fixture.RunCommandAsync("nginx", "rolling-restart", Cancel);
        await throughNginx.StopAsync();
        await throughHaproxy.StopAsync();

        Assert.All(HealthAIAppFixture.Replicas, replica => Assert.NotEqual(pidsBefore[replica], fixture.ProcessId(replica)));
        foreach (var (edge, traffic) in new[] { ("nginx", throughNginx), ("haproxy", throughHaproxy) })
        {
            var failed = traffic.Outcomes.Where(o => !o.Succeeded).ToList();
            Assert.True(traffic.Outcomes.Count > 100, $"only {traffic.Outcomes.Count} requests through {edge}");
            Assert.True(failed.Count == 0, $"{failed.Count} of {traffic.Outcomes.Count} requests through {edge} failed: {string.Join("; ", failed.Take(5))}");
        }
    }
}
