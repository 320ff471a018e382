using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using HealthAI.Edge.Policy;
using HealthAI.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HealthAI.Edge.Tests.Support;

/// <summary>
/// A stand-in replica on a real loopback port: it answers every request with its own instance header and keeps
/// what reached it (path and headers), so a test can tell what the edge let through. <c>/ws/</c> echoes WebSockets.
/// </summary>
internal sealed class RecordingReplica : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RecordingReplica(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Requests as the replica saw them, in arrival order.</summary>
    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public static async Task<RecordingReplica> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        RecordingReplica? replica = null;
        app.UseWebSockets();
        app.Run(async context => await replica!.AnswerAsync(context));
        await app.StartAsync(cancellationToken);
        var port = new Uri(app.Urls.Single()).Port;
        replica = new RecordingReplica(app, port);
        return replica;
    }

    /// <summary>The requests that reached the replica on <paramref name="path"/>.</summary>
    public IReadOnlyList<ReceivedRequest> On(string path) => [.. Received.Where(r => r.Path == path)];

    private async Task AnswerAsync(HttpContext context)
    {
        context.Response.Headers[ReplicaHeaders.Instance] = "recording-replica";
        if (context.WebSockets.IsWebSocketRequest)
        {
            Received.Enqueue(new ReceivedRequest(context.Request.Path, Headers(context), 0));
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[1024];
            while (socket.State == WebSocketState.Open)
            {
                var message = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (message.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                await socket.SendAsync(buffer.AsMemory(0, message.Count), message.MessageType, message.EndOfMessage, CancellationToken.None);
            }

            return;
        }

        long bodyBytes = 0;
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            bodyBytes += read;
        }

        // HAProxy's probes are the edge's own requests, not ones it let through.
        if (context.Request.Path != ActiveHealthPolicy.Default.Path)
        {
            Received.Enqueue(new ReceivedRequest(context.Request.Path, Headers(context), bodyBytes));
        }

        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync("ok", context.RequestAborted);
    }

    private static Dictionary<string, string> Headers(HttpContext context) =>
        context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request as a replica saw it.</summary>
internal sealed record ReceivedRequest(string Path, IReadOnlyDictionary<string, string> Headers, long BodyBytes);
