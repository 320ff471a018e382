using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using System.Security.Cryptography.X509Certificates;
using HealthAI.Edge.Hosting;
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

    /// <summary>The only network allowed on restricted routes in tests: other loopback addresses are "outside".</summary>
    public const string AllowedNetwork = "127.0.0.1/32";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>How long it took from start until every replica reported healthy.</summary>
    public TimeSpan TimeToAllReady { get; private set; }

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.HealthAI_AppHost>(
            [
                "HealthAI:Replicas:DrainPeriod=00:00:02",
                "HealthAI:Replicas:FaultInjection=true",
                $"HealthAI:Edges:AllowedNetworks:0={AllowedNetwork}",
                .. Edges.SelectMany(edge => EdgePortNames.Select(port => $"HealthAI:Edges:{EdgeSetting(edge)}:{port}=0")),
            ],
            timeout.Token);
        App = await builder.BuildAsync(timeout.Token);

        var clock = Stopwatch.StartNew();
        await App.StartAsync(timeout.Token);
        await Task.WhenAll(Replicas.Concat(Edges).Select(name => App.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)));
        TimeToAllReady = clock.Elapsed;
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
