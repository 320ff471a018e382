using HealthAI.Chaos.Workload;
using HealthAI.Testing;
using HealthAI.Testing.Load;

namespace HealthAI.Chaos.Scenarios;

/// <summary>What every scenario gets: the running system, the chosen load, and fresh client addresses.</summary>
internal sealed class ChaosContext(HealthAISystem system, ChaosOptions options)
{
    // Above the /16s the integration tests use (127.1x, 127.2x, 127.99), though they never share a run.
    private readonly SourceAddresses _addresses = new(firstSecondOctet: 100);

    public HealthAISystem System { get; } = system;

    public ChaosOptions Options { get; } = options;

    /// <summary>The harness's standard load (the chosen mix) against <paramref name="target"/>, from addresses no earlier run used.</summary>
    public LoadPlan Plan(Uri target, TimeSpan? duration = null) =>
        new(target, Options.Rate, duration ?? Options.Duration, _addresses.Next(Options.Clients))
        {
            Mix = MixedLoad.For(Options.Load),
            BearerToken = System.EditorToken,
        };

    public IReadOnlyList<string> FreshAddresses(int count) => _addresses.Next(count);

    public Uri EdgeUrl(string edge) => System.Endpoint(edge, "https");

    public static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
