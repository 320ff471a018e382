using Aspire.Hosting;
using HealthAI.Chaos.Analysis;
using HealthAI.Chaos.Workload;
using HealthAI.Testing;

namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// The system's own start, watched from outside: mixed load at every edge from the moment the app starts.
/// Nothing may fail once an edge listens: no edge listens before the primaries are ready (the AppHost
/// waits for them), and no worker may keep the replicas out because it met them before they listened.
/// The load runs until this scenario is reached (it is the first of a full run), and at least 15 s (8 s
/// with --quick) after the edges reported healthy.
/// </summary>
internal sealed class StartupScenario : IChaosScenario, IAsyncDisposable
{
    private readonly StartupProbe _probe = new();
    private bool _watching;
    private bool _reported;

    public string Name => "startup";

    public string Description => $"mixed load ({StartupProbe.RequestsPerSecond:0} r/s) at each edge from the app's start; nothing may fail once the edge listens; the window from all primaries ready to the last failure";

    /// <summary>Starts watching; the harness calls it once the app is built and before it starts.</summary>
    public void Watch(DistributedApplication app)
    {
        _probe.Start(app);
        _watching = true;
    }

    public async Task<IReadOnlyList<RunResult>> RunAsync(ChaosContext context, CancellationToken cancellationToken)
    {
        if (!_watching || _reported)
        {
            // Only the run that started the system can say how it started (not a --repeat).
            return [];
        }

        _reported = true;
        // Long enough after the edges listen that a worker which kept the replicas out would show.
        var clock = _probe.Loads[HealthAITopology.Edges[0]];
        var edgesHealthy = HealthAITopology.Edges.Select(edge => _probe.Ready.TryGetValue(edge, out var at) ? at : clock.Elapsed).Max();
        var until = edgesHealthy + (context.Options.Quick ? TimeSpan.FromSeconds(8) : TimeSpan.FromSeconds(15));
        if (until > clock.Elapsed)
        {
            await Task.Delay(until - clock.Elapsed, cancellationToken);
        }

        await _probe.StopAsync();
        var ready = _probe.Ready;
        var primariesReady = HealthAITopology.Primaries.Select(primary => ready.TryGetValue(primary, out var at) ? at : TimeSpan.MaxValue).Max();
        var results = new List<RunResult>();
        foreach (var (edge, load) in _probe.Loads)
        {
            var samples = load.Samples.OrderBy(sample => sample.Intended).ToList();
            // Listening = the first request that got any HTTP answer; refused connections before it are the edge not being there yet.
            var listening = samples.FirstOrDefault(sample => sample.Status != 0)?.Intended ?? TimeSpan.MaxValue;
            var notListening = samples.Where(sample => sample.Intended < listening).ToList();
            var measured = samples.Where(sample => sample.Intended >= listening).ToList();
            var failedAfterReady = measured.Where(sample => !sample.Succeeded && sample.Intended >= primariesReady).ToList();
            var marks = new List<FaultMark> { new(primariesReady.TotalSeconds, "all primaries ready"), new(listening.TotalSeconds, $"{edge} listens") };
            if (ready.TryGetValue(edge, out var healthy))
            {
                marks.Add(new FaultMark(healthy.TotalSeconds, $"{edge} healthy"));
            }

            results.Add(new RunResult(Name, edge, load.Plan, measured, marks)
            {
                Excluded = notListening,
                Figures = new Dictionary<string, double>
                {
                    ["listens s after all primaries ready"] = (listening - primariesReady).TotalSeconds,
                    ["failed before primaries ready"] = measured.Count(sample => !sample.Succeeded && sample.Intended < primariesReady),
                    ["failed after primaries ready"] = failedAfterReady.Count,
                    // The start-up window: from all primaries ready to the last failed request (0 when none failed).
                    ["last failure s after primaries ready"] = failedAfterReady.Count == 0 ? 0 : (failedAfterReady.Max(sample => sample.Intended) - primariesReady).TotalSeconds,
                },
                ExtraGoalFailures =
                [
                    .. listening == TimeSpan.MaxValue ? [$"{edge} never answered"] : Array.Empty<string>(),
                    .. listening < primariesReady ? [$"{edge} answered {(primariesReady - listening).TotalSeconds:0.00} s before every primary was ready"] : Array.Empty<string>(),
                ],
            });
        }

        await _probe.DisposeAsync();
        return results;
    }

    /// <summary>Ends the probe's load when the drill was never read (its run filtered out or the start failed).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_watching && !_reported)
        {
            _reported = true;
            await _probe.StopAsync();
            await _probe.DisposeAsync();
        }
    }
}
