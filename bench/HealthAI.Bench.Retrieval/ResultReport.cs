using System.Globalization;

namespace HealthAI.Bench.Retrieval;

/// <summary>The figures of one set as one markdown table, a row per mode.</summary>
internal static class ResultReport
{
    public static void Print(BeirSet set, string engine, IngestResult ingest, int k, IReadOnlyList<ModeResult> results)
    {
        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(invariant,
            $"{set.Name} on {engine}: {ingest.Documents:N0} documents, {ingest.Chunks:N0} chunks, ingested in {ingest.Elapsed.TotalSeconds:0.0} s ({ingest.Documents / ingest.Elapsed.TotalSeconds:0} documents/s); {set.Queries.Count:N0} test queries"));
        Console.WriteLine();
        Console.WriteLine($"| mode | nDCG@10 | Recall@{k} | MRR@10 | search p50 | search p99 |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var result in results)
        {
            Console.WriteLine(result.Unavailable is { } why
                ? $"| {result.Mode} | not available: {why} | | | | |"
                : string.Create(invariant,
                    $"| {result.Mode} | {result.Ndcg10:0.000} | {result.Recall:0.000} | {result.Mrr10:0.000} | {Latency(result.P50Ms)} | {Latency(result.P99Ms)} |"));
        }
    }

    // A ranking fused in the bench asked the API nothing of its own.
    private static string Latency(double milliseconds) =>
        milliseconds > 0 ? string.Create(CultureInfo.InvariantCulture, $"{milliseconds:0.0} ms") : "–";
}
