using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace HealthAI.ServiceDefaults.Tests;

public sealed class GracefulDrainTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stopping_turns_readiness_503_at_once_and_keeps_serving_for_the_drain_period()
    {
        var drain = TimeSpan.FromSeconds(2);
        await using var app = await TestReplica.StartAsync(
            settings: new Dictionary<string, string?> { ["Replica:DrainPeriod"] = drain.ToString("c") },
            map: app => app.MapGet("/work", () => "done"));
        var client = app.GetTestClient();

        var clock = Stopwatch.StartNew();
        var stopping = app.StopAsync(Cancel);
        await Task.Delay(200, Cancel);
        var readyWhileDraining = await client.GetAsync(HealthEndpoints.Readiness, Cancel);
        var workWhileDraining = await client.GetAsync("/work", Cancel);
        var liveWhileDraining = await client.GetAsync(HealthEndpoints.Liveness, Cancel);
        await stopping;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyWhileDraining.StatusCode);
        Assert.Equal(HttpStatusCode.OK, workWhileDraining.StatusCode);
        Assert.Equal("done", await workWhileDraining.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.OK, liveWhileDraining.StatusCode);
        Assert.True(clock.Elapsed >= drain - TimeSpan.FromMilliseconds(50), $"the host stopped after {clock.Elapsed}, before the {drain} drain period");
    }

    [Fact]
    public async Task A_request_in_flight_when_stopping_begins_completes()
    {
        var release = new TaskCompletionSource();
        await using var app = await TestReplica.StartAsync(
            settings: new Dictionary<string, string?> { ["Replica:DrainPeriod"] = "00:00:00.300" },
            map: app => app.MapGet("/slow", async () =>
            {
                await release.Task;
                return "finished";
            }));
        var client = app.GetTestClient();

        var inFlight = client.GetAsync("/slow", Cancel);
        await Task.Delay(100, Cancel);
        var stopping = app.StopAsync(Cancel);
        await Task.Delay(600, Cancel);
        release.SetResult();
        var response = await inFlight;
        await stopping;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("finished", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Detailed_health_says_draining_while_stopping()
    {
        await using var app = await TestReplica.StartAsync(
            settings: new Dictionary<string, string?> { ["Replica:DrainPeriod"] = "00:00:01" });
        var client = app.GetTestClient();

        var stopping = app.StopAsync(Cancel);
        await Task.Delay(100, Cancel);
        var detailed = await (await client.GetAsync(HealthEndpoints.Detailed, Cancel)).Content.ReadAsStringAsync(Cancel);
        await stopping;

        Assert.Contains("\"state\": \"Draining\"", detailed, StringComparison.Ordinal);
    }
}
