using HealthAI.Testing;

namespace HealthAI.Chaos.Faults;

/// <summary>
/// Watches HAProxy's own view of one server (its Prometheus exporter, every 100 ms) and notes, on a load's
/// clock, when it first saw the server down: HAProxy's detection time, as HAProxy itself tells it.
/// </summary>
internal sealed class HaproxyServerWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    private HaproxyServerWatch(HealthAISystem system, string server, Func<TimeSpan> clock)
    {
        _watching = Task.Run(() => WatchAsync(system, server, clock, _stop.Token));
    }

    /// <summary>When HAProxy first reported the server down, on the load's clock; null until it does.</summary>
    public TimeSpan? FirstDown { get; private set; }

    public static HaproxyServerWatch Start(HealthAISystem system, string server, Func<TimeSpan> clock) => new(system, server, clock);

    private async Task WatchAsync(HealthAISystem system, string server, Func<TimeSpan> clock, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var metrics = new Uri(system.Endpoint("haproxy", "status"), "/metrics");
        while (!cancellationToken.IsCancellationRequested && FirstDown is null)
        {
            try
            {
                var exposition = await client.GetStringAsync(metrics, cancellationToken);
                if (IsDown(exposition, server))
                {
                    FirstDown = clock();
                    return;
                }

                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException)
            {
                // A slow scrape on a loaded machine: the next one will tell.
            }
        }
    }

    private static bool IsDown(string exposition, string server) => exposition.Split('\n').Any(line =>
        line.StartsWith("haproxy_server_status{", StringComparison.Ordinal)
        && line.Contains("proxy=\"healthai_backend\"", StringComparison.Ordinal)
        && line.Contains($"server=\"{server}\"", StringComparison.Ordinal)
        && line.Contains("state=\"DOWN\"", StringComparison.Ordinal)
        && line.EndsWith(" 1", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }
}
