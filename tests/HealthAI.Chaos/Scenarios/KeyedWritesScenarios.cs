using HealthAI.Chaos.Workload;

namespace HealthAI.Chaos.Scenarios;

// The four replica faults under a load that is half keyed writes of new documents (KeyedWritesLoad): no
// request may fail, and every acknowledged document must be stored afterwards.

/// <summary><c>kill-primary</c> with keyed writes.</summary>
internal sealed class KeyedWritesKillScenario : KillPrimaryScenario
{
    public override string Name => "keyed-writes-kill";

    public override string Description => $"{base.Description}; half the load keyed writes of new documents, every acknowledged one stored";

    protected override DrillLoad? CreateLoad() => KeyedWritesLoad.Create();

    protected override int HoldMilliseconds => 0;
}

/// <summary><c>terminate-primary</c> with keyed writes.</summary>
internal sealed class KeyedWritesTerminateScenario : TerminatePrimaryScenario
{
    public override string Name => "keyed-writes-term";

    public override string Description => $"{base.Description}; half the load keyed writes of new documents, every acknowledged one stored";

    protected override DrillLoad? CreateLoad() => KeyedWritesLoad.Create();

    protected override int HoldMilliseconds => 0;
}

/// <summary><c>frozen-replica</c> with keyed writes.</summary>
internal sealed class KeyedWritesFreezeScenario : FrozenReplicaScenario
{
    public override string Name => "keyed-writes-freeze";

    public override string Description => $"{base.Description}; half the load keyed writes of new documents, every acknowledged one stored";

    protected override DrillLoad? CreateLoad() => KeyedWritesLoad.Create();

    protected override int HoldMilliseconds => 0;
}

/// <summary><c>blackholed-replica</c> with keyed writes.</summary>
internal sealed class KeyedWritesBlackholeScenario : BlackholedReplicaScenario
{
    public override string Name => "keyed-writes-blackhole";

    public override string Description => $"{base.Description}; half the load keyed writes of new documents, every acknowledged one stored";

    protected override DrillLoad? CreateLoad() => KeyedWritesLoad.Create();

    protected override int HoldMilliseconds => 0;
}
