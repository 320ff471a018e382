using System.Globalization;
using System.Text;
using HealthAI.Chaos.Analysis;

namespace HealthAI.Chaos.Reporting;

/// <summary>The results as the Markdown table <c>docs/benchmarks/</c> keeps, so that no README retypes a figure.</summary>
internal static class MarkdownReport
{
    public static async Task<string> WriteAsync(string path, ChaosOptions options, IReadOnlyList<RunResult> results, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(path, Render(options, results, DateTimeOffset.UtcNow), cancellationToken);
        return path;
    }

    public static string Render(ChaosOptions options, IReadOnlyList<RunResult> results, DateTimeOffset when)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            # Resilience figures

            <!-- Written by `./healthai bench` (tests/HealthAI.Chaos/Reporting/MarkdownReport.cs); do not edit. -->

            The latest full run of the load and failure harness, {when:yyyy-MM-dd HH:mm} UTC, on {Environment.ProcessorCount} cores:
            {Number(options.Rate, "0")} requests/s from {options.Clients} loopback clients, {Number(options.Duration.TotalSeconds, "0")} s per run,
            load `{options.Load}`, knowledge base {(options.PostgreSql ? "PostgreSQL" : "SQLite")}. The latency chart is
            [latency.svg](latency.svg); what each scenario does is in [tests/HealthAI.Chaos/README.md](../../../tests/HealthAI.Chaos/README.md).

            | scenario | target | sent | failed | p50 ms | p99 ms | max ms | recovery s | goal |
            | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |

            """);
        foreach (var result in results)
        {
            var recovery = result.Recovery is { } r ? Number(r.TotalSeconds, "0.00") : "-";
            text.Append(CultureInfo.InvariantCulture,
                $"| {result.Scenario} | {result.Target} | {result.Summary.Sent} | {result.Summary.Failed} | {Number(result.Summary.P50Ms, "0.00")} | {Number(result.Summary.P99Ms, "0.00")} | {Number(result.Summary.MaxMs, "0.0")} | {recovery} | {(result.Passed ? "PASS" : "FAIL")} |\n");
        }

        var notes = results.Where(result => result.Figures.Count > 0 || result.GoalFailures.Count > 0).ToList();
        if (notes.Count > 0)
        {
            text.Append("\n## Figures per run\n\n");
            foreach (var result in notes)
            {
                var figures = result.Figures.Select(figure => $"{figure.Key} {Number(figure.Value, "0.00")}").Concat(result.GoalFailures);
                text.Append(CultureInfo.InvariantCulture, $"- {result.Scenario} / {result.Target}: {string.Join("; ", figures)}\n");
            }
        }

        return text.ToString();
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
