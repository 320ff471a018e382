namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// A primary is told to stop (SIGTERM, as an orchestrator's stop or a node drain does) under load: it turns
/// not-ready, drains and exits; it is started again. No request may fail.
/// </summary>
internal class TerminatePrimaryScenario : KillPrimaryScenario
{
    public override string Name => "terminate-primary";

    public override string Description => $"SIGTERM {Victim} under load (it drains, then exits), start it again (no edge reload); recovery = signal until it serves through the edge again";

    protected override int Signal => 15;

    protected override string SignalName => "SIGTERM";
}
