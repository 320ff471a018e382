using HealthAI.Chaos.Analysis;

namespace HealthAI.Chaos.Scenarios;

/// <summary>One drill the harness can run by name; it returns a result per target it measured.</summary>
internal interface IChaosScenario
{
    /// <summary>The command-line name, e.g. <c>kill-primary</c>.</summary>
    string Name { get; }

    string Description { get; }

    Task<IReadOnlyList<RunResult>> RunAsync(ChaosContext context, CancellationToken cancellationToken);
}
