using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace HealthAI.Api.Tests;

/// <summary>The test-only replica-wide fault switch at <c>/faults</c>.</summary>
public sealed class ReplicaFaultTests
{
    private static readonly Dictionary<string, string?> Enabled = new() { ["Faults:Enabled"] = "true" };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_switch_does_not_exist_when_faults_are_disabled()
    {
        await using var api = new ApiFactory();
        var client = api.CreateClient();

        var put = await client.PutAsync("/faults", Json("{\"latencyMs\":100}"), Cancel);
        var get = await client.GetAsync("/faults", Cancel);
        var detailed = await client.GetStringAsync("/health/detailed", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("\"faults\"", detailed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latency_slows_application_routes_but_not_liveness_and_is_cleared_by_delete()
    {
        await using var api = new ApiFactory(Enabled);
        var client = api.CreateClient();

        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync("/faults", Json("{\"latencyMs\":600}"), Cancel)).StatusCode);
        var shown = await client.GetFromJsonAsync<JsonElement>("/faults", Cancel);
        var slowRoot = await TimeAsync(client, "/");
        var fastLiveness = await TimeAsync(client, "/healthz");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/faults", Cancel)).StatusCode);
        var clearedRoot = await TimeAsync(client, "/");

        Assert.Equal(600, shown.GetProperty("latencyMs").GetInt32());
        Assert.False(shown.GetProperty("readinessFails").GetBoolean());
        Assert.True(slowRoot >= TimeSpan.FromMilliseconds(550), $"/ answered after {slowRoot}");
        Assert.True(fastLiveness < TimeSpan.FromMilliseconds(550), $"/healthz answered after {fastLiveness}");
        Assert.True(clearedRoot < TimeSpan.FromMilliseconds(550), $"/ answered after {clearedRoot} once cleared");
    }

    [Fact]
    public async Task Readiness_fails_while_told_to_and_the_replica_still_serves()
    {
        await using var api = new ApiFactory(Enabled);
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz", Cancel)).StatusCode);

        await client.PutAsync("/faults", Json("{\"readinessFails\":true}"), Cancel);
        var failing = await client.GetAsync("/readyz", Cancel);
        var live = await client.GetAsync("/healthz", Cancel);
        var served = await client.GetAsync("/", Cancel);
        await client.DeleteAsync("/faults", Cancel);
        var back = await client.GetAsync("/readyz", Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Theory]
    [InlineData("{\"latencyMs\":-1}")]
    [InlineData("{\"latencyMs\":30001}")]
    [InlineData("{\"latencyMs\":\"300\"}")]
    [InlineData("{\"latency\":300}")]
    [InlineData("{\"readinessFails\":\"yes\"}")]
    [InlineData("{\"latencyMs\":")]
    [InlineData("null")]
    public async Task Bad_faults_are_a_400_problem_and_change_nothing(string body)
    {
        await using var api = new ApiFactory(Enabled);
        var client = api.CreateClient();

        var response = await client.PutAsync("/faults", Json(body), Cancel);
        var shown = await client.GetFromJsonAsync<JsonElement>("/faults", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, shown.GetProperty("latencyMs").GetInt32());
        Assert.False(shown.GetProperty("readinessFails").GetBoolean());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<TimeSpan> TimeAsync(HttpClient client, string path)
    {
        var clock = Stopwatch.StartNew();
        (await client.GetAsync(path, Cancel)).EnsureSuccessStatusCode();
        return clock.Elapsed;
    }
}
