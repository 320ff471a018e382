using System.Text.Json;
using System.Text.Json.Serialization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using HealthAI.AppHost.KnowledgeBase;
using HealthAI.AppHost.Monitoring;
using HealthAI.AppHost.Publishing;
using HealthAI.AppHost.Publishing.Compose;
using HealthAI.AppHost.Publishing.Kubernetes;
using HealthAI.AppHost.Replicas;
using HealthAI.Edge.Policy;
using HealthAI.Hosting;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAI.AppHost.Tests.Publishing;

/// <summary>
/// The local run, compose and Kubernetes derive every deployed setting from the same app model: their
/// edge policies differ only in addresses, paths and ports, and their Prometheus jobs agree by name,
/// interval and path. The operator's knobs are set to values no default has, so a target that ignored
/// one would disagree. The run's model is the real AppHost's in run mode, the publishers' is the real
/// AppHost's in publish mode; nothing is started.
/// </summary>
public sealed class TargetAgreementTests(TargetAgreementTests.Models models) : IClassFixture<TargetAgreementTests.Models>
{
    private static readonly string[] Knobs =
    [
        "HealthAI:Runtime=HostProcess",
        "HealthAI:Edges:AllowedNetworks:0=10.20.0.0/16",
        "HealthAI:Edges:AllowedNetworks:1=127.0.0.1/32",
        "HealthAI:Edges:RateLimit:RequestsPerSecond=7",
        "HealthAI:Edges:RateLimit:Burst=3",
        "HealthAI:Edges:Retry:Tries=2",
        "HealthAI:Edges:Retry:Timeout=00:00:07",
        "HealthAI:Edges:RouteTimeouts:api=00:00:45",
        "HealthAI:Edges:RouteTimeouts:backup=00:10:00",
    ];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_variable_the_run_compose_or_Kubernetes_gives_a_replica_is_one_of_ReplicaEnvironment()
    {
        var (run, topology) = (models.Run, models.Topology);
        var emitted = new List<(string Target, string Key)>();

        var execution = run.App.Services.GetRequiredService<DistributedApplicationExecutionContext>();
        foreach (var replica in run.Model.Resources.OfType<ApiReplicaResource>())
        {
            var environment = new Dictionary<string, object>(StringComparer.Ordinal);
            var context = new EnvironmentCallbackContext(execution, environmentVariables: environment, cancellationToken: Cancel);
            foreach (var callback in replica.Annotations.OfType<EnvironmentCallbackAnnotation>())
            {
                await callback.Callback(context);
            }

            // Aspire's OTLP exporter (WithOtlpExporter) is Aspire's to name; every other key is ours.
            emitted.AddRange(environment.Keys.Where(key => !key.StartsWith("OTEL_", StringComparison.Ordinal)).Select(key => ("run", key)));
        }

        var compose = ComposeDocumentFactory.Create(topology);
        foreach (var replica in topology.Replicas)
        {
            emitted.AddRange(compose.Services[replica.Name].Environment!.Keys.Select(key => ("compose", key)));
        }

        var postgres = new DeployedPostgreSql("monitor", ["node-1", "node-2"], new PostgreSqlFailoverSettings());
        emitted.AddRange(ComposePostgres.ApiEnvironment(postgres).Select(variable => ("compose postgres", variable.Key)));

        var files = DeploymentFiles.For(topology, DeploymentTarget.Kubernetes, RepositoryPaths.Of("HealthAI.AppHost"));
        foreach (var deployment in KubernetesManifestFactory.Create(topology, files).OfType<V1Deployment>())
        {
            emitted.AddRange(deployment.Spec.Template.Spec.Containers.Where(container => container.Name == "api")
                .SelectMany(container => container.Env).Select(variable => ("kubernetes", variable.Name)));
        }

        Assert.Contains(emitted, e => e.Target == "run");
        Assert.Contains(emitted, e => e.Target == "compose");
        Assert.Contains(emitted, e => e.Target == "kubernetes");
        Assert.Empty(emitted.Where(e => ReplicaEnvironment.Find(e.Key) is null).Distinct());
    }

