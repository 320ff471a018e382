using HealthAI.Chaos;
using HealthAI.Chaos.Scenarios;
using HealthAI.Hosting;
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
    using var cluster = options.PostgreSql ? RunDirectory.Create("chaos-postgres") : null;
    string[] engine = cluster is null ? [] : ["HealthAI:KnowledgeBase:Engine=PostgreSql", "HealthAI:KnowledgeBase:PostgreSqlPort=0", $"HealthAI:KnowledgeBase:PostgreSqlDirectory={cluster.Path}"];
    await using var system = await AppHostLauncher.StartAsync<Projects.HealthAI_AppHost>(
        TimeSpan.FromMinutes(3),
        engine,
        configure: QuietLogging.Apply,
        // The start-up drill watches the edges from before they exist.
        beforeStart: app => scenarios.OfType<StartupScenario>().FirstOrDefault()?.Watch(app),
        cancellationToken: cancel);
    ChaosContext.Log($"all replicas and edges healthy after {system.TimeToAllReady.TotalSeconds:F1} s");

    var results = await ChaosRun.RunAsync(system, scenarios, options, cancel);
    var failed = results.Count(result => !result.Passed);
    Console.WriteLine(failed == 0 ? "all goals met" : $"{failed} of {results.Count} runs missed their goal");
    return failed == 0 ? 0 : 1;
}
