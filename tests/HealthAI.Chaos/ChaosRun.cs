using HealthAI.Chaos.Analysis;
using HealthAI.Chaos.Reporting;
using HealthAI.Chaos.Scenarios;
using HealthAI.Chaos.Workload;
using HealthAI.Testing;

namespace HealthAI.Chaos;

/// <summary>
/// The harness's scenarios against a running system: the one the command line starts, or the system tier's
/// shared one, so that a CI-sized run never needs a second system.
/// </summary>
internal static class ChaosRun
{
    /// <summary>Seeds the corpus when the load reads it, runs every scenario <see cref="ChaosOptions.Repeat"/> times, and writes the reports.</summary>
    public static async Task<IReadOnlyList<RunResult>> RunAsync(HealthAISystem system, IReadOnlyList<IChaosScenario> scenarios, ChaosOptions options, CancellationToken cancel)
    {
        if (options.Load == LoadShape.Mixed)
        {
            await CorpusSeeder.SeedAsync(system, cancel);
        }

        await using var edgeLogs = ResourceLogFiles.Start(system.App, [.. HealthAITopology.Edges, .. HealthAITopology.Replicas], Path.Combine(options.OutputDirectory, "logs"));
        var context = new ChaosContext(system, options);
        var results = new List<RunResult>();
        for (var round = 1; round <= options.Repeat; round++)
        {
            if (options.Repeat > 1)
            {
                ChaosContext.Log($"round {round} of {options.Repeat}");
            }

            foreach (var scenario in scenarios)
            {
                results.AddRange(await scenario.RunAsync(context, cancel));
            }
        }

        await WriteReportsAsync(options, results, cancel);
        return results;
    }

    /// <summary>The console summary, <c>report.json</c> and <c>latency.svg</c> in the options' folder, and a full run's figures for readers.</summary>
    public static async Task WriteReportsAsync(ChaosOptions options, IReadOnlyList<RunResult> results, CancellationToken cancel)
    {
        ConsoleReport.Write(results);
        Directory.CreateDirectory(options.OutputDirectory);
        var json = await JsonReport.WriteAsync(Path.Combine(options.OutputDirectory, "report.json"), options, results, cancel);
        var svg = await LatencySvg.WriteAsync(Path.Combine(options.OutputDirectory, "latency.svg"), results, cancel);
        Console.WriteLine($"report: {json}");
        Console.WriteLine($"chart:  {svg}");
        if (options.FiguresDirectory is { } figures)
        {
            Directory.CreateDirectory(figures);
            var markdown = await MarkdownReport.WriteAsync(Path.Combine(figures, "figures.md"), options, results, cancel);
            File.Copy(svg, Path.Combine(figures, "latency.svg"), overwrite: true);
            Console.WriteLine($"figures: {markdown}");
        }
    }
}