    [Fact]
    public void Run_compose_and_Kubernetes_edge_policies_differ_only_in_addresses_paths_ports_and_the_knowledge_base_kind()
    {
        var (run, topology) = (models.Run, models.Topology);

        foreach (var edge in run.Model.Resources.OfType<IEdgeResource>())
        {
            var ports = edge.Configuration.Upstreams.Select((u, i) => (u.Endpoint.Resource.Name, Port: 5001 + i)).ToDictionary(u => u.Name, u => u.Port);
            var local = EdgePolicyFactory.Create(edge, ports);
            var deployed = topology.Edges.Single(e => e.Name == edge.Name);
            var targets = new List<(string Target, EdgePolicy Policy)> { ("compose", DeployedConfigurations.EdgePolicy(topology, DeploymentTarget.Compose, deployed)) };
            if (DeploymentFiles.EdgesOf(topology, DeploymentTarget.Kubernetes).Contains(deployed))
            {
                targets.Add(("kubernetes", DeployedConfigurations.EdgePolicy(topology, DeploymentTarget.Kubernetes, deployed)));
            }

            Assert.Equal(7, local.RateLimit.RequestsPerSecond);
            Assert.Equal(["10.20.0.0/16", "127.0.0.1/32"], local.Access.AllowedNetworks);
            Assert.Equal(TimeSpan.FromSeconds(45), local.Routes.Single(r => r.Name == "api").Timeouts.Read);
            Assert.Equal(EdgeRoutes.ShortReadTimeout, local.Routes.Single(r => r.Name == EdgeRoutes.AskRouteName).Timeouts.Read);
            foreach (var (target, policy) in targets)
            {
                Assert.True(WithoutPlacement(local) == WithoutPlacement(policy), $"{edge.Name} in {target} differs from the run beyond addresses, paths and ports:\nrun:\n{WithoutPlacement(local)}\n{target}:\n{WithoutPlacement(policy)}");
                Assert.Equal(Roles(local), Roles(policy));
                Assert.Equal(Backups(local), Backups(policy));
                Assert.Equal(
                    target == "kubernetes" ? EdgeRoutes.SwitchReadTimeout : EdgeRoutes.ShortReadTimeout,
                    policy.Routes.Single(r => r.Name == EdgeRoutes.AskRouteName).Timeouts.Read);
            }
        }
    }

    [Fact]
    public void Run_compose_and_Kubernetes_scrape_the_same_jobs_at_the_same_intervals_and_paths()
    {
        var (run, topology) = (models.Run, models.Topology);
        var global = topology.Monitoring.ScrapeInterval;

        var local = Jobs(ScrapeJobCollector.Collect(run.Model, "127.0.0.1", (_, _) => 9999), global);
        // The deployed database's exporters belong to a database the local run does not have (pg_auto_failover in compose,
        // CloudNativePG on Kubernetes); every other job must agree.
        string[] databaseJobs = [DeployedPostgreSql.ScrapeJob, DeployedConfigurations.CloudNativePgScrapeJob];
        var compose = Jobs(DeployedConfigurations.Prometheus(topology, DeploymentTarget.Compose).Jobs.Where(j => !databaseJobs.Contains(j.Name)).ToList(), global);
        var kubernetes = Jobs(DeployedConfigurations.Prometheus(topology, DeploymentTarget.Kubernetes).Jobs.Where(j => !databaseJobs.Contains(j.Name)).ToList(), global);
        // Kubernetes runs the default edge only; an alternative edge's job is all it may lack.
        var alternativeEdgeJobs = topology.ScrapeTargets.Where(t => t.Placement == ScrapedPlacement.AlternativeEdge).Select(t => t.Annotation.Job).ToList();

        Assert.Contains("haproxy", local.Select(j => j.Name));
        Assert.Equal(local, compose);
        Assert.Equal(local.Where(j => !alternativeEdgeJobs.Contains(j.Name)), kubernetes);
    }

    [Fact]
    public void Published_edges_redirect_HTTP_to_the_HTTPS_port_the_deployment_publishes()
    {
        var topology = models.Topology;

        foreach (var edge in topology.Edges)
        {
            var published = DeployedConfigurations.PublishedPorts(edge);
            Assert.Equal(published.Https, DeployedConfigurations.EdgePolicy(topology, DeploymentTarget.Compose, edge).Listeners.PublicHttpsPort);
        }

        Assert.Equal(443, DeployedConfigurations.EdgePolicy(topology, DeploymentTarget.Compose, topology.DefaultEdge).Listeners.PublicHttpsPort);
        Assert.Equal(443, DeployedConfigurations.EdgePolicy(topology, DeploymentTarget.Kubernetes, topology.DefaultEdge).Listeners.PublicHttpsPort);
    }

