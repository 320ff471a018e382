using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using HealthAI.ServiceDefaults;

namespace HealthAI.Testing.Load;

/// <summary>
/// Open-loop load: request i is due at i / rate whatever happened to earlier ones, and is sent even if
/// the target is slow (a closed loop would back off exactly when the system hurts, hiding the damage).
/// Every outcome is kept, time-stamped from the start of the load, for summaries and timelines.
/// </summary>
public sealed class OpenLoopLoad : IAsyncDisposable
{
    private const string FaultDelayHeader = "X-HealthAI-Fault-Delay-Ms";

    // The edges' own marker of a write that is safe to replay (HealthAI.Edge RetryPolicy).
    private const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly LoadPlan _plan;
    private readonly HttpClient[] _clients;
    private readonly ConcurrentQueue<LoadSample> _samples = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = new();
    private readonly Task _running;
    private int _sent;

    private OpenLoopLoad(LoadPlan plan, X509Certificate2? trustedEdgeCertificate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(plan.RequestsPerSecond);
        ArgumentOutOfRangeException.ThrowIfZero(plan.SourceAddresses.Count);
        _plan = plan;
        _clients = [.. plan.SourceAddresses.Select(source => LoopbackClients.Create(source, trustedEdgeCertificate))];
        if (plan.BearerToken is { } token)
        {
            foreach (var client in _clients)
            {
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }
        }

        _clock.Start();
        _running = Task.Run(ScheduleAsync);
    }

    /// <summary>Starts offering <paramref name="plan"/> at once.</summary>
    public static OpenLoopLoad Start(LoadPlan plan, X509Certificate2? trustedEdgeCertificate = null) => new(plan, trustedEdgeCertificate);

    public LoadPlan Plan => _plan;

    /// <summary>Time since the load started: the clock every sample and fault mark is measured on.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    public int Sent => Volatile.Read(ref _sent);

    /// <summary>The outcomes so far (requests still in flight are not in it).</summary>
    public IReadOnlyList<LoadSample> Samples => [.. _samples];

    /// <summary>Ends when the plan's duration is over and every request sent has an outcome.</summary>
    public Task Completion => _running;

    /// <summary>Stops sending new requests now and waits for those in flight.</summary>
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

        Array.ForEach(_clients, client => client.Dispose());
        _stop.Dispose();
    }

    private async Task ScheduleAsync()
    {
        var inFlight = new List<Task>();
        var interval = TimeSpan.FromSeconds(1 / _plan.RequestsPerSecond);
        for (var i = 0L; !_stop.IsCancellationRequested; i++)
        {
            var due = interval * i;
            if (due >= _plan.Duration)
            {
                break;
            }

            var wait = due - _clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                try
                {
                    await Task.Delay(wait, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            // Sent off the scheduler, so a slow connect or TLS handshake never delays the next request's send.
            var client = (int)(i % _clients.Length);
            var index = i;
            inFlight.Add(Task.Run(() => SendAsync(client, index, due)));
            Interlocked.Increment(ref _sent);
        }

        await Task.WhenAll(inFlight);
    }

    private async Task SendAsync(int client, long index, TimeSpan due)
    {
        var kind = _plan.Mix.Pick(index);
        // Not linked to the stop: a request that was sent is awaited to its end, or it would not count.
        // One budget for both tries: latency runs from the due time whatever happens.
        using var timeout = new CancellationTokenSource(_plan.RequestTimeout);
        var sendLag = _clock.Elapsed - due;
        for (var resent = false; ; resent = true)
        {
            using var request = kind.Create(_plan.Target, index);
            if (_plan.HoldMilliseconds > 0)
            {
                request.Headers.Add(FaultDelayHeader, _plan.HoldMilliseconds.ToString(CultureInfo.InvariantCulture));
            }

            try
            {
                using var response = await _clients[client].SendAsync(request, timeout.Token);
                await response.Content.LoadIntoBufferAsync(timeout.Token);
                var instance = response.Headers.TryGetValues(ReplicaHeaders.Instance, out var values) ? values.FirstOrDefault() : null;
                Record(client, index, due, sendLag, kind.Name, (int)response.StatusCode, instance, null, resent, response.Headers.RetryAfter is not null);
                return;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                Record(client, index, due, sendLag, kind.Name, 0, null, $"no answer within {_plan.RequestTimeout.TotalSeconds:0.#} s", resent);
                return;
            }
            catch (HttpRequestException error) when (!resent && ClosedBeforeAnswer(error) && SafeToResend(request))
            {
                // Sent once more below, as browsers and HTTP libraries do. The sample records that it was.
            }
            catch (HttpRequestException error)
            {
                Record(client, index, due, sendLag, kind.Name, 0, null, error.HttpRequestError.ToString(), resent);
                return;
            }
        }
    }

    // The connection ended before any answer: typically an edge reload closing idle keep-alive connections
    // just as a request went out on one. .NET resends body-less requests by itself in that case; requests
    // with a body (POSTs) it cannot, so a client does, if the request is safe to repeat.
    private static bool ClosedBeforeAnswer(HttpRequestException error) => error.HttpRequestError == HttpRequestError.ResponseEnded;

    private static bool SafeToResend(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options
        || request.Headers.Contains(IdempotencyKeyHeader);

    private void Record(int client, long index, TimeSpan due, TimeSpan sendLag, string kind, int status, string? instance, string? error, bool resent, bool retryAfter = false) =>
        _samples.Enqueue(new LoadSample(due, _clock.Elapsed - due, status, instance, error, client, kind) { Resent = resent, RetryAfter = retryAfter, Index = index, SendLag = sendLag });
}
