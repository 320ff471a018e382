using HealthAI.Testing.Load;

namespace HealthAI.Chaos.Analysis;

/// <summary>One measured run: a scenario's load against one target, what it did, and what clients saw.</summary>
internal sealed record RunResult(string Scenario, string Target, LoadPlan Plan, IReadOnlyList<LoadSample> Samples, IReadOnlyList<FaultMark> Marks)
{
    /// <summary>Requests that are meant to fail (the rate-limit storm's abusive client): reported, never a goal failure.</summary>
    public IReadOnlyList<LoadSample> Excluded { get; init; } = [];

    /// <summary>From the fault until the harmed replica served through the edge again, when the scenario measures it.</summary>
    public TimeSpan? Recovery { get; init; }

    /// <summary>Scenario-specific figures (ratios, backup share, 429 counts).</summary>
    public IReadOnlyDictionary<string, double> Figures { get; init; } = new Dictionary<string, double>();

    /// <summary>Goals beyond "no request failed" that the scenario found broken.</summary>
    public IReadOnlyList<string> ExtraGoalFailures { get; init; } = [];

    /// <summary>Requests the client sent twice because the connection closed before an answer (see <see cref="LoadSample.Resent"/>).</summary>
    public int Resent => Samples.Count(sample => sample.Resent);

    /// <summary>From the first request's due time to the last one's answer.</summary>
    public TimeSpan Window => Samples.Count == 0 ? TimeSpan.Zero : Samples.Max(sample => sample.Completed) - Samples.Min(sample => sample.Intended);

    public LatencySummary Summary => field ??= LatencySummary.From([.. Samples], Window);

    /// <summary>The same figures per request kind of the mix (search, ask, ingest, root), by name.</summary>
    public IReadOnlyDictionary<string, LatencySummary> SummaryByKind => field ??= Samples
        .GroupBy(sample => sample.Kind)
        .OrderBy(group => group.Key, StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => LatencySummary.From([.. group], Window));

    public IReadOnlyList<string> GoalFailures =>
    [
        .. Summary.Failed > 0 ? [$"{Summary.Failed} failed requests ({FailureKinds})"] : Array.Empty<string>(),
        .. ExtraGoalFailures,
    ];

    public bool Passed => GoalFailures.Count == 0;

    private string FailureKinds => string.Join(", ", Samples
        .Where(sample => !sample.Succeeded)
        .GroupBy(sample => sample.Error ?? sample.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .Select(group => $"{group.Key} x{group.Count()}"));
}
