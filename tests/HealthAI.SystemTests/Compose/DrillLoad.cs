using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HealthAI.Chaos.Workload;
using HealthAI.Testing.Load;

namespace HealthAI.Compose.Tests;

/// <summary>
/// The chaos harness's mixed load (70 % search, 15 % ask, 10 % idempotent ingest, 5 % GET /), open
/// loop, through the compose nginx and HAProxy edges at once, for as long as a drill takes (bounded).
/// Every loopback request reaches a compose edge from one address, the frontend network's gateway, so
/// each edge's load stays under the per-client limit (10 r/s, burst 20): a 429 would be a failure.
/// </summary>
internal sealed class DrillLoad : IAsyncDisposable
{
    public const double RequestsPerSecond = 8;
    private static readonly TimeSpan Longest = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan Tail = TimeSpan.FromSeconds(4);
    private static readonly SourceAddresses Sources = new(150);

    private readonly (string Edge, OpenLoopLoad Load, ConcurrentDictionary<long, string> Ingested, TimeSpan StartedAt)[] _loads;

    private DrillLoad(ComposeStackFixture stack, bool haproxy, Stopwatch? clock)
    {
        _loads = haproxy ? [Start("nginx", stack.Nginx, stack, clock), Start("haproxy", stack.Haproxy, stack, clock)] : [Start("nginx", stack.Nginx, stack, clock)];
    }

    /// <summary>
    /// The load through nginx, and through HAProxy unless <paramref name="haproxy"/> is off (a stack without that profile).
    /// With the drill's <paramref name="clock"/>, the outcomes' failures are timed on it rather than on each load's own.
    /// </summary>
    public static DrillLoad Start(ComposeStackFixture stack, bool haproxy = true, Stopwatch? clock = null) => new(stack, haproxy, clock);

    /// <summary>Lets the load run <see cref="Tail"/> past the drill, stops it, and sums up each edge's outcomes.</summary>
    public async Task<IReadOnlyList<DrillOutcome>> StopAsync()
    {
        await Task.Delay(Tail, TestContext.Current.CancellationToken);
        foreach (var (_, load, _, _) in _loads)
        {
            await load.StopAsync();
        }

        return [.. _loads.Select(l => DrillOutcome.Of(l.Edge, l.Load, l.Ingested, l.StartedAt))];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, load, _, _) in _loads)
        {
            await load.DisposeAsync();
        }
    }

    private static (string, OpenLoopLoad, ConcurrentDictionary<long, string>, TimeSpan) Start(string edge, Uri target, ComposeStackFixture stack, Stopwatch? clock)
    {
        var ingested = new ConcurrentDictionary<long, string>();
        var plan = new LoadPlan(target, RequestsPerSecond, Longest, Sources.Next(4)) { Mix = Recording(ingested), BearerToken = stack.EditorToken };
        var load = OpenLoopLoad.Start(plan, stack.Certificate);
        // Read as the load returns, a moment after its own clock started: its samples plus this are on the drill's clock.
        return (edge, load, ingested, clock?.Elapsed - load.Elapsed ?? TimeSpan.Zero);
    }

    // The same mix, noting which document each ingest carried (its Idempotency-Key is the document's id).
    private static LoadMix Recording(ConcurrentDictionary<long, string> ingested) => new(
    [
        .. MixedLoad.Mix.Kinds.Select(kind => kind.Name != MixedLoad.Ingest ? kind : kind with
        {
            Create = (target, index) =>
            {
                var request = kind.Create(target, index);
                ingested[index] = request.Headers.GetValues("Idempotency-Key").Single();
                return request;
            },
        }),
    ]);
}

/// <summary>What one edge's clients saw during a drill.</summary>
internal sealed record DrillOutcome(string Edge, int Sent, IReadOnlyList<LoadSample> Failures, double P99Milliseconds, double MaxMilliseconds, IReadOnlySet<string> AcknowledgedDocuments)
{
    /// <param name="startedAt">Where the load's clock started on the drill's: added to the failures' times.</param>
    public static DrillOutcome Of(string edge, OpenLoopLoad load, ConcurrentDictionary<long, string> ingested, TimeSpan startedAt)
    {
        var samples = load.Samples;
        var latencies = samples.Select(s => s.Latency.TotalMilliseconds).Order().ToList();
        var interval = TimeSpan.FromSeconds(1 / load.Plan.RequestsPerSecond).Ticks;
        var acknowledged = samples
            .Where(s => s.Kind == MixedLoad.Ingest && s.Succeeded && ingested.ContainsKey(s.Intended.Ticks / interval))
            .Select(s => ingested[s.Intended.Ticks / interval])
            .ToHashSet(StringComparer.Ordinal);
        return new DrillOutcome(
            edge,
            load.Sent,
            [.. samples.Where(s => !s.Succeeded).Select(s => s with { Intended = s.Intended + startedAt })],
            latencies.Count == 0 ? 0 : latencies[Math.Max(0, (int)Math.Ceiling(latencies.Count * 0.99) - 1)],
            latencies.Count == 0 ? 0 : latencies[^1],
            acknowledged);
    }

    /// <summary>One line for the report: sent, failed, p99 and max, and why requests failed.</summary>
    public string Describe(string drill) => string.Create(CultureInfo.InvariantCulture,
        $"{drill,-28} {Edge,-8} sent {Sent,5}  failed {Failures.Count,3}  p99 {P99Milliseconds,8:0.0} ms  max {MaxMilliseconds,8:0.0} ms{Reasons}");

    private string Reasons => Failures.Count == 0 ? "" : "  (" + string.Join(", ", Failures
        .GroupBy(f => f.Error ?? f.Status.ToString(CultureInfo.InvariantCulture))
        .Select(g => $"{g.Key} x{g.Count()}")) + ")";
}
