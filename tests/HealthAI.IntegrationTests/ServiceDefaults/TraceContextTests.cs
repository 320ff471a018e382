using Microsoft.AspNetCore.TestHost;

namespace HealthAI.ServiceDefaults.Tests;

public sealed class TraceContextTests
{
    [Fact]
    public async Task A_caller_s_traceparent_continues_in_the_replica_and_comes_back_in_traceresponse()
    {
        await using var app = await TestReplica.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, HealthEndpoints.Liveness);
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        var response = await app.GetTestClient().SendAsync(request, TestContext.Current.CancellationToken);

        var traceResponse = Assert.Single(response.Headers.GetValues(ReplicaHeaders.TraceResponse));
        Assert.StartsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-", traceResponse, StringComparison.Ordinal);
        Assert.DoesNotContain("00f067aa0ba902b7", traceResponse, StringComparison.Ordinal);
    }
}
