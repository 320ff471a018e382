using HealthAI.Chaos;
using HealthAI.Chaos.Analysis;
using HealthAI.Chaos.Reporting;
using HealthAI.Chaos.Scenarios;
using HealthAI.Chaos.Workload;
using HealthAI.Testing;

var parsed = ChaosCommandLine.Create(RunAsync).Parse(args);
// 2 for a bad command line, apart from 1 for a missed goal (System.CommandLine would answer 1 for both).
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine(error.Message);
    }

    Console.Error.WriteLine("--help lists the scenarios and options.");
    return 2;
}

// Ctrl+C cancels the run's token: the AppHost is disposed and takes the replicas and edges with it.
return await parsed.InvokeAsync();

static async Task<int> RunAsync(ChaosOptions options, CancellationToken cancel)
{
    var scenarios = ScenarioCatalog.Select(options);
    ChaosContext.Log($"starting HealthAI ({string.Join(" ", scenarios.Select(s => s.Name))}{(options.Quick ? ", quick" : "")}, {options.Load.ToString().ToLowerInvariant()} load)");
    await using var system = await AppHostLauncher.StartAsync<Projects.HealthAI_AppHost>(
        TimeSpan.FromMinutes(3),
        configure: QuietLogging.Apply,
        // The start-up drill watches the edges from before they exist.
        beforeStart: app => scenarios.OfType<StartupScenario>().FirstOrDefault()?.Watch(app),
        cancellationToken: cancel);
    ChaosContext.Log($"all replicas and edges healthy after {system.TimeToAllReady.TotalSeconds:F1} s");

    if (options.Load == LoadShape.Mixed)
    {
        await CorpusSeeder.SeedAsync(system, cancel);
    }

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

    ConsoleReport.Write(results);
    Directory.CreateDirectory(options.OutputDirectory);
    var json = await JsonReport.WriteAsync(Path.Combine(options.OutputDirectory, "report.json"), options, results, cancel);
    var svg = await LatencySvg.WriteAsync(Path.Combine(options.OutputDirectory, "latency.svg"), results, cancel);
    Console.WriteLine($"report: {json}");
    Console.WriteLine($"chart:  {svg}");

    var failed = results.Count(result => !result.Passed);
    Console.WriteLine(failed == 0 ? "all goals met" : $"{failed} of {results.Count} runs missed their goal");
    return failed == 0 ? 0 : 1;
}
