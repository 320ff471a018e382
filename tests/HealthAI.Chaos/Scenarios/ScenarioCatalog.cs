namespace HealthAI.Chaos.Scenarios;

/// <summary>Every scenario the harness knows, in the order a full run plays them.</summary>
internal static class ScenarioCatalog
{
    public static IReadOnlyList<IChaosScenario> All { get; } =
    [
        // First: it reports on the start of the system, which every run begins with.
        new StartupScenario(),
        new OverheadScenario(),
        new ThroughputScenario(),
        new KillPrimaryScenario(),
        new KeylessWritesScenario(),
        new TerminatePrimaryScenario(),
        new KeyedWritesKillScenario(),
        new KeyedWritesTerminateScenario(),
        new AllPrimariesDownScenario(),
        new AllReplicasDownScenario(),
        new RollingRestartScenario(),
        new RateLimitStormScenario(),
        new EdgeReloadScenario(),
        new SlowRequestsScenario(),
        new SlowReplicaScenario(),
        new ReadinessFailsScenario(),
        new FrozenReplicaScenario(),
        new BlackholedReplicaScenario(),
        new KeyedWritesFreezeScenario(),
        new KeyedWritesBlackholeScenario(),
        new LargeBodiesScenario(),
        new AskLatencyScenario(),
    ];

    /// <summary>What <c>--quick</c> runs when no scenario is named: the headline drills, sized for CI.</summary>
    public static IReadOnlyList<string> QuickDefault { get; } = ["startup", "overhead", "kill-primary", "keyless-writes", "frozen-replica"];

    public static IReadOnlyList<IChaosScenario> Select(ChaosOptions options)
    {
        var names = options.Scenarios.Count > 0 ? options.Scenarios : options.Quick ? QuickDefault : [.. All.Select(s => s.Name)];
        return
        [
            // The command line accepts only the catalogue's names.
            .. names.Select(name => All.Single(scenario => scenario.Name == name)),
        ];
    }
}
