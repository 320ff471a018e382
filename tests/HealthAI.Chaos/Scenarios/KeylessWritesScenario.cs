using HealthAI.Chaos.Workload;

namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// The kill-primary drill with writes that carry no idempotency key (what the question page sent before,
/// and what a plain API client sends): asks and ingests in flight on the killed replica must be replayed
/// by the edge, because their routes are safe to repeat. No edge reload: the edges find the replica again
/// by themselves once it is back.
/// </summary>
internal sealed class KeylessWritesScenario : KillPrimaryScenario
{
    public override string Name => "keyless-writes";

    public override string Description => $"keyless POST /api/ask and POST /api/documents; SIGKILL {Victim}, start it again (no reload); no request may fail";

    protected override DrillLoad? CreateLoad() => KeylessLoad.Load;
}
