using System.Text;
using System.Text.Json;
using HealthAI.Chaos.Analysis;
using HealthAI.Chaos.Workload;
using HealthAI.Testing;
using HealthAI.Testing.Load;

namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// How fast questions are answered with the sample corpus and no model: 10 questions a second from 20 clients,
/// every question different, through nginx (the goal) and HAProxy (reported); no faults. Each edge's run follows
/// an unrecorded warm-up of other questions (the replicas' first answers embed sentences and run code for the
/// first time), as the overhead scenario's do.
/// </summary>
internal sealed class AskLatencyScenario : IChaosScenario
{
    private const double QuestionsPerSecond = 10;
    private const int Clients = 20;
    private static readonly TimeSpan P50Goal = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan P99Goal = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    public string Name => "ask-latency";

    public string Description => $"{QuestionsPerSecond:0} different questions a second from {Clients} clients on the sample corpus, no model; goal through nginx: p50 <= {P50Goal.TotalMilliseconds:0} ms, p99 <= {P99Goal.TotalSeconds:0} s, none failed";

    public async Task<IReadOnlyList<RunResult>> RunAsync(ChaosContext context, CancellationToken cancellationToken)
    {
        await context.System.RestoreAsync(cancellationToken);
        await SampleCorpus.LoadAsync(context.System, cancellationToken);
        var results = new List<RunResult>();
        var asked = 0L;
        foreach (var edge in HealthAITopology.Edges)
        {
            // Every request of the run, warm-up included, asks a question no earlier one asked.
            await using (var warm = OpenLoopLoad.Start(Plan(context, edge, WarmUp, ref asked), context.System.EdgeCertificate))
            {
                await warm.Completion;
            }

            var plan = Plan(context, edge, context.Options.Duration, ref asked);
            ChaosContext.Log($"{Name} via {edge}: {QuestionsPerSecond:0} questions/s from {Clients} clients, {plan.Duration.TotalSeconds:0} s");
            await using var load = OpenLoopLoad.Start(plan, context.System.EdgeCertificate);
            await load.Completion;
            var result = new RunResult(Name, edge, plan, load.Samples, []);
            results.Add(edge == "nginx" ? result with { ExtraGoalFailures = Misses(result.Summary) } : result);
        }

        return results;
    }

    private static LoadPlan Plan(ChaosContext context, string edge, TimeSpan duration, ref long asked)
    {
        var offset = asked;
        asked += (long)(QuestionsPerSecond * duration.TotalSeconds) + 1;
        if (asked > DistinctQuestions.Count)
        {
            throw new InvalidOperationException($"{DistinctQuestions.Count} different questions last {DistinctQuestions.Count / QuestionsPerSecond / HealthAITopology.Edges.Length:0} s of load per edge, warm-up included: shorten --duration.");
        }

        var mix = new LoadMix([new LoadRequestKind("ask", 1, (target, i) => Ask(target, DistinctQuestions.Get(offset + i)))]);
        return new LoadPlan(context.EdgeUrl(edge), QuestionsPerSecond, duration, context.FreshAddresses(Clients)) { Mix = mix };
    }

    private static string[] Misses(LatencySummary summary) =>
    [
        .. summary.P50Ms > P50Goal.TotalMilliseconds ? [$"p50 {summary.P50Ms:0} ms is above {P50Goal.TotalMilliseconds:0} ms"] : Array.Empty<string>(),
        .. summary.P99Ms > P99Goal.TotalMilliseconds ? [$"p99 {summary.P99Ms:0} ms is above {P99Goal.TotalMilliseconds:0} ms"] : Array.Empty<string>(),
    ];

    private static HttpRequestMessage Ask(Uri target, string question) => new(HttpMethod.Post, new Uri(target, "/api/ask"))
    {
        Content = new StringContent(JsonSerializer.Serialize(new { question }), Encoding.UTF8, "application/json"),
    };
}
