using System.Security.Cryptography.X509Certificates;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using HealthAI.Chaos.Scenarios;

namespace HealthAI.AppHost.Tests;

/// <summary>
/// One running HealthAI for every test in the collection: starting four replicas, two edges and the
/// monitoring costs seconds on two cores, so tests share it and each leaves it as it found it. The
/// start and every operation on the running system are the shared <see cref="HealthAISystem"/>'s.
/// The failure harness's start-up drill watches this start, and its CI-sized drills run on this
/// system last (<see cref="StartFirstHarnessLast"/>).
/// </summary>
public sealed class HealthAIAppFixture : IAsyncLifetime
{
    public static readonly string[] Replicas = HealthAITopology.Replicas;

    public static readonly string[] Primaries = HealthAITopology.Primaries;

    public static readonly string[] Edges = HealthAITopology.Edges;

    public static readonly string[] Monitoring = ["prometheus", "alertmanager", "nginx-exporter", "nginx-mtail"];

    // Test-sized intervals, so that a stopped replica shows within seconds.
    private static readonly string[] MonitoringArguments =
    [
        "HealthAI:Monitoring:ScrapeInterval=00:00:01",
        "HealthAI:Monitoring:ApiScrapeInterval=00:00:01",
        "HealthAI:Monitoring:EvaluationInterval=00:00:01",
    ];

    public HealthAISystem System { get; private set; } = null!;

    /// <summary>The harness's start-up drill, watching the edges from before the app starts.</summary>
    internal StartupScenario Startup { get; } = new();

    public DistributedApplication App => System.App;

    /// <summary>How long it took from start until every replica reported healthy.</summary>
    public TimeSpan TimeToAllReady => System.TimeToAllReady;

    /// <summary>The certificate the edges serve, which clients in tests trust explicitly.</summary>
    public X509Certificate2 EdgeCertificate => System.EdgeCertificate;

    public async ValueTask InitializeAsync()
    {
        System = await AppHostLauncher.StartAsync<Projects.HealthAI_AppHost>(
            TimeSpan.FromMinutes(3), MonitoringArguments, alsoWaitFor: Monitoring, beforeStart: Startup.Watch,
            cancellationToken: TestContext.Current.CancellationToken);
    }

    public Uri Endpoint(string resource, string endpoint = "http") => System.Endpoint(resource, endpoint);

    public IResource Resource(string name) => System.Resource(name);

    public Task RunCommandAsync(string resource, string command, CancellationToken cancellationToken) =>
        System.RunCommandAsync(resource, command, cancellationToken);

    public int ProcessId(string resource) => System.ProcessId(resource);

    public Task WaitForExitAsync(string resource, CancellationToken cancellationToken) => System.WaitForExitAsync(resource, cancellationToken);

    public Task RestoreAsync(CancellationToken cancellationToken) => System.RestoreAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Startup.DisposeAsync();
        if (System is not null)
        {
            await System.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
[TestClassOrderer(typeof(StartFirstHarnessLast))]
public sealed class HealthAIAppGroup : ICollectionFixture<HealthAIAppFixture>
{
    public const string Name = "HealthAI app";
}
