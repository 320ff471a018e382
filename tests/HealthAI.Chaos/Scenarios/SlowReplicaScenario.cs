using HealthAI.Chaos.Analysis;

namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// One replica turns slow as a whole (a noisy neighbour, a GC storm, a sick disk) but still passes its
/// health checks: nothing may fail, and least-connections balancing should keep the damage to the p99.
/// </summary>
internal sealed class SlowReplicaScenario : EdgeFaultScenario
{
    private const string Victim = "healthai-app-2";
    private const int LatencyMs = 300;

    public override string Name => "slow-replica";

    public override string Description => $"for the middle half, {Victim} adds {LatencyMs} ms to every request (PUT /faults); no request may fail; p99 during the fault";

    protected override async Task<FaultOutcome> InjectAsync(FaultRun run, CancellationToken cancellationToken)
    {
        await run.AtAsync(0.25, cancellationToken);
        await ReplicaFaultSwitch.SetAsync(run.System, Victim, LatencyMs, readinessFails: false, cancellationToken);
        var slowFrom = run.Mark($"{Victim} +{LatencyMs} ms");
        TimeSpan slowUntil;
        try
        {
            await run.AtAsync(0.75, cancellationToken);
        }
        finally
        {
            await ReplicaFaultSwitch.ClearAsync(run.System, Victim);
            slowUntil = run.Mark($"{Victim} latency cleared");
        }

        var before = run.SamplesDueBetween(TimeSpan.Zero, slowFrom);
        var during = run.SamplesDueBetween(slowFrom, slowUntil);
        return new FaultOutcome
        {
            Figures = new Dictionary<string, double>
            {
                ["p99 before fault ms"] = LatencySummary.From([.. before], slowFrom).P99Ms,
                ["p99 during fault ms"] = LatencySummary.From([.. during], slowUntil - slowFrom).P99Ms,
                [$"{Victim} share during fault"] = during.Count == 0 ? 0 : (double)during.Count(sample => sample.Instance == Victim) / during.Count,
            },
        };
    }
}
