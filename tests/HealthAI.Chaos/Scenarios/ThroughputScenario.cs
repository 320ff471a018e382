using HealthAI.Chaos.Analysis;
using HealthAI.Chaos.Throughput;
using HealthAI.Edge.Policy;
using HealthAI.ServiceDefaults;
using HealthAI.Testing;
using HealthAI.Testing.Load;

namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// What an edge costs at full load: wrk's requests per second on a replica's own <c>/healthz</c> (http), then on the
/// edges' <c>/health</c> (https), which they proxy to the same path. The targets take turns for several rounds so that
/// a slow moment of the machine falls on all of them, and each target's median round is reported.
/// </summary>
internal sealed class ThroughputScenario : IChaosScenario
{
    private const string Direct = "healthai-app-1";
    private const double Goal = 0.5;
    private const int Threads = 2;
    private const int Connections = 32;

    public string Name => "throughput";

    public string Description => $"wrk ({Threads} threads, {Connections} connections) on {Direct}'s {HealthEndpoints.Liveness} and on each edge's {EdgeRoutes.HealthPath}, in turns; goal: nginx >= {Goal:P0} of direct";

    public async Task<IReadOnlyList<RunResult>> RunAsync(ChaosContext context, CancellationToken cancellationToken)
    {
        await context.System.RestoreAsync(cancellationToken);
        var direct = $"direct {Direct}";
        (string Name, Uri Url)[] targets =
        [
            (direct, new Uri(context.System.Endpoint(Direct, "http"), HealthEndpoints.Liveness)),
            .. HealthAITopology.Edges.Select(edge => (edge, new Uri(context.EdgeUrl(edge), EdgeRoutes.HealthPath))),
        ];

        var rounds = context.Options.Quick ? 1 : 3;
        var duration = context.Options.Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(10);
        var measured = targets.ToDictionary(target => target.Name, _ => new List<WrkResult>());
        foreach (var (_, url) in targets)
        {
            // Unrecorded: JIT, connection pools and TLS sessions warm up before anything counts.
            await Wrk.RunAsync(url, Threads, Connections, TimeSpan.FromSeconds(2), cancellationToken);
        }

        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (name, url) in targets)
            {
                var result = await Wrk.RunAsync(url, Threads, Connections, duration, cancellationToken);
                ChaosContext.Log($"{Name} round {round} {name}: {result.RequestsPerSecond:0} r/s, {result.Failed} failed");
                measured[name].Add(result);
            }
        }

        var directRate = Median(measured[direct]).RequestsPerSecond;
        return
        [
            .. targets.Select(target =>
            {
                var median = Median(measured[target.Name]);
                var ratio = directRate > 0 ? median.RequestsPerSecond / directRate : double.NaN;
                var failures = measured[target.Name].Sum(result => result.Failed);
                List<string> misses = [.. failures > 0 ? [$"{failures} requests without a 2xx or 3xx, or with a socket error"] : Array.Empty<string>()];
                if (target.Name == "nginx" && !(ratio >= Goal))
                {
                    misses.Add($"nginx served {ratio:P0} of the direct rate; the goal is {Goal:P0}");
                }

                var plan = new LoadPlan(target.Url, median.RequestsPerSecond, duration, ["127.0.0.1"]);
                return new RunResult(Name, target.Name, plan, [], [])
                {
                    Figures = new Dictionary<string, double>
                    {
                        ["requests/s (median round)"] = median.RequestsPerSecond,
                        ["ratio to direct"] = ratio,
                        ["requests"] = measured[target.Name].Sum(result => result.Requests),
                    },
                    ExtraGoalFailures = misses,
                };
            }),
        ];
    }

    private static WrkResult Median(List<WrkResult> results) =>
        results.OrderBy(result => result.RequestsPerSecond).ElementAt(results.Count / 2);
}
