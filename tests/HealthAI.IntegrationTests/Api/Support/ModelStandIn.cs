using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HealthAI.Api.Tests;

/// <summary>How the stand-in model behaves (public: test cases are theory data).</summary>
public enum ModelBehaviour
{
    Answers,
    Fails,
    Hangs,
}

/// <summary>
/// A local stand-in for an OpenAI-compatible chat endpoint on a free loopback port: it answers in the
/// chat-completions shape, fails with 500, or hangs until the caller gives up.
/// </summary>
internal sealed class ModelStandIn : IAsyncDisposable
{
    public const string Reply = "Washing with soap for twenty seconds removes germs [1].";
    private readonly WebApplication _app;
    private readonly object _gate = new();
    private int _calls;
    private TimeSpan _longestHeld;

    private ModelStandIn(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = "";

    public int Calls => _calls;

    /// <summary>The longest time a caller kept one call open before it answered or gave up.</summary>
    public TimeSpan LongestHeld
    {
        get
        {
            lock (_gate)
            {
                return _longestHeld;
            }
        }
    }

    public static async Task<ModelStandIn> StartAsync(ModelBehaviour behaviour)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = FreePort();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var standIn = new ModelStandIn(app) { Endpoint = $"http://127.0.0.1:{port}/v1" };
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            Interlocked.Increment(ref standIn._calls);
            var held = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                return await AnswerAsync(behaviour, context.RequestAborted);
            }
            finally
            {
                lock (standIn._gate)
                {
                    standIn._longestHeld = TimeSpan.FromTicks(Math.Max(standIn._longestHeld.Ticks, held.Elapsed.Ticks));
                }
            }
        });
        await app.StartAsync();
        return standIn;
    }

    private static async Task<IResult> AnswerAsync(ModelBehaviour behaviour, CancellationToken aborted)
    {
        switch (behaviour)
        {
            case ModelBehaviour.Fails:
                return Results.Problem(statusCode: 500, title: "model exploded");
            case ModelBehaviour.Hangs:
                try
                {
                    await Task.Delay(Timeout.Infinite, aborted);
                }
                catch (OperationCanceledException)
                {
                    // The caller gave up, which is what a hanging model waits for.
                }

                return Results.Empty;
            default:
                return Results.Json(new
                {
                    id = "chatcmpl-standin",
                    @object = "chat.completion",
                    created = 1_700_000_000,
                    model = "stand-in",
                    choices = new[] { new { index = 0, message = new { role = "assistant", content = Reply }, finish_reason = "stop" } },
                    usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
                });
        }
    }

    /// <summary>A loopback port nothing listens on: connections to it are refused at once.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            // A hanging request is still open; the host is disposed regardless.
        }

        await _app.DisposeAsync();
    }
}