    // Everything a target places (addresses, paths, ports, how the stats secret arrives) replaced by one value.
    private static string WithoutPlacement(EdgePolicy policy) => JsonSerializer.Serialize(policy with
    {
        Upstreams = [],
        HostPaths = new EdgeHostPaths("/placed"),
        Status = policy.Status with { Address = "placed", Port = 1, StatsPassword = "placed", StatsPasswordVariable = null },
        Listeners = policy.Listeners with { PublicAddresses = ["placed"], HttpPort = 1, HttpsPort = 2, RedirectHttpsPort = null },
        Tls = policy.Tls is null ? null : policy.Tls with { CertificatePath = "/placed", KeyPath = "/placed" },
        RequestLogStream = policy.RequestLogStream is null ? null : policy.RequestLogStream with { Address = "placed" },
        Routes = [.. policy.Routes.Select(route => Placed(route with { StaticDirectory = route.StaticDirectory is null ? null : "/placed" }))],
    }, Json);

    // A route that waits out a switch of primary takes its timeout from the target's knowledge base, which is placement.
    private static EdgeRoute Placed(EdgeRoute route) =>
        route.WaitsOutPrimarySwitch ? route with { Timeouts = RouteTimeouts.Of(TimeSpan.Zero) } : route;

    private static IReadOnlyList<UpstreamRole> Roles(EdgePolicy policy) => [.. policy.Upstreams.Select(u => u.Role).Distinct().Order()];

    private static IReadOnlyList<string> Backups(EdgePolicy policy) => [.. policy.Upstreams.Where(u => u.Role == UpstreamRole.Backup).Select(u => u.Name).Order(StringComparer.Ordinal)];

    private static List<(string Name, TimeSpan Interval, string Path)> Jobs(IEnumerable<HealthAI.AppHost.Monitoring.Prometheus.ScrapeJob> jobs, TimeSpan global) =>
        [.. jobs.Select(job => (job.Name, job.Interval ?? global, job.MetricsPath)).OrderBy(job => job.Name, StringComparer.Ordinal)];

    /// <summary>The real AppHost's model in run mode, and the deployment its publish-mode model gives.</summary>
    public sealed class Models : IAsyncLifetime
    {
        private AppModel? _publish;

        public AppModel Run { get; private set; } = null!;

        public DeploymentTopology Topology { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Run = await AppModel.BuildAsync(publish: false);
            _publish = await AppModel.BuildAsync(publish: true);
            Topology = _publish.Topology();
        }

        public async ValueTask DisposeAsync()
        {
            await Run.DisposeAsync();
            if (_publish is not null)
            {
                await _publish.DisposeAsync();
            }
        }
    }

    /// <summary>The real AppHost's model, built but not started, in run or publish mode.</summary>
    public sealed class AppModel : IAsyncDisposable
    {
        private readonly string _scratch;

        private AppModel(DistributedApplication app, string scratch)
        {
            App = app;
            _scratch = scratch;
        }

        public DistributedApplication App { get; }

        public DistributedApplicationModel Model => App.Services.GetRequiredService<DistributedApplicationModel>();

        public static async Task<AppModel> BuildAsync(bool publish)
        {
            var scratch = RunDirectory.Create("agreement").Path;
            string[] mode = publish
                ? ["--operation", "publish", "--step", "publish", "--output-path", Path.Combine(scratch, "out")]
                : [$"HealthAI:Storage:DataDirectory={Path.Combine(scratch, "data")}", $"HealthAI:Storage:BackupsDirectory={Path.Combine(scratch, "backups")}"];
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.HealthAI_AppHost>([.. Knobs, .. mode], Cancel);
            Assert.Equal(publish, builder.ExecutionContext.IsPublishMode);
            return new AppModel(await builder.BuildAsync(Cancel), scratch);
        }

        public DeploymentTopology Topology()
        {
            var settings = App.Services.GetRequiredService<IConfiguration>().GetSection(HealthAISettings.SectionName).Get<HealthAISettings>()!;
            return DeploymentTopologyFactory.Create(Model, settings);
        }

        public async ValueTask DisposeAsync()
        {
            await UnstartedApps.DisposeAsync(App);
            Directory.Delete(_scratch, recursive: true);
        }
    }
}
