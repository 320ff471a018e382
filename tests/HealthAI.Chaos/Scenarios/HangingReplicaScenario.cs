using HealthAI.Chaos.Faults;
using HealthAI.Testing.Load;

namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// A primary that stops answering without closing anything (frozen, or its packets dropped): nothing is
/// refused, requests just wait. No request may fail; the figures say how fast the edge noticed and how long
/// the requests caught on the replica waited. nginx OSS has no active checks and no hedging: it learns only
/// when a request times out on the route's read timeout, and then tries one real request a second
/// (<c>fail_timeout</c>) until the replica answers again. HAProxy's probes see it within about 2 s.
/// </summary>
internal abstract class HangingReplicaScenario : EdgeFaultScenario
{
    protected const string Victim = "healthai-app-2";

    // Far above a healthy request (p99 tens of ms), below the shortest read timeout (2 s): a request this slow
    // was caught on the hanging replica.
    private static readonly TimeSpan Slowed = TimeSpan.FromMilliseconds(750);

    // Held a little in the replica, so that some requests are in flight on it when it hangs.
    protected override int HoldMilliseconds => 20;

    /// <summary>What is done to the replica, for the marks (e.g. <c>SIGSTOP</c>).</summary>
    protected abstract string Fault { get; }

    /// <summary>Makes the replica hang; disposing the result ends it.</summary>
    protected abstract Task<IAsyncDisposable> HangAsync(FaultRun run, CancellationToken cancellationToken);

    protected override async Task<FaultOutcome> InjectAsync(FaultRun run, CancellationToken cancellationToken)
    {
        await run.AtAsync(0.2, cancellationToken);
        await using var watch = run.Edge == "haproxy" ? HaproxyServerWatch.Start(run.System, Victim, () => run.Load.Elapsed) : null;
        TimeSpan from;
        TimeSpan until;
        var hang = await HangAsync(run, cancellationToken);
        try
        {
            from = run.Mark($"{Fault} {Victim}");
            await run.AtAsync(0.8, cancellationToken);
        }
        finally
        {
            await hang.DisposeAsync();
            until = run.Mark($"{Victim} answers again");
        }

        var haproxyDown = watch?.FirstDown;
        if (haproxyDown is { } down)
        {
            run.Mark($"haproxy marks {Victim} down", down);
        }

        var servedAt = await run.WaitUntilServedByAsync(Victim, until, TimeSpan.FromSeconds(20), cancellationToken);
        if (servedAt is { } served)
        {
            run.Mark($"{Victim} serves again", served);
        }

        return new FaultOutcome
        {
            Recovery = servedAt - until,
            GoalFailures = servedAt is null ? [$"{Victim} did not serve through {run.Edge} within 20 s of answering again"] : [],
            FiguresFromSamples = samples => Figures(samples, from, until, haproxyDown),
        };
    }

    private static Dictionary<string, double> Figures(IReadOnlyList<LoadSample> samples, TimeSpan from, TimeSpan until, TimeSpan? haproxyDown)
    {
        // Requests due from a little before the fault (in flight when it hit) until it ended.
        var slowed = samples
            .Where(sample => sample.Intended >= from - TimeSpan.FromSeconds(1) && sample.Intended < until && sample.Latency >= Slowed)
            .OrderBy(sample => sample.Completed)
            .ToList();
        // nginx has no state to ask: it marks the replica failed when the first request on it times out,
        // which is when that request is replayed and completes elsewhere.
        var detection = haproxyDown ?? (slowed.Count > 0 ? slowed[0].Completed : (TimeSpan?)null);
        var figures = new Dictionary<string, double>
        {
            ["fault s"] = (until - from).TotalSeconds,
            ["detection s"] = detection is { } at ? (at - from).TotalSeconds : 0,
            ["slowed requests (>= 0.75 s)"] = slowed.Count,
            ["slowed max ms"] = slowed.Count == 0 ? 0 : slowed.Max(sample => sample.Latency.TotalMilliseconds),
            // nginx's one real request a second into the failed replica (fail_timeout), each waiting its read timeout.
            ["slowed after detection"] = detection is { } detected ? slowed.Count(sample => sample.Intended > detected) : 0,
        };
        foreach (var kind in slowed.GroupBy(sample => sample.Kind).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            figures[$"slowed {kind.Key} max ms"] = kind.Max(sample => sample.Latency.TotalMilliseconds);
        }

        return figures;
    }
}
