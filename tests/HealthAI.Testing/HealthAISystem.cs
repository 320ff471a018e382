using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using HealthAI.Edge.Policy;
using HealthAI.Hosting;
using HealthAI.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAI.Testing;

/// <summary>
/// A started HealthAI and the operations a drill needs on it: endpoints, the edge certificate, replica
/// process ids, stop/start/reload commands, and putting everything back as it was.
/// </summary>
public sealed class HealthAISystem(DistributedApplication app, TimeSpan timeToAllReady) : IAsyncDisposable
{
    public DistributedApplication App { get; } = app;

    /// <summary>The editor token this run's replicas accept for writes (the <c>editor-token</c> parameter).</summary>
    public string EditorToken { get; init; } = "";

    /// <summary>The run's own data and backups folders, removed with the system.</summary>
    public RunDirectory? Storage { get; init; }

    /// <summary>An edge client (from <paramref name="sourceAddress"/>) that carries the editor token.</summary>
    public HttpClient EditorClient(string sourceAddress = "127.0.0.1")
    {
        var client = LoopbackClients.Create(sourceAddress, EdgeCertificate);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", EditorToken);
        return client;
    }

    /// <summary>How long it took from start until every replica and edge reported healthy.</summary>
    public TimeSpan TimeToAllReady { get; } = timeToAllReady;

    public Uri Endpoint(string resource, string endpoint = "http") => App.GetEndpoint(resource, endpoint);

    /// <summary>The certificate the edges serve, which harness clients trust explicitly.</summary>
    public X509Certificate2 EdgeCertificate => field ??= X509CertificateLoader.LoadCertificateFromFile(
        Path.Combine(((IEdgeResource)Resource("nginx")).Configuration.RunDirectory, "tls", "edge.crt"));

    public IResource Resource(string name) =>
        App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(resource => resource.Name == name);

    public async Task RunCommandAsync(string resource, string command, CancellationToken cancellationToken)
    {
        var result = await App.ResourceCommands.ExecuteCommandAsync(Resource(resource), command, cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{command} on {resource} failed: {result.Message}");
        }
    }

    /// <summary>The process id DCP reports for a running executable resource.</summary>
    public int ProcessId(string resource)
    {
        var pid = CurrentState(resource).Snapshot.Properties.Single(property => property.Name == "executable.pid").Value;
        return Convert.ToInt32(pid, CultureInfo.InvariantCulture);
    }

    public bool IsRunning(string resource) => CurrentState(resource).Snapshot.State?.Text is "Running";

