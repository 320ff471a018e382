using HealthAI.Chaos.Analysis;
using HealthAI.Testing.Load;

namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// What an edge costs: the same offered load straight to one replica over HTTP, then through nginx and
/// HAProxy over HTTPS, each after a short unrecorded warm-up (JIT, TLS sessions, connection pools).
/// </summary>
internal sealed class OverheadScenario : IChaosScenario
{
    private const string Direct = "healthai-app-1";

    public string Name => "overhead";

    public string Description => $"same load direct to {Direct} (http), via nginx (https), via HAProxy (https); ratios edge/direct";

    public async Task<IReadOnlyList<RunResult>> RunAsync(ChaosContext context, CancellationToken cancellationToken)
    {
        await context.System.RestoreAsync(cancellationToken);
        (string Name, Uri Url)[] targets =
        [
            ($"direct {Direct}", context.System.Endpoint(Direct, "http")),
            ("nginx", context.EdgeUrl("nginx")),
            ("haproxy", context.EdgeUrl("haproxy")),
        ];

        var results = new List<RunResult>();
        foreach (var (name, url) in targets)
        {
            var warmUp = TimeSpan.FromSeconds(context.Options.Quick ? 0.5 : 2);
            await using (var warm = OpenLoopLoad.Start(context.Plan(url, warmUp), context.System.EdgeCertificate))
            {
                await warm.Completion;
            }

            var plan = context.Plan(url);
            ChaosContext.Log($"{Name} {name}: {plan.RequestsPerSecond:0} r/s from {plan.SourceAddresses.Count} clients for {plan.Duration.TotalSeconds:0} s");
            await using var load = OpenLoopLoad.Start(plan, context.System.EdgeCertificate);
            await load.Completion;
            results.Add(new RunResult(Name, name, plan, load.Samples, []));
        }

        var direct = results[0].Summary;
        return
        [
            results[0],
            .. results.Skip(1).Select(edge => edge with
            {
                Figures = new Dictionary<string, double>
                {
                    ["p50 ratio to direct"] = Ratio(edge.Summary.P50Ms, direct.P50Ms),
                    ["p99 ratio to direct"] = Ratio(edge.Summary.P99Ms, direct.P99Ms),
                    ["max ratio to direct"] = Ratio(edge.Summary.MaxMs, direct.MaxMs),
                },
            }),
        ];
    }

    private static double Ratio(double edge, double direct) => direct > 0 ? edge / direct : double.NaN;
}
