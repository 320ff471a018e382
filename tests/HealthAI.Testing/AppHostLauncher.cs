using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using HealthAI.Hosting;

namespace HealthAI.Testing;

/// <summary>
/// Starts the real AppHost the way the integration tests and the chaos harness need it: every edge and
/// monitoring tool on free ports (so runs never clash with `./healthai up` or each other), faults
/// allowed, a short drain. Only replicas and edges are waited for: monitoring is not what a drill measures.
/// </summary>
public static class AppHostLauncher
{
    /// <summary>The only network allowed on restricted routes: other loopback addresses are "outside".</summary>
    public const string AllowedNetwork = "127.0.0.1/32";

    /// <summary>The AppHost parameter that holds the editor token (ReplicaEnvironment.EditorToken's parameter).</summary>
    public const string EditorTokenParameter = "editor-token";

    private static readonly string[] EdgePortNames = ["Http", "Https", "Status"];

    /// <summary>The AppHost arguments every harness run uses.</summary>
    public static IReadOnlyList<string> DefaultArguments { get; } =
    [
        // Chosen, not detected: the same system runs whether or not a Docker daemon answers here.
        "HealthAI:Runtime=HostProcess",
        "HealthAI:Replicas:DrainPeriod=00:00:03",
        "HealthAI:Replicas:FaultInjection=true",
        $"HealthAI:Edges:AllowedNetworks:0={AllowedNetwork}",
        "HealthAI:Monitoring:PrometheusPort=0",
        "HealthAI:Monitoring:AlertmanagerPort=0",
        "HealthAI:Monitoring:NginxExporterPort=0",
        "HealthAI:Monitoring:NginxRequestMetricsPort=0",
        "HealthAI:Monitoring:NginxRequestLogPort=0",
        .. HealthAITopology.Edges.SelectMany(edge => EdgePortNames.Select(port => $"HealthAI:Edges:{EdgeSetting(edge)}:{port}=0")),
    ];

    /// <summary>
    /// Builds and starts <typeparamref name="TEntryPoint"/> (the AppHost's <c>Projects.*</c> type) and waits
    /// until every replica and edge is healthy.
    /// </summary>
    /// <param name="configure">Changes to the builder before it is built, e.g. logging.</param>
    /// <param name="alsoWaitFor">More resources to wait for, such as the monitoring stack.</param>
    /// <param name="beforeStart">Runs once the app is built and before it starts, e.g. to watch the edges' ports from the first moment.</param>
    public static async Task<HealthAISystem> StartAsync<TEntryPoint>(
        TimeSpan timeout,
        IEnumerable<string>? extraArguments = null,
        Action<IDistributedApplicationTestingBuilder>? configure = null,
        IEnumerable<string>? alsoWaitFor = null,
        Action<DistributedApplication>? beforeStart = null,
        CancellationToken cancellationToken = default)
        where TEntryPoint : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        // Every run writes its own knowledge base, never the one a developer's ./healthai up uses.
        var storage = RunDirectory.Create("test-storage");
        // A token of the run's own, given as the parameter's value: nothing is generated into user secrets.
        var editorToken = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        string[] storageArguments =
        [
            $"HealthAI:Storage:DataDirectory={Path.Combine(storage.Path, "data")}",
            $"HealthAI:Storage:BackupsDirectory={Path.Combine(storage.Path, "backups")}",
            $"Parameters:{EditorTokenParameter}={editorToken}",
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<TEntryPoint>(
            [.. DefaultArguments, .. storageArguments, .. extraArguments ?? []], deadline.Token);
        configure?.Invoke(builder);
        var app = await builder.BuildAsync(deadline.Token);
        beforeStart?.Invoke(app);
        var clock = Stopwatch.StartNew();
        try
        {
            await app.StartAsync(deadline.Token);
            await Task.WhenAll(HealthAITopology.Replicas.Concat(HealthAITopology.Edges).Concat(alsoWaitFor ?? [])
                .Select(name => app.ResourceNotifications.WaitForResourceHealthyAsync(name, deadline.Token)));
        }
        catch
        {
            await app.DisposeAsync();
            storage.Dispose();
            throw;
        }

        var system = new HealthAISystem(app, clock.Elapsed) { EditorToken = editorToken, Storage = storage };
        await system.WaitForHaproxyUpstreamsAsync(deadline.Token);
        return system;
    }

    private static string EdgeSetting(string edge) => edge == "nginx" ? "Nginx" : "Haproxy";
}
