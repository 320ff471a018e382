using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAI.AppHost.Tests;

/// <summary>
/// One running HealthAI for every test in the collection: starting four replicas costs seconds on two
/// cores, so tests share it and each leaves it as it found it (a stopped replica is started again).
/// </summary>
public sealed class HealthAIAppFixture : IAsyncLifetime
{
    public static readonly string[] Replicas = ["healthai-app-1", "healthai-app-2", "healthai-app-3", "healthai-app-backup"];

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
            ],
            timeout.Token);
        App = await builder.BuildAsync(timeout.Token);

        var clock = Stopwatch.StartNew();
        await App.StartAsync(timeout.Token);
        await Task.WhenAll(Replicas.Select(name => App.ResourceNotifications.WaitForResourceHealthyAsync(name, timeout.Token)));
        TimeToAllReady = clock.Elapsed;
    }

    public Uri Endpoint(string replica) => App.GetEndpoint(replica, "http");

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
