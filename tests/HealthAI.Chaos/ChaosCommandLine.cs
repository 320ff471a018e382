using System.CommandLine;
using HealthAI.Chaos.Scenarios;
using HealthAI.Chaos.Workload;

namespace HealthAI.Chaos;

/// <summary>The harness's command line (System.CommandLine): scenarios by name, then how hard and where to report.</summary>
internal static class ChaosCommandLine
{
    private static readonly ChaosOptions Full = new();
    private static readonly ChaosOptions Quick = ChaosOptions.QuickRun;

    /// <summary>The root command; <paramref name="run"/> gets the options once they are parsed and valid, and returns the exit code.</summary>
    public static RootCommand Create(Func<ChaosOptions, CancellationToken, Task<int>> run)
    {
        var scenarios = new Argument<string[]>("scenario")
        {
            Description = "scenarios to run, in order (default: all; with --quick: " + string.Join(' ', ScenarioCatalog.QuickDefault) + "):\n"
                + string.Join('\n', ScenarioCatalog.All.Select(s => $"{s.Name,-20} {s.Description}")),
            Arity = ArgumentArity.ZeroOrMore,
            HelpName = "scenario",
        };
        scenarios.AcceptOnlyFromAmong([.. ScenarioCatalog.All.Select(s => s.Name)]);
        var quick = new Option<bool>("--quick") { Description = $"sized for CI: {Quick.Rate} r/s from {Quick.Clients} clients for {Quick.Duration.TotalSeconds} s per run" };
        var rate = new Option<double?>("--rate") { Description = $"total offered rate, requests per second (default {Full.Rate}; {Quick.Rate} with --quick)" };
        var clients = new Option<int?>("--clients") { Description = $"source addresses the rate is spread over (default {Full.Clients}; {Quick.Clients} with --quick)" };
        var duration = new Option<double?>("--duration") { Description = $"seconds each measured run offers load (default {Full.Duration.TotalSeconds}; {Quick.Duration.TotalSeconds} with --quick)" };
        var load = new Option<string>("--load")
        {
            Description = "mixed = 70% GET /api/search, 15% POST /api/ask, 10% POST /api/documents (idempotent), 5% GET /; root = GET / only",
            DefaultValueFactory = _ => "mixed",
        };
        load.AcceptOnlyFromAmong("mixed", "root");
        var engine = new Option<string>("--engine")
        {
            Description = "the knowledge base the system runs on: sqlite (the local run's default, one shared file) or postgresql (a local PostgreSQL server)",
            DefaultValueFactory = _ => "sqlite",
        };
        engine.AcceptOnlyFromAmong("sqlite", "postgresql");
        var repeat = new Option<int>("--repeat")
        {
            Description = "how many times the chosen scenarios run, one after another, on the one system",
            DefaultValueFactory = _ => 1,
        };
        repeat.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--repeat needs a count of at least 1.");
            }
        });
        var output = new Option<string>("--out") { Description = "folder for report.json and latency.svg", DefaultValueFactory = _ => ChaosOptions.DefaultOutputDirectory };
        var figures = new Option<string?>("--figures") { Description = "folder for figures.md and latency.svg (default: docs/benchmarks/resilience for a full run, none for --quick)" };

        var command = new RootCommand("HealthAI failure harness: real load through both edges while replicas fail")
        {
            scenarios, quick, rate, clients, duration, load, engine, repeat, output, figures,
        };
        command.Validators.Add(result =>
        {
            var options = Read(result.GetValue(quick), result.GetValue(rate), result.GetValue(clients), result.GetValue(duration));
            if (options.Clients < 1 || options.Rate <= 0 || options.Duration <= TimeSpan.Zero)
            {
                result.AddError("--rate and --duration must be above 0, --clients at least 1.");
            }
            else if (options.Rate / options.Clients > ChaosOptions.SafeRatePerClient)
            {
                result.AddError($"{options.Rate} r/s over {options.Clients} clients is above {ChaosOptions.SafeRatePerClient} r/s per client: the edges would rate-limit it. Add --clients.");
            }
        });
        command.SetAction((parsed, cancel) => run(Read(parsed.GetValue(quick), parsed.GetValue(rate), parsed.GetValue(clients), parsed.GetValue(duration)) with
        {
            Scenarios = parsed.GetValue(scenarios) ?? [],
            Load = parsed.GetValue(load) == "root" ? LoadShape.Root : LoadShape.Mixed,
            PostgreSql = parsed.GetValue(engine) == "postgresql",
            Repeat = parsed.GetValue(repeat),
            OutputDirectory = Path.GetFullPath(parsed.GetValue(output)!),
            FiguresDirectory = parsed.GetValue(figures) is { } folder ? Path.GetFullPath(folder)
                : parsed.GetValue(quick) ? null : ChaosOptions.DefaultFiguresDirectory,
        }, cancel));
        return command;
    }

    private static ChaosOptions Read(bool quick, double? rate, int? clients, double? seconds)
    {
        var sized = quick ? Quick : Full;
        return sized with
        {
            Rate = rate ?? sized.Rate,
            Clients = clients ?? sized.Clients,
            Duration = seconds is { } s ? TimeSpan.FromSeconds(s) : sized.Duration,
        };
    }
}
