using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using HealthAI.Edge.Policy;
using HealthAI.Edge.Tests.Support;

namespace HealthAI.Edge.Tests;

/// <summary>An idle WebSocket ends at the WebSocket route's read timeout on both edges; plain HTTP is sent on with 308.</summary>
public sealed class WebSocketAndRedirectTests
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task An_idle_WebSocket_is_closed_at_the_route_read_timeout(string edge)
    {
        var tuning = new EdgeTuning { RouteTimeouts = new Dictionary<string, TimeSpan> { ["websocket"] = IdleTimeout } };
        await using var running = await RunningEdge.StartAsync(edge, policy => tuning.ApplyTo(policy, 1), cancellationToken: TestContext.Current.CancellationToken);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{running.Endpoint.Port}/ws/echo"), TestContext.Current.CancellationToken);
        await socket.SendAsync("ping"u8.ToArray(), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);
        var buffer = new byte[64];
        Assert.Equal(4, (await socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken)).Count);

        var idle = Stopwatch.StartNew();
        try
        {
            await socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken);
        }
        catch (WebSocketException)
        {
            // The edge ends the tunnel without a close frame.
        }

        Assert.InRange(idle.Elapsed, IdleTimeout - TimeSpan.FromMilliseconds(500), IdleTimeout + TimeSpan.FromSeconds(3));
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task Plain_HTTP_is_redirected_with_308_to_the_published_HTTPS_port(string edge)
    {
        await using var running = await RunningEdge.StartAsync(
            edge, policy => policy with { Listeners = policy.Listeners with { RedirectHttpsPort = 4443 } }, tls: true, TestContext.Current.CancellationToken);
        using var client = LoopbackClients.Create();

        var response = await client.PostAsync(new Uri(running.HttpEndpoint, "/api/ask?x=1"), new StringContent("{}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal($"https://127.0.0.1:4443/api/ask?x=1", response.Headers.Location?.ToString());
    }
}
