using System.Text.Json;
using System.Text.Json.Serialization;
using HealthAI.Chaos.Analysis;

namespace HealthAI.Chaos.Reporting;

/// <summary>The machine-readable report: per run the plan, summary, goal, faults and a 250 ms timeline.</summary>
internal static class JsonReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Ratios are NaN when the direct run had no latency to divide by; JSON has no NaN.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<string> WriteAsync(string path, ChaosOptions options, IReadOnlyList<RunResult> results, CancellationToken cancellationToken)
    {
        var report = new
        {
            generatedAt = DateTimeOffset.UtcNow,
            machine = new { Environment.ProcessorCount, os = Environment.OSVersion.VersionString },
            options = new { options.Quick, options.Rate, options.Clients, durationSeconds = options.Duration.TotalSeconds, load = options.Load.ToString().ToLowerInvariant() },
            passed = results.All(result => result.Passed),
            runs = results.Select(result => new
            {
                result.Scenario,
                result.Target,
                url = result.Plan.Target,
                offeredPerSecond = result.Plan.RequestsPerSecond,
                clients = result.Plan.SourceAddresses.Count,
                holdMilliseconds = result.Plan.HoldMilliseconds,
                result.Summary,
                summaryByKind = result.SummaryByKind,
                result.Resent,
                recoverySeconds = result.Recovery?.TotalSeconds,
                result.Figures,
                excluded = result.Excluded.Count == 0 ? null : new
                {
                    sent = result.Excluded.Count,
                    rateLimited = result.Excluded.Count(sample => sample.Status == 429),
                    served = result.Excluded.Count(sample => sample.Succeeded),
                },
                servedBy = result.Samples.Where(sample => sample.Succeeded).GroupBy(sample => sample.Instance ?? "?")
                    .OrderBy(group => group.Key, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count()),
                passed = result.Passed,
                result.GoalFailures,
                faults = result.Marks,
                timeline = TimelineBucket.Slice(result.Samples),
            }),
        };

        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, report, Json, cancellationToken);
        return path;
    }
}
