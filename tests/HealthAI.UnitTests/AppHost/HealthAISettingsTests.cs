using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using HealthAI.AppHost.Publishing;
using HealthAI.Edge.Policy;
using HealthAI.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAI.AppHost.Tests;

/// <summary>Bad settings stop the AppHost before anything runs, with a message naming each bad key.</summary>
public sealed class HealthAISettingsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_bad_edge_knob_is_named_by_its_key()
    {
        string[] bad =
        [
            "HealthAI:Runtime=HostProcess",
            "HealthAI:Edges:RateLimit:RequestsPerSecond=0",
            "HealthAI:Edges:RateLimit:Burst=-1",
            "HealthAI:Edges:Retry:Tries=0",
            "HealthAI:Edges:Retry:Timeout=00:00:00",
            "HealthAI:Edges:RouteTimeouts:apii=00:00:10",
            "HealthAI:Edges:AllowedNetworks:0=10.0.0.300/8",
            "HealthAI:Monitoring:RunbooksUrl= ",
        ];

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.HealthAI_AppHost>(bad, Cancel);
            await using var app = await builder.BuildAsync(Cancel);
        });

        var message = error.ToString();
        Assert.Contains("HealthAI:Edges:RateLimit:RequestsPerSecond must be at least 1; got 0.", message, StringComparison.Ordinal);
        Assert.Contains("HealthAI:Edges:RateLimit:Burst must not be negative; got -1.", message, StringComparison.Ordinal);
        Assert.Contains("HealthAI:Edges:Retry:Tries must be between 1 and", message, StringComparison.Ordinal);
        Assert.Contains("HealthAI:Edges:Retry:Timeout must be more than 00:00:00", message, StringComparison.Ordinal);
        Assert.Contains("HealthAI:Edges:RouteTimeouts:apii: no proxied route is called 'apii'", message, StringComparison.Ordinal);
        Assert.Contains("HealthAI:Edges:AllowedNetworks:0: '10.0.0.300/8' is not a CIDR network", message, StringComparison.Ordinal);
        Assert.Contains("HealthAI:Monitoring:RunbooksUrl must be the runbooks' address", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_with_fault_injection_on_fails_naming_the_setting()
    {
        using var output = RunDirectory.Create("publish-faults");
        string[] args =
        [
            "--operation", "publish", "--step", "publish", "--output-path", output.Path,
            "HealthAI:Runtime=HostProcess",
            "HealthAI:Replicas:FaultInjection=true",
        ];

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.HealthAI_AppHost>(args, Cancel);
            await using var app = await builder.BuildAsync(Cancel);
        });

        Assert.Contains("HealthAI:Replicas:FaultInjection must be false when publishing", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Faults:Enabled", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(output.Path));
    }

    [Fact]
    public async Task The_local_run_may_turn_fault_injection_on()
    {
        string[] args = ["HealthAI:Runtime=HostProcess", "HealthAI:Replicas:FaultInjection=true"];

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.HealthAI_AppHost>(args, Cancel);
        await using var app = await builder.BuildAsync(Cancel);

        Assert.NotNull(app);
    }

    [Fact]
    public async Task A_model_budget_the_ask_route_does_not_cover_stops_start_up_naming_both_keys()
    {
        string[] bad =
        [
            "HealthAI:Runtime=HostProcess",
            "HealthAI:Replicas:Model:Endpoint=http://localhost:11434/v1",
            "HealthAI:Replicas:Model:Timeout=00:00:10",
            "HealthAI:Edges:RouteTimeouts:api_ask=00:00:08",
        ];

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.HealthAI_AppHost>(bad, Cancel);
            await using var app = await builder.BuildAsync(Cancel);
        });

        Assert.Contains("HealthAI:Edges:RouteTimeouts:api_ask (00:00:08) must exceed HealthAI:Replicas:Model:Timeout (00:00:10) by at least 00:00:02", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_model_gives_the_ask_route_its_budget_and_reaches_every_replica()
    {
        var output = Path.Combine(Path.GetTempPath(), $"healthai-model-budget-{Guid.NewGuid():N}");
        string[] configured =
        [
            "HealthAI:Runtime=HostProcess",
            "HealthAI:Replicas:Model:Endpoint=http://localhost:11434/v1",
            "HealthAI:Replicas:Model:Name=llama3.2",
            "HealthAI:Replicas:Model:Timeout=00:00:10",
            "HealthAI:Replicas:Model:AttemptTimeout=00:00:04",
            "--operation", "publish", "--step", "publish", "--output-path", output,
        ];

        try
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.HealthAI_AppHost>(configured, Cancel);
            var app = await builder.BuildAsync(Cancel);
            try
            {
                var settings = app.Services.GetRequiredService<IConfiguration>().GetSection(HealthAISettings.SectionName).Get<HealthAISettings>()!;
                // The same function gives the local run's replicas their settings (ReplicaEnvironment.Settings).
                var deployed = DeploymentTopologyFactory.Create(app.Services.GetRequiredService<DistributedApplicationModel>(), settings).ApiSettings;
                var tuning = settings.Edges.ToTuning(settings.Replicas);

                Assert.Equal("http://localhost:11434/v1", deployed["Model__Endpoint"]);
                Assert.Equal("llama3.2", deployed["Model__Name"]);
                Assert.Equal("00:00:10", deployed["Model__Timeout"]);
                Assert.Equal("00:00:04", deployed["Model__AttemptTimeout"]);
                Assert.Equal(TimeSpan.FromSeconds(12), tuning.RouteTimeouts[EdgeRoutes.AskRouteName]);
            }
            finally
            {
                await UnstartedApps.DisposeAsync(app);
            }
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Fact]
    public void Without_a_model_the_ask_route_keeps_its_own_timeout()
    {
        var settings = new HealthAISettings();

        var tuning = settings.Edges.ToTuning(settings.Replicas);

        Assert.False(tuning.RouteTimeouts.ContainsKey(EdgeRoutes.AskRouteName));
        Assert.Equal(EdgeRoutes.ShortReadTimeout, EdgeRoutes.Default("/").Single(route => route.Name == EdgeRoutes.AskRouteName).Timeouts.Read);
        Assert.Equal(new HealthAI.Api.KnowledgeBase.Storage.KnowledgeBaseOptions().MaxDocumentBytes, tuning.ReplayableBodyBytes);
    }

    [Fact]
    public async Task A_model_endpoint_that_is_not_an_http_address_stops_start_up()
    {
        string[] bad = ["HealthAI:Runtime=HostProcess", "HealthAI:Replicas:Model:Endpoint=localhost:11434"];

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.HealthAI_AppHost>(bad, Cancel);
            await using var app = await builder.BuildAsync(Cancel);
        });

        Assert.Contains("HealthAI:Replicas:Model:Endpoint must be an absolute http or https address", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_bad_database_knob_is_named_by_its_key()
    {
        string[] bad =
        [
            "HealthAI:Runtime=HostProcess",
            "HealthAI:KnowledgeBase:Failover:UnhealthyTimeout=00:00:00",
            "HealthAI:KnowledgeBase:Failover:HealthCheckRetries=11",
            "HealthAI:KnowledgeBase:Failover:KeeperConnectTimeout=00:00:01",
            "HealthAI:Publish:Kubernetes:Instances=1",
            "HealthAI:Publish:Kubernetes:ClusterName=Healthai_DB",
            "HealthAI:Publish:Kubernetes:StorageSize=ten",
            "HealthAI:Publish:Kubernetes:BackupMethod=ObjectStore",
        ];

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.HealthAI_AppHost>(bad, Cancel);
            await using var app = await builder.BuildAsync(Cancel);
        });

        var message = error.ToString();
        Assert.Contains("HealthAI:KnowledgeBase:Failover:UnhealthyTimeout must be between", message, StringComparison.Ordinal);
        Assert.Contains("HealthAI:KnowledgeBase:Failover:HealthCheckRetries must be between 0 and 10; got 11.", message, StringComparison.Ordinal);
        Assert.Contains("HealthAI:KnowledgeBase:Failover:KeeperConnectTimeout must be between 00:00:02 and 00:01:00; got 00:00:01.", message, StringComparison.Ordinal);
        Assert.Contains("HealthAI:Publish:Kubernetes:Instances must be between 2 and 9; got 1.", message, StringComparison.Ordinal);
        Assert.Contains("HealthAI:Publish:Kubernetes:ClusterName must be a DNS label", message, StringComparison.Ordinal);
        Assert.Contains("HealthAI:Publish:Kubernetes:StorageSize must be a Kubernetes quantity", message, StringComparison.Ordinal);
        Assert.Contains("HealthAI:Publish:Kubernetes:ObjectStorePath is required when BackupMethod is ObjectStore", message, StringComparison.Ordinal);
    }
}
