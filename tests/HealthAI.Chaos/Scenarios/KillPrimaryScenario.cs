using HealthAI.Hosting;

namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// A primary dies without warning (SIGKILL, no drain) while requests are in flight on it; it is started
/// again, as an orchestrator would. No edge reload: the edges find it again by themselves (nginx within
/// its 1 s fail_timeout, HAProxy within its rise checks).
/// </summary>
internal class KillPrimaryScenario : EdgeFaultScenario
{
    protected const string Victim = "healthai-app-2";

    public override string Name => "kill-primary";

    public override string Description => $"SIGKILL {Victim} under load, start it again (no edge reload); recovery = kill until it serves through the edge again";

    /// <summary>The signal the victim gets: SIGKILL, no drain.</summary>
    protected virtual int Signal => 9;

    /// <summary>How the signal reads in the marks.</summary>
    protected virtual string SignalName => "SIGKILL";

    // Held long enough that a few requests are in flight on the victim when it dies (about rate x hold / 3).
    protected override int HoldMilliseconds => 50;

    protected override async Task<FaultOutcome> InjectAsync(FaultRun run, CancellationToken cancellationToken)
    {
        await run.AtAsync(0.25, cancellationToken);
        ProcessSignals.Send(run.System.ProcessId(Victim), Signal);
        var killedAt = run.Mark($"{SignalName} {Victim}");
        await run.System.WaitForExitAsync(Victim, cancellationToken);

        await run.AtAsync(0.45, cancellationToken);
        // Served after its start: a SIGTERMed replica still serves while it drains.
        var startedAt = run.Mark($"start {Victim}");
        await run.System.StartAsync([Victim], cancellationToken);
        var readyAt = run.Mark($"{Victim} ready");

        var servedAt = await run.WaitUntilServedByAsync(Victim, startedAt, TimeSpan.FromSeconds(20), cancellationToken);
        if (servedAt is null)
        {
            return new FaultOutcome { GoalFailures = [$"{Victim} did not serve through {run.Edge} within 20 s of its restart"] };
        }

        run.Mark($"{Victim} serves again", servedAt.Value);
        return new FaultOutcome
        {
            Recovery = servedAt - killedAt,
            Figures = new Dictionary<string, double> { ["ready to serving s"] = (servedAt.Value - readyAt).TotalSeconds },
        };
    }
}
