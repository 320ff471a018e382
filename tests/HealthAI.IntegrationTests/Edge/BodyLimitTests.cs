using HealthAI.Edge.Tests.Support;

namespace HealthAI.Edge.Tests;

/// <summary>
/// Each route takes the body the API accepts there and no more, refused from the declared length; an anonymous write
/// is refused before its body is read, so a slow upload cannot hold the edge.
/// </summary>
public sealed class BodyLimitTests
{
    private const string Client = "127.75.0.1";
    private const int SlowClientBytesPerSecond = 400 * 1024;

    [Theory]
    [InlineData("nginx", "/api/documents/batch", 401)]
    [InlineData("haproxy", "/api/documents/batch", 401)]
    [InlineData("nginx", "/api/documents", 413)]
    [InlineData("haproxy", "/api/documents", 413)]
    public async Task A_slow_anonymous_4_MB_upload_is_refused_within_3_seconds(string edge, string path, int expected)
    {
        await using var running = await RunningEdge.StartAsync(edge, cancellationToken: TestContext.Current.CancellationToken);

        var answer = await RawHttp.SendAsync(running.Endpoint, $"POST {path} HTTP/1.1", Client, [], 4L * 1024 * 1024, SlowClientBytesPerSecond, TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine($"{edge} {path}: {answer.Status} after {answer.After.TotalMilliseconds:F0} ms");
        Assert.Equal(expected, answer.Status);
        Assert.True(answer.After < TimeSpan.FromSeconds(3), $"{edge} answered after {answer.After}");
        Assert.Empty(running.Replica.Received);
        if (expected != 401)
        {
            // Over the single document's limit: the declared length is refused first, before authorization.
            return;
        }

        Assert.Contains("WWW-Authenticate: Bearer realm=\"healthai-editor\"", answer.Head, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("application/problem+json", answer.Head, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nginx", "/api/ask", 16 * 1024 + 1)]
    [InlineData("haproxy", "/api/ask", 16 * 1024 + 1)]
    [InlineData("nginx", "/api/search", 4096)]
    [InlineData("haproxy", "/api/search", 4096)]
    [InlineData("nginx", "/api/documents/batch", 5 * 1024 * 1024)]
    [InlineData("haproxy", "/api/documents/batch", 5 * 1024 * 1024)]
    [InlineData("nginx", "/api/documents", 512 * 1024)]
    [InlineData("haproxy", "/api/documents", 512 * 1024)]
    public async Task A_body_over_the_route_limit_gets_413_before_it_is_read(string edge, string path, long bytes)
    {
        await using var running = await RunningEdge.StartAsync(edge, cancellationToken: TestContext.Current.CancellationToken);

        var answer = await RawHttp.SendAsync(running.Endpoint, $"POST {path} HTTP/1.1", Client, ["Authorization: Bearer editor"], bytes, SlowClientBytesPerSecond, TestContext.Current.CancellationToken);

        Assert.Equal(413, answer.Status);
        Assert.True(answer.After < TimeSpan.FromSeconds(3), $"{edge} answered after {answer.After}");
        Assert.Empty(running.Replica.Received);
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task An_authorised_write_within_the_limit_reaches_the_replica(string edge)
    {
        await using var running = await RunningEdge.StartAsync(edge, cancellationToken: TestContext.Current.CancellationToken);

        var answer = await RawHttp.SendAsync(running.Endpoint, "POST /api/documents/batch HTTP/1.1", Client, ["Authorization: Bearer editor"], 1024 * 1024, 8 * 1024 * 1024, TestContext.Current.CancellationToken);

        Assert.Equal(200, answer.Status);
        Assert.Equal(1024 * 1024, Assert.Single(running.Replica.On("/api/documents/batch")).BodyBytes);
    }
}
