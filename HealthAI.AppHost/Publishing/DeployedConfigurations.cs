using HealthAI.AppHost.Monitoring;
using HealthAI.AppHost.Monitoring.Prometheus;
using HealthAI.Contracts;
using HealthAI.Edge.Policy;
using HealthAI.Hosting;

namespace HealthAI.AppHost.Publishing;

/// <summary>
/// The edge and Prometheus configurations of a published deployment: the same derivations as the local
/// run (<see cref="EdgePolicyDerivation"/>, <see cref="ScrapeJobCollector"/>) over the same app model,
/// with the addresses, paths and ports of containers. Both publishers take their files from here.
/// </summary>
public static class DeployedConfigurations
{
    /// <summary>Where an edge container keeps pid and temp files (a tmpfs / emptyDir).</summary>
    public const string EdgeRunDirectory = "/tmp/healthai-edge";

    /// <summary>
    /// The size of the edge's run directory (RAM-backed in compose, an emptyDir on Kubernetes), in MiB: request bodies the
    /// edge holds to replay a write, each bounded by its route's limit (a 4 MiB batch at most), for some sixty at once.
    /// Responses are streamed, never spooled there.
    /// </summary>
    public const int EdgeRunDirectoryMiB = 256;

    /// <summary>Where an edge container finds its certificate (a secret).</summary>
    public const string TlsDirectory = "/etc/healthai/tls";

    /// <summary>Where an edge container finds the static site.</summary>
    public const string StaticDirectory = "/usr/share/healthai/static";

    /// <summary>Ports inside edge containers: unprivileged, mapped to 80 and 443 outside.</summary>
    public const int EdgeHttpPort = 8080;

    /// <inheritdoc cref="EdgeHttpPort"/>
    public const int EdgeHttpsPort = 8443;

    /// <summary>Where the default edge is published: the standard ports.</summary>
    public const int PublicHttpPort = 80;

    /// <inheritdoc cref="PublicHttpPort"/>
    public const int PublicHttpsPort = 443;

    /// <summary>The Kubernetes Service of the primaries.</summary>
    public const string ApiService = "healthai-api";

    /// <summary>The headless Kubernetes Service Prometheus discovers the primaries' pods through.</summary>
    public const string ApiPodsService = "healthai-api-pods";

    /// <summary>The headless Kubernetes Service Prometheus discovers the edge exporters and sidecars through.</summary>
    public const string NginxMetricsService = "nginx-metrics";

    /// <summary>
    /// Where <paramref name="edge"/> is reached from outside: the default edge on 80 and 443, an alternative
    /// on its own ports from the settings, so both can run on one host.
    /// </summary>
    public static EdgePorts PublishedPorts(DeployedEdge edge)
    {
        ArgumentNullException.ThrowIfNull(edge);
        return edge.IsDefault
            ? new EdgePorts { Http = PublicHttpPort, Https = PublicHttpsPort, Status = edge.StatusPort }
            : edge.ModelPorts;
    }

