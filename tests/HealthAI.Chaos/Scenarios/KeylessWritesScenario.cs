using System.Diagnostics;
using HealthAI.Chaos.Workload;
using HealthAI.Testing.Load;

namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// The kill-primary drill with writes that carry no idempotency key (what the question page sent before,
/// and what a plain API client sends): asks and ingests in flight on the killed replica must be replayed
/// by the edge, because their routes are safe to repeat. No edge reload: the edges find the replica again
/// by themselves once it is back.
/// </summary>
internal sealed class KeylessWritesScenario : EdgeFaultScenario
{
    private const string Victim = "healthai-app-2";

    public override string Name => "keyless-writes";

    public override string Description => $"keyless POST /api/ask and POST /api/documents; SIGKILL {Victim}, start it again (no reload); no request may fail";

    protected override int HoldMilliseconds => 50;

    protected override LoadMix? Mix => KeylessLoad.Mix;

    protected override async Task<FaultOutcome> InjectAsync(FaultRun run, CancellationToken cancellationToken)
    {
        await run.AtAsync(0.25, cancellationToken);
        using (var victim = Process.GetProcessById(run.System.ProcessId(Victim)))
        {
            victim.Kill();
        }

        var killedAt = run.Mark($"SIGKILL {Victim}");
        await run.System.WaitForExitAsync(Victim, cancellationToken);

        await run.AtAsync(0.45, cancellationToken);
        run.Mark($"start {Victim}");
        await run.System.StartAsync([Victim], cancellationToken);
        var readyAt = run.Mark($"{Victim} ready");

        var servedAt = await run.WaitUntilServedByAsync(Victim, killedAt, TimeSpan.FromSeconds(20), cancellationToken);
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
