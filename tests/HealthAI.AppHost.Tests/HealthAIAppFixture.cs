using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using System.Security.Cryptography.X509Certificates;
using HealthAI.Edge.Hosting;
using HealthAI.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAI.AppHost.Tests;

/// <summary>
/// One running HealthAI for every test in the collection: starting four replicas costs seconds on two
/// cores, so tests share it and each leaves it as it found it (a stopped replica is started again).
/// </summary>
public sealed class HealthAIAppFixture : IAsyncLifetime
{
    public static readonly string[] Replicas = ["healthai-app-1", "healthai-app-2", "healthai-app-3", "healthai-app-backup"];

    public static readonly string[] Primaries = ["healthai-app-1", "healthai-app-2", "healthai-app-3"];

    public static readonly string[] Edges = ["nginx", "haproxy"];

    public static readonly string[] Monitoring = ["prometheus", "alertmanager", "nginx-exporter"];

    /// <summary>The only network allowed on restricted routes in tests: other loopback addresses are "outside".</summary>
    public const string AllowedNetwork = "127.0.0.1/32";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    public DistributedApplication App { get; private set; } = null!;

    private string StorageRoot { get; } = Directory.CreateTempSubdirectory("healthai-test-storage-").FullName;

    /// <summary>How long it took from start until every replica reported healthy.</summary>
    public TimeSpan TimeToAllReady { get; private set; }

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.HealthAI_AppHost>(
            [
                "HealthAI:Replicas:DrainPeriod=00:00:03",
                "HealthAI:Replicas:FaultInjection=true",
                // Tests write their own knowledge base, never the one a developer's ./healthai up uses.
                $"HealthAI:Storage:DataDirectory={Path.Combine(StorageRoot, "data")}",
                $"HealthAI:Storage:BackupsDirectory={Path.Combine(StorageRoot, "backups")}",
                $"HealthAI:Edges:AllowedNetworks:0={AllowedNetwork}",
                "HealthAI:Monitoring:PrometheusPort=0",
                "HealthAI:Monitoring:AlertmanagerPort=0",
                "HealthAI:Monitoring:NginxExporterPort=0",
                // Test-sized intervals, so that a stopped replica shows within seconds.
                "HealthAI:Monitoring:ScrapeInterval=00:00:01",
                "HealthAI:Monitoring:ApiScrapeInterval=00:00:01",
                "HealthAI:Monitoring:EvaluationInterval=00:00:01",
                .. Edges.SelectMany(edge => EdgePortNames.Select(port => $"HealthAI:Edges:{EdgeSetting(edge)}:{port}=0")),
            ],
            timeout.Token);
        App = await builder.BuildAsync(timeout.Token);

