using HealthAI.Chaos.Analysis;
using HealthAI.Chaos.Workload;
using HealthAI.Testing;
using HealthAI.Testing.Load;

namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// The shape of most drills: for each edge, from a whole system, steady open-loop load through the edge
/// while <see cref="InjectAsync"/> does its damage; the load runs its planned duration, or until the
/// damage has played out (restarts included) plus a tail. A new drill is one subclass with one method.
/// </summary>
internal abstract class EdgeFaultScenario : IChaosScenario
{
    private static readonly TimeSpan Backstop = TimeSpan.FromMinutes(2);

    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>Milliseconds each request is held in the replica, so some are in flight when a fault hits.</summary>
    protected virtual int HoldMilliseconds => 0;

    /// <summary>What the main load of one run sends and checks; null keeps the harness's chosen load (<c>--load</c>).</summary>
    protected virtual DrillLoad? CreateLoad() => null;

    /// <summary>Does the damage during the load, marking what it did; returns what the run adds to its result.</summary>
    protected abstract Task<FaultOutcome> InjectAsync(FaultRun run, CancellationToken cancellationToken);

    public async Task<IReadOnlyList<RunResult>> RunAsync(ChaosContext context, CancellationToken cancellationToken)
    {
        var results = new List<RunResult>();
        foreach (var edge in HealthAITopology.Edges)
        {
            // Every run starts from a whole system with fresh edge state.
            await context.System.RestoreAsync(cancellationToken);
            // The load's own bound is only a backstop: it is stopped once the faults have played out.
            var nominal = context.Options.Duration;
            var plan = context.Plan(context.EdgeUrl(edge), nominal + Backstop) with { HoldMilliseconds = HoldMilliseconds };
            var drillLoad = CreateLoad();
            plan = drillLoad is null ? plan : plan with { Mix = drillLoad.Mix };
            ChaosContext.Log($"{Name} via {edge}: {plan.RequestsPerSecond:0} r/s from {plan.SourceAddresses.Count} clients");
            await using var load = OpenLoopLoad.Start(plan, context.System.EdgeCertificate);
            var run = new FaultRun(context, edge, load, nominal);
            var outcome = await InjectAsync(run, cancellationToken);

            // Keep going past the last fault, so the timeline shows the system settled again.
            var end = TimeSpan.FromTicks(Math.Max(nominal.Ticks, (load.Elapsed + context.Options.Tail).Ticks));
            if (end > load.Elapsed)
            {
                await Task.Delay(end - load.Elapsed, cancellationToken);
            }

            await load.StopAsync();

            var samples = load.Samples;
            IReadOnlyList<string> checkFailures = [];
            if (drillLoad?.CheckAsync is { } check)
            {
                // Checked on a whole system: the fault's victim is back, and the knowledge base is shared.
                await context.System.RestoreAsync(cancellationToken);
                checkFailures = await check(context.System, samples, cancellationToken);
            }

            var excluded = outcome.ExcludeFromGoal is { } exclude ? samples.Where(exclude).ToList() : [];
            var measured = excluded.Count == 0 ? samples : [.. samples.Except(excluded)];
            results.Add(new RunResult(Name, edge, plan, measured, run.Marks)
            {
                Recovery = outcome.Recovery,
                Figures = outcome.FiguresFromSamples is { } late
                    ? outcome.Figures.Concat(late(samples)).ToDictionary(figure => figure.Key, figure => figure.Value)
                    : outcome.Figures,
                Excluded = [.. outcome.Excluded, .. excluded],
                ExtraGoalFailures = [.. outcome.GoalFailures, .. checkFailures],
            });
        }

        await context.System.RestoreAsync(cancellationToken);
        return results;
    }
}

/// <summary>What a drill adds to its run's result beyond the requests.</summary>
internal sealed record FaultOutcome
{
    public static FaultOutcome None { get; } = new();

    public TimeSpan? Recovery { get; init; }

    public IReadOnlyDictionary<string, double> Figures { get; init; } = new Dictionary<string, double>();

    public IReadOnlyList<LoadSample> Excluded { get; init; } = [];

    public IReadOnlyList<string> GoalFailures { get; init; } = [];

    /// <summary>Figures that need every answer, including those still in flight when the fault was over: computed once the load has stopped.</summary>
    public Func<IReadOnlyList<LoadSample>, IReadOnlyDictionary<string, double>>? FiguresFromSamples { get; init; }

    /// <summary>Main-load requests that could not succeed by design (every replica down) and are reported apart.</summary>
    public Func<LoadSample, bool>? ExcludeFromGoal { get; init; }
}
