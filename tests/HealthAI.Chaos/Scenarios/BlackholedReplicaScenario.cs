using HealthAI.Chaos.Faults;

namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// A primary whose network path is cut: an nftables rule drops every packet to and from its port (no RST)
/// for the middle 60 % of the run. New connections hang in SYN, open ones stall.
/// </summary>
internal class BlackholedReplicaScenario : HangingReplicaScenario
{
    public override string Name => "blackholed-replica";

    public override string Description => $"drop every packet to and from {Victim}'s port (nft) from 20 % to 80 % of the run; no request may fail; detection and the wait of requests caught on it";

    protected override string Fault => "drop packets of";

    protected override async Task<IAsyncDisposable> HangAsync(FaultRun run, CancellationToken cancellationToken) =>
        await LoopbackBlackhole.StartAsync(run.System.Endpoint(Victim, "http").Port, cancellationToken);
}