        var clock = Stopwatch.StartNew();
        await App.StartAsync(timeout.Token);
        await Task.WhenAll(Replicas.Concat(Edges).Concat(Monitoring).Select(name => App.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)));
        TimeToAllReady = clock.Elapsed;
        await WaitForHaproxyUpstreamsAsync(timeout.Token);
    }

    /// <summary>
    /// Waits until HAProxy's own checks have every replica up: a replica can be ready before HAProxy has
    /// seen the two good probes it needs, and until then HAProxy would answer 503 for it.
    /// </summary>
    public async Task WaitForHaproxyUpstreamsAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        var metrics = new Uri(Endpoint("haproxy", "status"), "/metrics");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var exposition = await client.GetStringAsync(metrics, cancellationToken);
            var up = exposition.Split('\n').Count(line =>
                line.StartsWith("haproxy_server_status{proxy=\"healthai_backend\"", StringComparison.Ordinal)
                && line.Contains("state=\"UP\"", StringComparison.Ordinal)
                && line.EndsWith(" 1", StringComparison.Ordinal));
            if (up == Replicas.Length)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"HAProxy has {up} of {Replicas.Length} replicas up after 30 s");
            await Task.Delay(250, cancellationToken);
        }
    }

    public Uri Endpoint(string resource, string endpoint = "http") => App.GetEndpoint(resource, endpoint);

    /// <summary>The certificate the edges serve, which clients in tests trust explicitly.</summary>
    public X509Certificate2 EdgeCertificate => field ??= X509CertificateLoader.LoadCertificateFromFile(
        Path.Combine(((IEdgeResource)Resource("nginx")).Configuration.RunDirectory, "tls", "edge.crt"));

    private static readonly string[] EdgePortNames = ["Http", "Https", "Status"];

    private static string EdgeSetting(string edge) => edge == "nginx" ? "Nginx" : "Haproxy";

    public IResource Resource(string name) =>
        App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(resource => resource.Name == name);

    public async Task RunCommandAsync(string resource, string command, CancellationToken cancellationToken)
    {
        var result = await App.ResourceCommands.ExecuteCommandAsync(Resource(resource), command, cancellationToken);
        Assert.True(result.Success, $"{command} on {resource} failed: {result.Message}");
    }

    /// <summary>The process id DCP reports for a running executable resource.</summary>
    public int ProcessId(string resource)
    {
        Assert.True(App.ResourceNotifications.TryGetCurrentState(resource, out var state), $"{resource} has no state");
        var pid = state.Snapshot.Properties.Single(property => property.Name == "executable.pid").Value;
        return Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until <paramref name="resource"/> has stopped running.</summary>
    public Task WaitForExitAsync(string resource, CancellationToken cancellationToken) =>
        App.ResourceNotifications.WaitForResourceAsync(resource, e => e.Snapshot.State?.Text is "Exited" or "Finished" or "FailedToStart", cancellationToken);

    /// <summary>
    /// Puts the app back as a test found it: every replica running and ready, and the edges reloaded, which
    /// also clears nginx's memory of failed upstreams (otherwise kept for fail_timeout).
    /// </summary>
    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        foreach (var replica in Replicas)
        {
            Assert.True(App.ResourceNotifications.TryGetCurrentState(replica, out var state));
            if (state.Snapshot.State?.Text is not "Running")
            {
                await RunCommandAsync(replica, KnownResourceCommands.StartCommand, cancellationToken);
            }
        }

        await Task.WhenAll(Replicas.Select(replica => App.ResourceNotifications.WaitForResourceHealthyAsync(replica, cancellationToken)));
        foreach (var edge in Edges)
        {
            await RunCommandAsync(edge, EdgeBuilderExtensions.ReloadCommandName, cancellationToken);
        }

        await Task.WhenAll(Edges.Select(edge => App.ResourceNotifications.WaitForResourceHealthyAsync(edge, cancellationToken)));
        await WaitForHaproxyUpstreamsAsync(cancellationToken);
        await Task.WhenAll(Edges.Select(edge => WaitForPrimariesAsync(edge, cancellationToken)));
    }

    /// <summary>
    /// Waits until <paramref name="edge"/> routes to primaries again: HAProxy needs its rise checks, and a
    /// reloaded nginx its new workers, before a restarted replica gets traffic.
    /// </summary>
    public async Task WaitForPrimariesAsync(string edge, CancellationToken cancellationToken)
    {
        using var client = LoopbackClients.Create("127.99.0.1", EdgeCertificate);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var consecutive = 0;
        while (consecutive < 6)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{edge} still routes to the backup 30 s after every primary was ready");
            using var response = await client.GetAsync(Endpoint(edge, "https"), cancellationToken);
            var instance = response.Headers.TryGetValues(ReplicaHeaders.Instance, out var values) ? values.Single() : null;
            consecutive = response.IsSuccessStatusCode && Primaries.Contains(instance) ? consecutive + 1 : 0;
            await Task.Delay(150, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class HealthAIAppGroup : ICollectionFixture<HealthAIAppFixture>
{
    public const string Name = "HealthAI app";
}
