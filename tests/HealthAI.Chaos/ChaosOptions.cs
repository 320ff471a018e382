using System.Globalization;
using HealthAI.Chaos.Workload;

namespace HealthAI.Chaos;

/// <summary>What to run and how hard, from the command line.</summary>
internal sealed record ChaosOptions
{
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

    public string OutputDirectory { get; init; } = Path.Combine(RepositoryRoot(), "artifacts", "chaos");

    public bool Help { get; init; }

    /// <summary>How many times the chosen scenarios run, one after another, on the one system (e.g. 20 quick drills in a row).</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>Load after every fault of a run has played out, so the timeline shows the recovery.</summary>
    public TimeSpan Tail => Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(3);

    /// <summary>Per-address limit the edges enforce (RateLimitPolicy.Default); staying at half of it leaves room for jitter.</summary>
    public const double SafeRatePerClient = 5;

    public static ChaosOptions Parse(IReadOnlyList<string> args)
    {
        var quick = args.Contains("--quick");
        var options = quick
            ? new ChaosOptions { Quick = true, Rate = 60, Clients = 12, Duration = TimeSpan.FromSeconds(6) }
            : new ChaosOptions();
        var scenarios = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--help" or "-h":
                    options = options with { Help = true };
                    break;
                case "--rate":
                    options = options with { Rate = double.Parse(Value(args, ++i), CultureInfo.InvariantCulture) };
                    break;
                case "--clients":
                    options = options with { Clients = int.Parse(Value(args, ++i), CultureInfo.InvariantCulture) };
                    break;
                case "--duration":
                    options = options with { Duration = TimeSpan.FromSeconds(double.Parse(Value(args, ++i), CultureInfo.InvariantCulture)) };
                    break;
                case "--repeat":
                    options = options with { Repeat = int.Parse(Value(args, ++i), CultureInfo.InvariantCulture) };
                    if (options.Repeat < 1)
                    {
                        throw new ArgumentException("--repeat needs a count of at least 1.");
                    }

                    break;
                case "--load":
                    options = options with { Load = ParseLoad(Value(args, ++i)) };
                    break;
                case "--out":
                    options = options with { OutputDirectory = Path.GetFullPath(Value(args, ++i)) };
                    break;
                case var flag when flag.StartsWith('-'):
                    throw new ArgumentException($"Unknown option {flag}.");
                default:
                    scenarios.Add(args[i]);
                    break;
            }
        }

        if (options.Rate / options.Clients > SafeRatePerClient)
        {
            throw new ArgumentException(
                $"{options.Rate} r/s over {options.Clients} clients is above {SafeRatePerClient} r/s per client: the edges would rate-limit it. Add --clients.");
        }

        return options with { Scenarios = scenarios };
    }

    private static LoadShape ParseLoad(string value) => value switch
    {
        "mixed" => LoadShape.Mixed,
        "root" => LoadShape.Root,
        _ => throw new ArgumentException($"--load is mixed or root, not {value}."),
    };

    private static string Value(IReadOnlyList<string> args, int index) =>
        index < args.Count ? args[index] : throw new ArgumentException($"{args[index - 1]} needs a value.");

    // artifacts/ lives at the repository root, wherever `dotnet run` was started from inside it.
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HealthAI.sln")))
            {
                return directory.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}
