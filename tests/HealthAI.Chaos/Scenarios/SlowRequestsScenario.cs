using HealthAI.Testing.Load;

namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// Slow requests beside fast ones: a second stream, held a second each in whichever replica gets it
/// (<c>X-HealthAI-Fault-Delay-Ms</c> slows a request, not a replica). Least-connections balancing should
/// steer fast requests away from replicas busy with slow ones; nothing may fail.
/// </summary>
internal sealed class SlowRequestsScenario : EdgeFaultScenario
{
    private const int SlowHoldMilliseconds = 1000;

    public override string Name => "slow-requests";

    public override string Description => $"for the middle half, 10 r/s more held {SlowHoldMilliseconds} ms each in the replica; no request may fail";

    protected override async Task<FaultOutcome> InjectAsync(FaultRun run, CancellationToken cancellationToken)
    {
        await run.AtAsync(0.25, cancellationToken);
        var slow = new LoadPlan(run.Load.Plan.Target, 10, run.NominalDuration * 0.5, run.Context.FreshAddresses(4)) { HoldMilliseconds = SlowHoldMilliseconds };
        run.Mark($"slow stream: {slow.RequestsPerSecond:0} r/s held {SlowHoldMilliseconds} ms");
        IReadOnlyList<LoadSample> held;
        await using (var load = OpenLoopLoad.Start(slow, run.System.EdgeCertificate))
        {
            await load.Completion;
            held = load.Samples;
        }

        run.Mark("slow stream over");
        var failed = held.Count(sample => !sample.Succeeded);
        return new FaultOutcome
        {
            Excluded = held,
            Figures = new Dictionary<string, double>
            {
                ["slow p50 ms"] = held.Count == 0 ? 0 : held.Select(sample => sample.Latency.TotalMilliseconds).Order().ElementAt(held.Count / 2),
            },
            GoalFailures = failed > 0 ? [$"{failed} slow requests failed"] : [],
        };
    }
}
