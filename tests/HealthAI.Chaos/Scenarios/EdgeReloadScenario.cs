namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// Configuration reloads under load (nginx: SIGHUP, new workers; HAProxy: master reload): connections
/// to old workers must finish, not break.
/// </summary>
internal sealed class EdgeReloadScenario : EdgeFaultScenario
{
    private static readonly double[] ReloadsAt = [0.25, 0.45, 0.65];

    public override string Name => "edge-reload";

    public override string Description => "reload the edge three times under load";

    protected override async Task<FaultOutcome> InjectAsync(FaultRun run, CancellationToken cancellationToken)
    {
        foreach (var at in ReloadsAt)
        {
            await run.AtAsync(at, cancellationToken);
            run.Mark($"reload {run.Edge}");
            await run.System.ReloadEdgeAsync(run.Edge, cancellationToken);
        }

        return FaultOutcome.None;
    }
}
