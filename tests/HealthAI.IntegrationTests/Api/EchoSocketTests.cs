using System.Net;
using System.Net.WebSockets;
using System.Text;

namespace HealthAI.Api.Tests;

public sealed class EchoSocketTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_echo_socket_returns_what_it_receives()
    {
        await using var api = new ApiFactory();
        var sockets = api.Server.CreateWebSocketClient();

        using var socket = await sockets.ConnectAsync(new Uri(api.Server.BaseAddress, "ws/echo"), Cancel);
        await socket.SendAsync(Encoding.UTF8.GetBytes("ping"), WebSocketMessageType.Text, true, Cancel);
        var buffer = new byte[64];
        var received = await socket.ReceiveAsync(buffer, Cancel);

        Assert.Equal("ping", Encoding.UTF8.GetString(buffer, 0, received.Count));
    }

    [Fact]
    public async Task Plain_HTTP_to_the_echo_socket_is_told_to_upgrade()
    {
        await using var api = new ApiFactory();

        var response = await api.CreateClient().GetAsync("/ws/echo", Cancel);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