    /// <summary>The upstreams <paramref name="edge"/> balances over in <paramref name="target"/>.</summary>
    public static IReadOnlyList<Upstream> Upstreams(DeploymentTopology topology, DeploymentTarget target, DeployedEdge edge)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(edge);
        var upstreams = edge.Configuration.Upstreams.Select(u => (Name: u.Endpoint.Resource.Name, u.Role)).ToList();
        return target == DeploymentTarget.Compose
            ? [.. upstreams.Select(u => new Upstream(u.Name, u.Name, topology.ApiPort, u.Role))]
            // Kubernetes balances over the primaries' pods itself; the edge keeps the backup as its fallback.
            : [
                new Upstream(ApiService, ApiService, topology.ApiPort),
                .. upstreams.Where(u => u.Role == UpstreamRole.Backup).Select(u => new Upstream(u.Name, u.Name, topology.ApiPort, u.Role)),
            ];
    }

    /// <summary>The policy of <paramref name="edge"/> in <paramref name="target"/>.</summary>
    public static EdgePolicy EdgePolicy(DeploymentTopology topology, DeploymentTarget target, DeployedEdge edge)
    {
        ArgumentNullException.ThrowIfNull(edge);
        return EdgePolicyDerivation.Derive(edge.Configuration, new EdgePlacement
        {
            Upstreams = Upstreams(topology, target, edge),
            // Logs go to the container's stdout and stderr, where the runtime collects them.
            HostPaths = new EdgeHostPaths(EdgeRunDirectory) { AccessLogFile = null, ErrorLogFile = null },
            StaticDirectory = StaticDirectory,
            Tls = edge.Tool.Tls(EdgeCertificate.At(TlsDirectory)),
            ListenAddress = "0.0.0.0",
            // In compose the exporter is a service of its own at a fixed address, which survives a restart of the edge alone.
            RequestLogAddress = target == DeploymentTarget.Compose && topology.EdgeSidecars.Count > 0 ? Compose.ComposeAddresses.EdgeSidecar(0) : null,
            KnowledgeBaseSwitchesPrimary = target == DeploymentTarget.Kubernetes
                ? topology.KubernetesDatabase.Engine == KnowledgeBaseEngine.PostgreSql
                : topology.PostgreSql is not null,
            HttpPort = EdgeHttpPort,
            HttpsPort = EdgeHttpsPort,
            PublishedHttpsPort = target == DeploymentTarget.Kubernetes ? PublicHttpsPort : PublishedPorts(edge).Https,
            // Reached by the exporter or Prometheus across the internal network; the allow-list still applies.
            StatusPort = edge.StatusPort,
            StatsPassword = "from-environment",
            StatsPasswordVariable = DeployedSecret.HaproxyStatsPassword.EnvironmentVariable,
        });
    }

    /// <summary>What Prometheus scrapes in <paramref name="target"/>: every scrape target of the app model, placed.</summary>
    public static PrometheusSetup Prometheus(DeploymentTopology topology, DeploymentTarget target)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var monitoring = topology.Monitoring;
        return new PrometheusSetup(
            monitoring.ScrapeInterval,
            monitoring.EvaluationInterval,
            InfrastructureTool.RuleFiles,
            [.. topology.Alertmanagers.Select(alertmanager => alertmanager.ToString())],
            [.. ScrapeJobCollector.Group(topology.ScrapeTargets.Select(t => Place(topology, target, t)).OfType<PlacedScrapeTarget>()), .. DatabaseJobs(topology, target)],
            Runbooks.ExternalLabels(monitoring));
    }

    /// <summary>
    /// The knowledge base's database, where a deployment runs one: compose's pg_auto_failover exporter (found by DNS,
    /// so that it is no target while the postgres profile is off), or every CloudNativePG instance's own exporter.
    /// </summary>
    private static IEnumerable<ScrapeJob> DatabaseJobs(DeploymentTopology topology, DeploymentTarget target)
    {
        if (target == DeploymentTarget.Compose && topology.PostgreSql is { } postgres)
        {
            yield return new ScrapeJob(DeployedPostgreSql.ScrapeJob, "/metrics", null, [],
                new DnsDiscovery(postgres.Exporter, postgres.ExporterPort, new Dictionary<string, string> { ["resource"] = postgres.Exporter }));
        }
        else if (target == DeploymentTarget.Kubernetes && Kubernetes.CloudNativePgFactory.Enabled(topology))
        {
            yield return new ScrapeJob(CloudNativePgScrapeJob, "/metrics", null, [],
                new DnsDiscovery($"{Kubernetes.CloudNativePgFactory.MetricsService(topology)}.{topology.Namespace}.svc", Kubernetes.CloudNativePgFactory.MetricsPort, new Dictionary<string, string>()));
        }
    }

    /// <summary>The Prometheus job of the CloudNativePG instances' exporters, which the alert rules name.</summary>
    public const string CloudNativePgScrapeJob = "cloudnative-pg";

    private static PlacedScrapeTarget? Place(DeploymentTopology topology, DeploymentTarget target, DeployedScrapeTarget scraped)
    {
        var annotation = scraped.Annotation;
        var byName = new PlacedScrapeTarget(annotation, new ScrapeTarget(new DeployedService(scraped.Resource, scraped.Port).ToString(), ScrapeJobCollector.LabelsOf(annotation, scraped.Resource)));
        return (target, scraped.Placement) switch
        {
            // An alternative edge runs only under its profile: found by DNS, it is no target while the profile is off.
            (DeploymentTarget.Compose, ScrapedPlacement.AlternativeEdge) => new PlacedScrapeTarget(annotation, null, new DnsDiscovery(scraped.Resource, scraped.Port, ScrapeJobCollector.LabelsOf(annotation, scraped.Resource))),
            (DeploymentTarget.Compose, _) => byName,
            (DeploymentTarget.Kubernetes, ScrapedPlacement.Primary) => new PlacedScrapeTarget(annotation, null, new DnsDiscovery($"{ApiPodsService}.{topology.Namespace}.svc", scraped.Port, annotation.Labels)),
            (DeploymentTarget.Kubernetes, ScrapedPlacement.EdgeExporter or ScrapedPlacement.EdgeSidecar) => new PlacedScrapeTarget(annotation, null, new DnsDiscovery($"{NginxMetricsService}.{topology.Namespace}.svc", scraped.Port, annotation.Labels)),
            // Kubernetes runs the default edge only.
            (DeploymentTarget.Kubernetes, ScrapedPlacement.AlternativeEdge) => null,
            _ => byName,
        };
    }
}
