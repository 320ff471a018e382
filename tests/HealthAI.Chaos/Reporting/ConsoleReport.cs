using System.Globalization;
using HealthAI.Chaos.Analysis;

namespace HealthAI.Chaos.Reporting;

/// <summary>The results as a fixed-width table, then each run's figures and goal failures.</summary>
internal static class ConsoleReport
{
    public static void Write(IReadOnlyList<RunResult> results)
    {
        string[] header = ["scenario", "target", "offered r/s", "sent", "failed", "ok r/s", "p50 ms", "p99 ms", "max ms", "recovery s", "goal"];
        var rows = results.Select(result => new[]
        {
            result.Scenario,
            result.Target,
            Number(result.Plan.RequestsPerSecond, "0"),
            Number(result.Summary.Sent, "0"),
            Number(result.Summary.Failed, "0"),
            Number(result.Summary.ThroughputPerSecond, "0.0"),
            Number(result.Summary.P50Ms, "0.00"),
            Number(result.Summary.P99Ms, "0.00"),
            Number(result.Summary.MaxMs, "0.0"),
            result.Recovery is { } recovery ? Number(recovery.TotalSeconds, "0.00") : "-",
            result.Passed ? "PASS" : "FAIL",
        }).ToList();

        var widths = header.Select((title, column) => rows.Select(row => row[column].Length).Append(title.Length).Max()).ToArray();
        Console.WriteLine();
        Console.WriteLine(Line(header, widths));
        Console.WriteLine(string.Join("-+-", widths.Select(width => new string('-', width))));
        rows.ForEach(row => Console.WriteLine(Line(row, widths)));
        Console.WriteLine();

        foreach (var result in results.Where(result => result.Figures.Count > 0 || result.Excluded.Count > 0 || result.Resent > 0 || !result.Passed))
        {
            var figures = result.Figures.Select(figure => $"{figure.Key} {Number(figure.Value, "0.00")}")
                .Concat(result.Resent > 0 ? [$"client resends (connection closed before an answer) {result.Resent}"] : Array.Empty<string>());
            var excluded = result.Excluded.Count > 0
                ? [$"kept apart from the goal (side load, or no replica could serve): {result.Excluded.Count} sent, {result.Excluded.Count(s => s.Status == 429)} got 429, {result.Excluded.Count(s => s.Succeeded)} served"]
                : Array.Empty<string>();
            Console.WriteLine($"{result.Scenario} / {result.Target}: {string.Join("; ", figures.Concat(excluded).Concat(result.GoalFailures))}");
        }

        WriteByKind(results);
    }

    // One line per run, only for mixes: a search and an ingest have different costs, and the table's p99 hides which one hurt.
    private static void WriteByKind(IReadOnlyList<RunResult> results)
    {
        var mixed = results.Where(result => result.SummaryByKind.Count > 1).ToList();
        if (mixed.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("latency by request type (sent/failed p50/p99 ms):");
        foreach (var result in mixed)
        {
            var kinds = result.SummaryByKind.Select(kind =>
                $"{kind.Key} {kind.Value.Sent}/{kind.Value.Failed} {Number(kind.Value.P50Ms, "0.0")}/{Number(kind.Value.P99Ms, "0.0")}");
            Console.WriteLine($"  {result.Scenario} / {result.Target}: {string.Join("; ", kinds)}");
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join(" | ", cells.Select((cell, column) => column < 2 ? cell.PadRight(widths[column]) : cell.PadLeft(widths[column])));

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
