namespace HealthAI.Chaos.Scenarios;

/// <summary>Every scenario the harness knows, in the order a full run plays them.</summary>
internal static class ScenarioCatalog
{
    public static IReadOnlyList<IChaosScenario> All { get; } =
    [
        new OverheadScenario(),
        new KillPrimaryScenario(),
        new AllPrimariesDownScenario(),
        new RollingRestartScenario(),
        new RateLimitStormScenario(),
        new EdgeReloadScenario(),
        new SlowRequestsScenario(),
        new SlowReplicaScenario(),
        new ReadinessFailsScenario(),
    ];

    /// <summary>What <c>--quick</c> runs when no scenario is named: the two headline drills fit in CI's 90 s.</summary>
    public static IReadOnlyList<string> QuickDefault { get; } = ["overhead", "kill-primary"];

    public static IReadOnlyList<IChaosScenario> Select(ChaosOptions options)
    {
        var names = options.Scenarios.Count > 0 ? options.Scenarios : options.Quick ? QuickDefault : [.. All.Select(s => s.Name)];
        return
        [
            .. names.Select(name => All.SingleOrDefault(scenario => scenario.Name == name)
                ?? throw new ArgumentException($"Unknown scenario {name}; known: {string.Join(", ", All.Select(s => s.Name))}.")),
        ];
    }
}