    private bool ProcessAlive(string resource)
    {
        try
        {
            using var process = Process.GetProcessById(ProcessId(resource));
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Waits until <paramref name="resource"/> has stopped running.</summary>
    public Task WaitForExitAsync(string resource, CancellationToken cancellationToken) =>
        App.ResourceNotifications.WaitForResourceAsync(resource, e => e.Snapshot.State?.Text is "Exited" or "Finished" or "FailedToStart", cancellationToken);

    /// <summary>Waits until <paramref name="resource"/> runs and passes its health checks, also right after a start.</summary>
    public Task WaitForHealthyAsync(string resource, CancellationToken cancellationToken) =>
        App.ResourceNotifications.WaitForHealthyAfterStartAsync(resource, cancellationToken);

    /// <summary>Stops replicas the way DCP does (SIGTERM, so they drain) and waits until they have exited.</summary>
    public async Task StopAsync(IEnumerable<string> replicas, CancellationToken cancellationToken)
    {
        var names = replicas.ToArray();
        await Task.WhenAll(names.Select(replica => RunCommandAsync(replica, KnownResourceCommands.StopCommand, cancellationToken)));
        await Task.WhenAll(names.Select(replica => WaitForExitAsync(replica, cancellationToken)));
    }

    /// <summary>Starts replicas again and waits until they are ready.</summary>
    public async Task StartAsync(IEnumerable<string> replicas, CancellationToken cancellationToken)
    {
        var names = replicas.ToArray();
        await Task.WhenAll(names.Select(replica => RunCommandAsync(replica, KnownResourceCommands.StartCommand, cancellationToken)));
        await Task.WhenAll(names.Select(replica => WaitForHealthyAsync(replica, cancellationToken)));
    }

    public Task ReloadEdgeAsync(string edge, CancellationToken cancellationToken) =>
        RunCommandAsync(edge, EdgeBuilderExtensions.ReloadCommandName, cancellationToken);

    /// <summary>
    /// Puts the system back as a drill found it: every replica running and ready, and the edges reloaded,
    /// which also clears nginx's memory of failed upstreams (otherwise kept for fail_timeout).
    /// </summary>
    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        // A replica killed a moment ago can still read Running until DCP notices its exit: starting only the
        // ones not running would leave it dead, and the edges would wait for it forever.
        await Task.WhenAll(HealthAITopology.Replicas.Where(replica => IsRunning(replica) && !ProcessAlive(replica))
            .Select(replica => WaitForExitAsync(replica, cancellationToken)));
        await StartAsync(HealthAITopology.Replicas.Where(replica => !IsRunning(replica)), cancellationToken);
        await Task.WhenAll(HealthAITopology.Replicas.Select(replica => WaitForHealthyAsync(replica, cancellationToken)));
        foreach (var edge in HealthAITopology.Edges)
        {
            await ReloadEdgeAsync(edge, cancellationToken);
        }

        await Task.WhenAll(HealthAITopology.Edges.Select(edge => WaitForHealthyAsync(edge, cancellationToken)));
        await WaitForHaproxyUpstreamsAsync(cancellationToken);
        await Task.WhenAll(HealthAITopology.Edges.Select(edge => WaitForPrimariesAsync(edge, cancellationToken)));
    }

    private static readonly TimeSpan HaproxyUpstreamsTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Waits until HAProxy's own checks have every replica up, in each of its upstream backends (reads, and the
    /// knowledge base's writes): a replica can be ready before HAProxy has seen the two good probes it needs, and
    /// until then HAProxy would not send it traffic.
    /// </summary>
    public async Task WaitForHaproxyUpstreamsAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        var metrics = new Uri(Endpoint("haproxy", "status"), "/metrics");
        // Generous: on a 2-core machine that is also running the compose stacks, four replicas loading their
        // embedding model answer HAProxy's 500 ms probes late for a while after they are ready.
        var deadline = DateTime.UtcNow + HaproxyUpstreamsTimeout;
        while (true)
        {
            var exposition = await client.GetStringAsync(metrics, cancellationToken);
            var servers = exposition.Split('\n').Where(line => line.StartsWith($"haproxy_server_status{{proxy=\"{EdgePolicy.DefaultUpstreamGroupName}", StringComparison.Ordinal)).ToList();
            var backends = servers.Select(line => line.Split('"')[1]).Distinct(StringComparer.Ordinal).ToList();
            var up = backends.Count == 0 ? 0 : backends.Min(backend => servers.Count(line =>
                line.Contains($"proxy=\"{backend}\"", StringComparison.Ordinal)
                && line.Contains("state=\"UP\"", StringComparison.Ordinal)
                && line.EndsWith(" 1", StringComparison.Ordinal)));
            if (up == HealthAITopology.Replicas.Length)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"HAProxy has {up} of {HealthAITopology.Replicas.Length} replicas up after {HaproxyUpstreamsTimeout.TotalSeconds} s");
            }

            await Task.Delay(250, cancellationToken);
        }
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
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{edge} still routes to the backup 30 s after every primary was ready");
            }

            using var response = await client.GetAsync(Endpoint(edge, "https"), cancellationToken);
            var instance = response.Headers.TryGetValues(ReplicaHeaders.Instance, out var values) ? values.Single() : null;
            consecutive = response.IsSuccessStatusCode && HealthAITopology.Primaries.Contains(instance) ? consecutive + 1 : 0;
            await Task.Delay(150, cancellationToken);
        }
    }

    private ResourceEvent CurrentState(string resource) =>
        App.ResourceNotifications.TryGetCurrentState(resource, out var state)
            ? state
            : throw new InvalidOperationException($"{resource} has no state");

    private int _disposed;

    /// <summary>Stops the app and removes its storage; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await App.DisposeAsync();
        Storage?.Dispose();
    }
}
