using System.Net;
using System.Net.Http.Json;
using HealthAI.ServiceDefaults;

namespace HealthAI.AppHost.Tests;

[Collection(HealthAIAppGroup.Name)]
public sealed class ReplicaTests(HealthAIAppFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task All_four_replicas_become_ready()
    {
        TestContext.Current.SendDiagnosticMessage($"All four replicas ready {fixture.TimeToAllReady.TotalSeconds:F1} s after start.");
        using var client = new HttpClient();

        foreach (var replica in HealthAIAppFixture.Replicas)
        {
            var ready = await client.GetAsync(new Uri(fixture.Endpoint(replica), HealthEndpoints.Readiness), Cancel);
            Assert.True(ready.StatusCode == HttpStatusCode.OK, $"{replica} /readyz answered {(int)ready.StatusCode}");
        }
    }

    [Theory]
    [InlineData("healthai-app-1", "1")]
    [InlineData("healthai-app-2", "2")]
    [InlineData("healthai-app-3", "3")]
    [InlineData("healthai-app-backup", "backup")]
    public async Task Each_replica_answers_as_itself(string replica, string instance)
    {
        using var client = new HttpClient();

        var response = await client.GetAsync(fixture.Endpoint(replica), Cancel);
        var info = await response.Content.ReadFromJsonAsync<ServiceInfoBody>(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(replica, Assert.Single(response.Headers.GetValues(ReplicaHeaders.Instance)));
        Assert.Equal(replica, info?.Instance);
        Assert.Equal(instance, info?.AppInstance);
    }

    [Fact]
    public async Task Each_replica_exports_metrics_labelled_with_its_name()
    {
        using var client = new HttpClient();

        foreach (var replica in HealthAIAppFixture.Replicas)
        {
            var exposition = await client.GetStringAsync(new Uri(fixture.Endpoint(replica), HealthEndpoints.Metrics), Cancel);
            Assert.Contains($"healthai_replica=\"{replica}\"", exposition, StringComparison.Ordinal);
        }
    }

    private sealed record ServiceInfoBody(string Service, string Version, string Instance, string AppInstance);
}
