using HealthAI.Testing;
using HealthAI.Testing.Load;

namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// Every replica, the backup included, stops under load and is started again: nothing can serve in
/// between, so those requests are reported apart. What counts is the way back: once a replica is ready
/// again, the edge must serve within about a second (nginx must not keep every upstream failed for a
/// long fail_timeout, HAProxy must not wait for slow rise checks), with no edge reload.
/// </summary>
internal sealed class AllReplicasDownScenario : EdgeFaultScenario
{
    // "About a second" after a replica is ready, with room for a loaded machine's scheduling.
    private static readonly TimeSpan Allowance = TimeSpan.FromSeconds(1.5);

    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(3);

    public override string Name => "all-replicas-down";

    public override string Description => "stop all four replicas under load, start them again (no edge reload); once one is ready the edge serves within about 1 s";

    protected override async Task<FaultOutcome> InjectAsync(FaultRun run, CancellationToken cancellationToken)
    {
        await run.AtAsync(0.2, cancellationToken);
        var stoppedAt = run.Mark("stop every replica");
        await run.System.StopAsync(HealthAITopology.Replicas, cancellationToken);
        run.Mark("every replica exited");

        await run.AtAsync(0.45, cancellationToken);
        run.Mark("start every replica");
        var ready = await Task.WhenAll(HealthAITopology.Replicas.Select(async replica =>
        {
            await run.System.StartAsync([replica], cancellationToken);
            return run.Load.Elapsed;
        }));
        var firstReady = run.Mark("first replica ready", ready.Min());
        run.Mark("every replica ready", ready.Max());
        // Load on the whole system again for a while: the way back is what this drill is about.
        await Task.Delay(Settled, cancellationToken);

        // Everything due from the stop until a replica could answer again has nowhere to go; a failure in the
        // first moments after that is what this drill measures: allowed within the allowance, and counted.
        bool Outage(LoadSample sample) => sample.Intended >= stoppedAt && sample.Intended < firstReady;
        bool WithinAllowance(LoadSample sample) => !sample.Succeeded && sample.Intended >= firstReady && sample.Intended < firstReady + Allowance;
        return new FaultOutcome
        {
            ExcludeFromGoal = sample => Outage(sample) || WithinAllowance(sample),
            FiguresFromSamples = samples =>
            {
                var afterReady = samples.Where(sample => !sample.Succeeded && sample.Intended >= firstReady).ToList();
                return new Dictionary<string, double>
                {
                    ["outage requests"] = samples.Count(Outage),
                    ["failures after first replica ready"] = afterReady.Count,
                    ["last failure s after first replica ready"] = afterReady.Count == 0 ? 0 : (afterReady.Max(sample => sample.Intended) - firstReady).TotalSeconds,
                };
            },
        };
    }
}
