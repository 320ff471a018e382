namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// One replica reports not-ready while it goes on serving (a dependency it checks is down, say).
/// HAProxy probes <c>/readyz</c> and should stop sending to it within about two seconds; nginx OSS checks
/// passively only, so it keeps sending and the replica keeps answering. Both are reported, neither is a
/// failure: the goal is that no client request fails.
/// </summary>
internal sealed class ReadinessFailsScenario : EdgeFaultScenario
{
    private const string Victim = "healthai-app-2";

    public override string Name => "readiness-fails";

    public override string Description => $"for the middle half, {Victim}'s /readyz fails while it serves (PUT /faults); no request may fail; how much it served meanwhile";

    protected override async Task<FaultOutcome> InjectAsync(FaultRun run, CancellationToken cancellationToken)
    {
        await run.AtAsync(0.25, cancellationToken);
        await ReplicaFaultSwitch.SetAsync(run.System, Victim, latencyMs: 0, readinessFails: true, cancellationToken);
        var failFrom = run.Mark($"{Victim} not ready");
        TimeSpan failUntil;
        try
        {
            await run.AtAsync(0.75, cancellationToken);
        }
        finally
        {
            await ReplicaFaultSwitch.ClearAsync(run.System, Victim);
            failUntil = run.Mark($"{Victim} ready again");
        }

        var served = run.SamplesDueBetween(failFrom, failUntil).Where(sample => sample.Succeeded && sample.Instance == Victim).ToList();
        return new FaultOutcome
        {
            Figures = new Dictionary<string, double>
            {
                ["fault s"] = (failUntil - failFrom).TotalSeconds,
                [$"{Victim} served during fault"] = served.Count,
                // How long the edge kept sending after readiness failed: HAProxy's probes should make it about 2 s.
                [$"{Victim} last served s into fault"] = served.Count == 0 ? 0 : (served.Max(sample => sample.Intended) - failFrom).TotalSeconds,
            },
        };
    }
}
