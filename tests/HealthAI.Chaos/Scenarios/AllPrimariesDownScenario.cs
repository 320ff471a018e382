using HealthAI.Testing;

namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// Every primary stops (gracefully, with drain) under load: the backup must take over with no failed
/// request, and hand back once the primaries are started again, without an edge reload.
/// </summary>
internal sealed class AllPrimariesDownScenario : EdgeFaultScenario
{
    public override string Name => "all-primaries-down";

    public override string Description => "stop healthai-app-1..3 under load, the backup serves; start them (no edge reload); recovery = start until a primary serves";

    protected override async Task<FaultOutcome> InjectAsync(FaultRun run, CancellationToken cancellationToken)
    {
        await run.AtAsync(0.2, cancellationToken);
        var stoppedAt = run.Mark("stop all primaries");
        await run.System.StopAsync(HealthAITopology.Primaries, cancellationToken);
        run.Mark("primaries exited");

        await run.AtAsync(0.55, cancellationToken);
        var restartedAt = run.Mark("start all primaries");
        await run.System.StartAsync(HealthAITopology.Primaries, cancellationToken);
        // No edge reload: the edges must find the primaries again by themselves, within about a second.
        run.Mark("primaries ready");

        var backupServed = run.FirstServedBy(HealthAITopology.Backup, stoppedAt);
        var back = await WaitUntilPrimaryServesAsync(run, restartedAt, cancellationToken);
        var samples = run.Load.Samples;
        var figures = new Dictionary<string, double>
        {
            ["backup share"] = samples.Count == 0 ? 0 : (double)samples.Count(s => s.Instance == HealthAITopology.Backup) / samples.Count,
        };
        if (back is { } primaryAt)
        {
            run.Mark("primaries serve again", primaryAt);
        }

        return new FaultOutcome
        {
            Figures = figures,
            Recovery = back - restartedAt,
            GoalFailures =
            [
                .. backupServed is null ? ["the backup never served while the primaries were down"] : Array.Empty<string>(),
                .. back is null ? ["no primary served through the edge within 20 s of their restart"] : Array.Empty<string>(),
            ],
        };
    }

    private static async Task<TimeSpan?> WaitUntilPrimaryServesAsync(FaultRun run, TimeSpan since, CancellationToken cancellationToken)
    {
        var served = await Task.WhenAll(HealthAITopology.Primaries.Select(primary => run.WaitUntilServedByAsync(primary, since, TimeSpan.FromSeconds(20), cancellationToken)));
        return served.Where(at => at is not null).Min();
    }
}
