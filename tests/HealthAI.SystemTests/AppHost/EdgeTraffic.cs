using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using HealthAI.ServiceDefaults;

namespace HealthAI.AppHost.Tests;

/// <summary>One request's fate as a client saw it.</summary>
internal sealed record Outcome(TimeSpan At, HttpStatusCode? Status, string? Instance, string? Error)
{
    public bool Succeeded => Status == HttpStatusCode.OK;

    public override string ToString() => $"{At.TotalSeconds:F2}s {(Status is { } s ? (int)s : Error)} {Instance}";
}

/// <summary>
/// Steady, paced traffic through an edge from a few loopback clients, recording every outcome: the
/// pace stays under the per-client rate limit so that any failure is the edge's or a replica's.
/// </summary>
internal sealed class EdgeTraffic : IAsyncDisposable
{
    private readonly ConcurrentQueue<Outcome> _outcomes = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<HttpClient> _clients;
    private readonly Task _running;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public EdgeTraffic(HealthAIAppFixture fixture, string edge, string[] sourceAddresses, TimeSpan interval, int faultDelayMilliseconds = 0)
    {
        var target = fixture.Endpoint(edge, "https");
        _clients = [.. sourceAddresses.Select(source => LoopbackClients.Create(source, fixture.EdgeCertificate))];
        _running = Task.WhenAll(_clients.Select(client => LoopAsync(client, target, interval, faultDelayMilliseconds)));
    }

    public IReadOnlyList<Outcome> Outcomes => [.. _outcomes];

    public TimeSpan Elapsed => _clock.Elapsed;

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _running;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _clients.ForEach(client => client.Dispose());
        _stop.Dispose();
    }

    private async Task LoopAsync(HttpClient client, Uri target, TimeSpan interval, int faultDelayMilliseconds)
    {
        while (!_stop.IsCancellationRequested)
        {
            var at = _clock.Elapsed;
            using var request = new HttpRequestMessage(HttpMethod.Get, target);
            if (faultDelayMilliseconds > 0)
            {
                request.Headers.Add("X-HealthAI-Fault-Delay-Ms", faultDelayMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            try
            {
                // Not cancelled by the stop: a request that started is awaited to its end, or it would not count.
                using var response = await client.SendAsync(request, CancellationToken.None);
                _outcomes.Enqueue(new Outcome(at, response.StatusCode, response.Headers.TryGetValues(ReplicaHeaders.Instance, out var values) ? values.Single() : null, null));
            }
            catch (HttpRequestException error)
            {
                _outcomes.Enqueue(new Outcome(at, null, null, error.Message));
            }

            try
            {
                await Task.Delay(interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends <paramref name="count"/> GETs, spread over <paramref name="sourceAddresses"/>, and returns their outcomes.</summary>
    public static async Task<IReadOnlyList<Outcome>> SendAsync(HealthAIAppFixture fixture, string edge, string path, int count, string[] sourceAddresses, CancellationToken cancellationToken)
    {
        var target = new Uri(fixture.Endpoint(edge, "https"), path);
        var clients = sourceAddresses.Select(source => LoopbackClients.Create(source, fixture.EdgeCertificate)).ToArray();
        try
        {
            var outcomes = new List<Outcome>();
            for (var i = 0; i < count; i++)
            {
                using var response = await clients[i % clients.Length].GetAsync(target, cancellationToken);
                outcomes.Add(new Outcome(TimeSpan.Zero, response.StatusCode, response.Headers.TryGetValues(ReplicaHeaders.Instance, out var values) ? values.Single() : null, null));
            }

            return outcomes;
        }
        finally
        {
            Array.ForEach(clients, client => client.Dispose());
        }
    }
}
