using HealthAI.Chaos.Faults;

namespace HealthAI.Chaos.Scenarios;

/// <summary>A primary frozen by SIGSTOP for the middle 60 % of the run (12 s in a full run), then SIGCONT.</summary>
internal class FrozenReplicaScenario : HangingReplicaScenario
{
    public override string Name => "frozen-replica";

    public override string Description => $"SIGSTOP {Victim} from 20 % to 80 % of the run, then SIGCONT; no request may fail; detection and the wait of requests caught on it";

    protected override string Fault => "SIGSTOP";

    protected override Task<IAsyncDisposable> HangAsync(FaultRun run, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(ProcessFreeze.Start(run.System.ProcessId(Victim)));
}
