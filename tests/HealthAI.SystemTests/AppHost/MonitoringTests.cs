using System.Diagnostics;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;

namespace HealthAI.AppHost.Tests;

/// <summary>Real Prometheus scraping the real system.</summary>
[Collection(HealthAIAppGroup.Name)]
public sealed class MonitoringTests(HealthAIAppFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await fixture.RestoreAsync(CancellationToken.None);

    [Fact]
    public async Task Every_replica_edge_and_monitoring_target_is_up()
    {
        using var prometheus = new PrometheusClient(fixture.Endpoint("prometheus"));
        string[] expected = [.. HealthAIAppFixture.Replicas, "haproxy", "nginx-exporter", "nginx-mtail", "prometheus", "alertmanager"];

        var up = await EventuallyAsync(
            () => prometheus.ValuesByAsync("up", "resource", Cancel),
            values => expected.All(resource => values.TryGetValue(resource, out var value) && value == 1));

        Assert.All(expected, resource => Assert.Equal(1, up[resource]));
        var nginxUp = await prometheus.ValuesByAsync("nginx_up", "job", Cancel);
        Assert.Equal(1, nginxUp["nginx"]);
    }

    [Fact]
    public async Task Replica_targets_carry_their_role()
    {
        using var prometheus = new PrometheusClient(fixture.Endpoint("prometheus"));

        var roles = await EventuallyAsync(
            async () => (await prometheus.QueryAsync("up{job=\"healthai-api\"}", Cancel)).EnumerateArray()
                .ToDictionary(s => s.GetProperty("metric").GetProperty("resource").GetString()!, s => s.GetProperty("metric").GetProperty("role").GetString()!),
            found => found.Count == 4);

        Assert.Equal("backup", roles["healthai-app-backup"]);
        Assert.All(HealthAIAppFixture.Primaries, primary => Assert.Equal("primary", roles[primary]));
    }

    [Fact]
    public async Task A_stopped_replica_shows_down_and_its_alert_goes_pending()
    {
        using var prometheus = new PrometheusClient(fixture.Endpoint("prometheus"));
        await EventuallyAsync(() => prometheus.ValuesByAsync("up{job=\"healthai-api\"}", "resource", Cancel), values => values.GetValueOrDefault("healthai-app-2") == 1);

        await fixture.RunCommandAsync("healthai-app-2", KnownResourceCommands.StopCommand, Cancel);

        var up = await EventuallyAsync(() => prometheus.ValuesByAsync("up{job=\"healthai-api\"}", "resource", Cancel), values => values.GetValueOrDefault("healthai-app-2", 1) == 0);
        Assert.Equal(0, up["healthai-app-2"]);
        var alerts = await EventuallyAsync(() => prometheus.AlertsAsync(Cancel), found => found.Any(a => a.Name == "HealthAIReplicaDown"));
        var alert = Assert.Single(alerts, a => a.Name == "HealthAIReplicaDown");
        Assert.True(alert.State is "pending" or "firing", $"alert state {alert.State}");
        Assert.Equal("healthai-app-2", alert.Labels["resource"]);
    }

    [Fact]
    public async Task Every_dashboard_query_is_valid_PromQL()
    {
        using var prometheus = new PrometheusClient(fixture.Endpoint("prometheus"));
        var queries = Directory.GetFiles(RepositoryPaths.Of("HealthAI.AppHost", "Monitoring", "grafana", "dashboards"), "*.json")
            .SelectMany(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("panels").EnumerateArray())
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .Select(target => target.GetProperty("expr").GetString()!)
            .ToList();

        Assert.True(queries.Count >= 10, $"only {queries.Count} dashboard queries found");
        foreach (var query in queries)
        {
            // Throws with Prometheus' own error when the expression does not parse or evaluate.
            await prometheus.QueryAsync(query, Cancel);
        }
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            Assert.True(clock.Elapsed < Patience, $"not there after {Patience}: {JsonSerializer.Serialize(value)}");
            await Task.Delay(500, Cancel);
        }
    }
}
