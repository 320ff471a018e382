using HealthAI.Chaos.Workload;
using HealthAI.Testing;

namespace HealthAI.Chaos;

/// <summary>What to run and how hard, from the command line.</summary>
internal sealed record ChaosOptions
{
    /// <summary>The <c>--quick</c> sizing: CI's runs, against the system tier's shared system or one of its own.</summary>
    public static ChaosOptions QuickRun { get; } = new() { Quick = true, Rate = 60, Clients = 12, Duration = TimeSpan.FromSeconds(6) };

    public IReadOnlyList<string> Scenarios { get; init; } = [];

    public bool Quick { get; init; }

    /// <summary>Total offered rate, requests per second.</summary>
    public double Rate { get; init; } = 200;

    /// <summary>Source addresses the rate is spread over; rate / clients must stay under the edge's 10 r/s per address.</summary>
    public int Clients { get; init; } = 40;

    /// <summary>How long each measured run offers load (scenarios whose faults take longer run until they are done).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>What the main load sends: the read/write mix (default) or <c>GET /</c> only.</summary>
    public LoadShape Load { get; init; } = LoadShape.Mixed;

    /// <summary>Whether the system's knowledge base is a local PostgreSQL server rather than the shared SQLite file.</summary>
    public bool PostgreSql { get; init; }

    public string OutputDirectory { get; init; } = DefaultOutputDirectory;

    /// <summary>
    /// Where a full run's figures (<c>figures.md</c>, <c>latency.svg</c>) are kept for readers, unless <c>--figures</c> says
    /// otherwise; null (quick runs and the system tests) keeps them in <see cref="OutputDirectory"/> only.
    /// </summary>
    public string? FiguresDirectory { get; init; }

    /// <summary>The checked-in home of the harness's figures.</summary>
    public static string DefaultFiguresDirectory => RepositoryPaths.Of("docs", "benchmarks", "resilience");

    /// <summary>Where the report goes unless <c>--out</c> says otherwise.</summary>
    public static string DefaultOutputDirectory => RepositoryPaths.Of("artifacts", "chaos");

    /// <summary>How many times the chosen scenarios run, one after another, on the one system (e.g. 20 quick drills in a row).</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>Load after every fault of a run has played out, so the timeline shows the recovery.</summary>
    public TimeSpan Tail => Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(3);

    /// <summary>Per-address limit the edges enforce (RateLimitPolicy.Default); staying at half of it leaves room for jitter.</summary>
    public const double SafeRatePerClient = 5;
}
