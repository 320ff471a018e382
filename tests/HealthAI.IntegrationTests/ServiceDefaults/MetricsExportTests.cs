using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace HealthAI.ServiceDefaults.Tests;

public sealed class MetricsExportTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_has_request_duration_histograms_and_runtime_metrics_labelled_with_the_replica()
    {
        var exposition = await ScrapeAfterTrafficAsync();

        Assert.Contains("http_server_request_duration_seconds_bucket{", exposition, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", exposition, StringComparison.Ordinal);
        Assert.Contains("healthai_replica_ready", exposition, StringComparison.Ordinal);
        var samples = exposition.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
        Assert.NotEmpty(samples);
        Assert.All(samples, sample => Assert.Contains("healthai_replica=\"healthai-app-1\"", sample, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_passes_promtool_check_metrics()
    {
        var exposition = await ScrapeAfterTrafficAsync();

        var promtool = await ToolRun.RunAsync("promtool", ["check", "metrics"], standardInput: exposition, cancellationToken: Cancel);

        Assert.True(promtool.Succeeded, $"promtool check metrics failed:\n{promtool.Output}");
    }

    private static async Task<string> ScrapeAfterTrafficAsync()
    {
        await using var app = await TestReplica.StartAsync(
            settings: new Dictionary<string, string?> { [ReplicaOptions.InstanceVariable] = "1" },
            map: app => app.MapGet("/work", () => "done"));
        var client = app.GetTestClient();
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/work", Cancel)).EnsureSuccessStatusCode();
        }

        var response = await client.GetAsync(HealthEndpoints.Metrics, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancel);
    }
}
