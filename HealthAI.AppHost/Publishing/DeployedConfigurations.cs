using HealthAI.AppHost.Monitoring.Prometheus;
using HealthAI.AppHost.Replicas;
using HealthAI.Edge.Hosting;
using HealthAI.Edge.Policy;
using HealthAI.ServiceDefaults;

namespace HealthAI.AppHost.Publishing;

/// <summary>
/// The edge and Prometheus configurations of a published deployment: the same models as the local run,
/// with the addresses and paths of containers. Both publishers take their files from here.
/// </summary>
public static class DeployedConfigurations
{
    /// <summary>Where an edge container keeps pid and temp files (a tmpfs / emptyDir).</summary>
    public const string EdgeRunDirectory = "/tmp/healthai-edge";

    /// <summary>Where an edge container finds its certificate (a secret).</summary>
    public const string TlsDirectory = "/etc/healthai/tls";

    /// <summary>Where an edge container finds the static site.</summary>
    public const string StaticDirectory = "/usr/share/healthai/static";

    /// <summary>The environment variable that carries HAProxy's stats password.</summary>
    public const string StatsPasswordVariable = "HAPROXY_STATS_PASSWORD";

    /// <summary>Ports inside edge containers: unprivileged, mapped to 80 and 443 outside.</summary>
    public const int EdgeHttpPort = 8080;

    /// <inheritdoc cref="EdgeHttpPort"/>
    public const int EdgeHttpsPort = 8443;

    /// <summary>The edges' internal status ports.</summary>
    public const int NginxStatusPort = 8405;

    /// <inheritdoc cref="NginxStatusPort"/>
    public const int HaproxyStatusPort = 8404;

    /// <summary>The Kubernetes Service of the primaries.</summary>
    public const string ApiService = "healthai-api";

    /// <summary>The headless Kubernetes Service Prometheus discovers the primaries' pods through.</summary>
    public const string ApiPodsService = "healthai-api-pods";

    /// <summary>The headless Kubernetes Service Prometheus discovers the nginx exporters through.</summary>
    public const string NginxMetricsService = "nginx-metrics";

    /// <summary>The upstreams an edge balances over in <paramref name="target"/>.</summary>
    public static IReadOnlyList<Upstream> Upstreams(DeploymentTopology topology, DeploymentTarget target)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return target == DeploymentTarget.Compose
            ? [.. topology.Replicas.Select(r => new Upstream(r.Name, r.Name, topology.ApiPort, Role(r.Role)))]
            // Kubernetes balances over the primaries' pods itself; the edge keeps the backup as its fallback.
            : [new Upstream(ApiService, ApiService, topology.ApiPort), new Upstream(topology.Backup.Name, topology.Backup.Name, topology.ApiPort, UpstreamRole.Backup)];
    }

    /// <summary>The policy of <paramref name="tool"/>'s edge in <paramref name="target"/>.</summary>
    public static EdgePolicy EdgePolicy(DeploymentTopology topology, DeploymentTarget target, EdgeTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var upstreams = Upstreams(topology, target);
        // Logs go to the container's stdout and stderr, where the runtime collects them.
        var paths = new EdgeHostPaths(EdgeRunDirectory) { AccessLogFile = null, ErrorLogFile = null };
        var policy = Edge.Policy.EdgePolicy.Default(upstreams, paths, statsPassword: "from-environment", tool.Tls(EdgeCertificate.At(TlsDirectory))) with
        {
            Routes = EdgeRoutes.Default(StaticDirectory),
            Listeners = new EdgeListeners { PublicAddresses = ["0.0.0.0"], HttpPort = EdgeHttpPort, HttpsPort = EdgeHttpsPort },
            Retry = RetryPolicy.Default with { Tries = upstreams.Count },
        };
        policy = policy with
        {
            Status = policy.Status with
            {
                // Reached by the exporter or Prometheus across the internal network; the allow-list still applies.
                Address = "0.0.0.0",
                Port = tool == EdgeTool.Nginx ? NginxStatusPort : HaproxyStatusPort,
                StatsPasswordVariable = StatsPasswordVariable,
            },
        };
        policy.EnsureValid();
        return policy;
    }

    /// <summary>What Prometheus scrapes in <paramref name="target"/>.</summary>
    public static PrometheusSetup Prometheus(DeploymentTopology topology, DeploymentTarget target)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var monitoring = topology.Monitoring;
        var api = target == DeploymentTarget.Compose
            ? new ScrapeJob("healthai-api", HealthEndpoints.Metrics, monitoring.ApiScrapeInterval,
                [.. topology.Replicas.Select(r => new ScrapeTarget($"{r.Name}:{topology.ApiPort}", Labels(("resource", r.Name), ("role", RoleLabel(r.Role)))))])
            : new ScrapeJob("healthai-api", HealthEndpoints.Metrics, monitoring.ApiScrapeInterval,
                [new ScrapeTarget($"{topology.Backup.Name}:{topology.ApiPort}", Labels(("resource", topology.Backup.Name), ("role", "backup")))],
                new DnsDiscovery($"{ApiPodsService}.{topology.Namespace}.svc", topology.ApiPort, Labels(("role", "primary"))));
        var nginx = target == DeploymentTarget.Compose
            ? new ScrapeJob("nginx", "/metrics", null, [new ScrapeTarget($"nginx-exporter:{monitoring.NginxExporterPort}", Labels(("resource", "nginx-exporter")))])
            : new ScrapeJob("nginx", "/metrics", null, [], new DnsDiscovery($"{NginxMetricsService}.{topology.Namespace}.svc", monitoring.NginxExporterPort, Labels()));
        return new PrometheusSetup(
            monitoring.ScrapeInterval,
            monitoring.EvaluationInterval,
            ["alert-rules.yml"],
            [$"alertmanager:{monitoring.AlertmanagerPort}"],
            [
                api,
                nginx,
                new ScrapeJob("prometheus", "/metrics", null, [new ScrapeTarget($"localhost:{monitoring.PrometheusPort}", Labels(("resource", "prometheus")))]),
                new ScrapeJob("alertmanager", "/metrics", null, [new ScrapeTarget($"alertmanager:{monitoring.AlertmanagerPort}", Labels(("resource", "alertmanager")))]),
            ]);
    }

    private static UpstreamRole Role(ReplicaRole role) => role == ReplicaRole.Backup ? UpstreamRole.Backup : UpstreamRole.Primary;

    private static string RoleLabel(ReplicaRole role) => role == ReplicaRole.Backup ? "backup" : "primary";

    private static Dictionary<string, string> Labels(params (string Key, string Value)[] labels) =>
        labels.ToDictionary(l => l.Key, l => l.Value);
}
