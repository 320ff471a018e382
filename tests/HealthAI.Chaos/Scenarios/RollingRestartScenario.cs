using HealthAI.Testing;

namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// A deploy: each primary in turn is stopped (SIGTERM: not-ready, drain, then stop) and started again,
/// the next only once the previous is ready. No edge reload: a rolling restart must cost nothing as is.
/// </summary>
internal sealed class RollingRestartScenario : EdgeFaultScenario
{
    public override string Name => "rolling-restart";

    public override string Description => "stop and start healthai-app-1, -2, -3 one after another (with drain), no edge reload";

    protected override async Task<FaultOutcome> InjectAsync(FaultRun run, CancellationToken cancellationToken)
    {
        await run.AtAsync(0.15, cancellationToken);
        var startedAt = run.Load.Elapsed;
        foreach (var primary in HealthAITopology.Primaries)
        {
            run.Mark($"stop {primary}");
            await run.System.StopAsync([primary], cancellationToken);
            run.Mark($"start {primary}");
            await run.System.StartAsync([primary], cancellationToken);
            run.Mark($"{primary} ready");
        }

        return new FaultOutcome
        {
            Figures = new Dictionary<string, double> { ["restart seconds"] = (run.Load.Elapsed - startedAt).TotalSeconds },
        };
    }
}
