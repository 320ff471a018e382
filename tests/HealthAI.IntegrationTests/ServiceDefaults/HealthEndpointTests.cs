using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthAI.ServiceDefaults.Tests;

public sealed class HealthEndpointTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Liveness_answers_200_even_when_a_readiness_check_fails()
    {
        await using var app = await TestReplica.StartAsync(configure: builder => builder.Services.AddHealthChecks()
            .AddCheck("database", () => HealthCheckResult.Unhealthy("down"), tags: [HealthCheckTags.Ready]));
        var client = app.GetTestClient();

        var live = await client.GetAsync(HealthEndpoints.Liveness, Cancel);
        var ready = await client.GetAsync(HealthEndpoints.Readiness, Cancel);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    [Theory]
    [InlineData(HealthEndpoints.Liveness)]
    [InlineData(HealthEndpoints.Readiness)]
    public async Task Probes_answer_HEAD_as_well_as_GET(string path)
    {
        await using var app = await TestReplica.StartAsync();
        var client = app.GetTestClient();

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path), Cancel);
        using var post = await client.PostAsync(path, null, Cancel);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task Readiness_is_200_once_started()
    {
        await using var app = await TestReplica.StartAsync();

        var ready = await app.GetTestClient().GetAsync(HealthEndpoints.Readiness, Cancel);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Detailed_health_reports_instance_version_uptime_and_every_check()
    {
        await using var app = await TestReplica.StartAsync(
            settings: new Dictionary<string, string?> { [ReplicaOptions.InstanceVariable] = "2" },
            configure: builder => builder.Services.AddHealthChecks()
                .AddCheck("disk", () => HealthCheckResult.Degraded("low", data: new Dictionary<string, object> { ["freeBytes"] = 42 }), tags: ["storage"]));

        var response = await app.GetTestClient().GetAsync(HealthEndpoints.Detailed, Cancel);
        var report = await response.Content.ReadFromJsonAsync<DetailedHealthReport>(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(report);
        Assert.Equal("Degraded", report.Status);
        Assert.Equal("healthai-app-2", report.Instance);
        Assert.False(string.IsNullOrEmpty(report.Version));
        Assert.True(report.UptimeSeconds > 0);
        Assert.Equal("Ready", report.State);
        var disk = Assert.Single(report.Checks, check => check.Name == "disk");
        Assert.Equal("Degraded", disk.Status);
        Assert.Equal("low", disk.Description);
        Assert.Equal(["storage"], disk.Tags);
        Assert.Equal("42", disk.Data["freeBytes"].ToString());
        Assert.Contains(report.Checks, check => check.Name == "lifecycle" && check.Status == "Healthy");
    }

    [Fact]
    public async Task Detailed_health_is_503_when_a_check_is_unhealthy()
    {
        await using var app = await TestReplica.StartAsync(configure: builder => builder.Services.AddHealthChecks()
            .AddCheck("broken", () => HealthCheckResult.Unhealthy("gone", new InvalidOperationException("disk vanished"))));

        var response = await app.GetTestClient().GetAsync(HealthEndpoints.Detailed, Cancel);
        var report = await response.Content.ReadFromJsonAsync<DetailedHealthReport>(Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", report!.Status);
        Assert.Equal("disk vanished", Assert.Single(report.Checks, check => check.Name == "broken").Error);
    }

    [Fact]
    public async Task Every_response_names_the_replica_even_errors()
    {
        await using var app = await TestReplica.StartAsync(
            settings: new Dictionary<string, string?> { [ReplicaOptions.InstanceVariable] = "backup" },
            configure: builder => builder.Services.AddProblemDetails(),
            map: app =>
            {
                app.UseExceptionHandler();
                app.MapGet("/boom", (HttpContext _) => throw new InvalidOperationException("boom"));
            });
        var client = app.GetTestClient();

        var missing = await client.GetAsync("/nowhere", Cancel);
        var failed = await client.GetAsync("/boom", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("healthai-app-backup", Assert.Single(missing.Headers.GetValues(ReplicaHeaders.Instance)));
        Assert.Equal("healthai-app-backup", Assert.Single(failed.Headers.GetValues(ReplicaHeaders.Instance)));
    }

    [Fact]
    public async Task Request_id_is_passed_through_or_generated()
    {
        await using var app = await TestReplica.StartAsync();
        var client = app.GetTestClient();
        using var withId = new HttpRequestMessage(HttpMethod.Get, HealthEndpoints.Liveness);
        withId.Headers.Add(ReplicaHeaders.RequestId, "edge-7f3a");
        using var withBadId = new HttpRequestMessage(HttpMethod.Get, HealthEndpoints.Liveness);
        withBadId.Headers.TryAddWithoutValidation(ReplicaHeaders.RequestId, new string('x', 500));

        var passed = await client.SendAsync(withId, Cancel);
        var generated = await client.GetAsync(HealthEndpoints.Liveness, Cancel);
        var replaced = await client.SendAsync(withBadId, Cancel);

        Assert.Equal("edge-7f3a", Assert.Single(passed.Headers.GetValues(ReplicaHeaders.RequestId)));
        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(generated.Headers.GetValues(ReplicaHeaders.RequestId))));
        Assert.True(Assert.Single(replaced.Headers.GetValues(ReplicaHeaders.RequestId)).Length < 500);
    }
}
