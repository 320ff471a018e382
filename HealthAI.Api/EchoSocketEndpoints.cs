using System.Net.WebSockets;

namespace HealthAI.Api;

/// <summary>
/// A WebSocket echo at <c>/ws/echo</c>: the smallest real upgrade, so clients and tests can prove that
/// WebSockets pass through the edge (which must forward <c>Upgrade</c> yet keep upstream keepalive).
/// </summary>
internal static class EchoSocketEndpoints
{
    private const int MaxMessageBytes = 64 * 1024;

    public static WebApplication MapEchoSocket(this WebApplication app)
    {
        app.UseWebSockets();
        app.Map("/ws/echo", (Delegate)EchoAsync);
        return app;
    }

    private static async Task<IResult> EchoAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status426UpgradeRequired, title: "Upgrade required",
                detail: "This endpoint speaks WebSocket only: connect with an Upgrade: websocket request.");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[MaxMessageBytes];
        while (socket.State == WebSocketState.Open)
        {
            var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", context.RequestAborted);
                break;
            }

            await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, context.RequestAborted);
        }

        return TypedResults.Empty;
    }
}
