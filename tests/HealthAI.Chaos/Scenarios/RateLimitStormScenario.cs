using HealthAI.Testing.Load;

namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// One client floods the edge far above its per-address limit while the others carry on: the flood must
/// be answered 429, and nobody else may notice.
/// </summary>
internal sealed class RateLimitStormScenario : EdgeFaultScenario
{
    public override string Name => "rate-limit-storm";

    public override string Description => "one address sends 10x its limit for the middle half; it gets 429s, every other client none";

    protected override async Task<FaultOutcome> InjectAsync(FaultRun run, CancellationToken cancellationToken)
    {
        await run.AtAsync(0.25, cancellationToken);
        // Ten times the edges' 10 r/s per address: well past the burst of 20 within the first second.
        var storm = new LoadPlan(run.Load.Plan.Target, 100, run.NominalDuration * 0.5, run.Context.FreshAddresses(1));
        run.Mark($"storm from {storm.SourceAddresses[0]} at {storm.RequestsPerSecond:0} r/s");
        IReadOnlyList<LoadSample> flood;
        await using (var load = OpenLoopLoad.Start(storm, run.System.EdgeCertificate))
        {
            await load.Completion;
            flood = load.Samples;
        }

        run.Mark("storm over");
        var limited = flood.Count(sample => sample.Status == 429);
        return new FaultOutcome
        {
            Excluded = flood,
            GoalFailures = limited == 0 ? ["the storming client was never rate-limited"] : [],
        };
    }
}
