using HealthAI.AppHost.Replicas;

namespace HealthAI.AppHost.Publishing;

/// <summary>
/// The deployment both publishers write: derived from the app model that <c>dotnet run</c> uses and
/// from the settings, so that compose and Kubernetes cannot disagree on a number.
/// </summary>
public sealed record DeploymentTopology
{
    /// <summary>The API image, pinned.</summary>
    public required ContainerImage ApiImage { get; init; }

    /// <summary>The replicas of the app model: three primaries and the backup.</summary>
    public required IReadOnlyList<DeployedReplica> Replicas { get; init; }

    /// <summary>The port every API container listens on.</summary>
    public int ApiPort { get; init; } = 8000;

    /// <summary>How the replicas drain and whether faults may be injected: the same settings the local run passes.</summary>
    public required ReplicaSettings ReplicaSettings { get; init; }

    /// <summary>How long a stopping replica keeps serving with readiness already 503.</summary>
    public TimeSpan DrainPeriod => ReplicaSettings.DrainPeriod;

    /// <summary>How long requests in flight after the drain may take.</summary>
    public TimeSpan InFlightGracePeriod => ReplicaSettings.InFlightGracePeriod;

    /// <summary>The edges of the app model, the default one (published on 80 and 443) first.</summary>
    public required IReadOnlyList<DeployedEdge> Edges { get; init; }

    /// <summary>The edge every target deploys; the others are alternatives (a compose profile each).</summary>
    public DeployedEdge DefaultEdge => Edges[0];

    /// <summary>What Prometheus scrapes: every scrape-target annotation of the app model.</summary>
    public required IReadOnlyList<DeployedScrapeTarget> ScrapeTargets { get; init; }

    /// <summary>The Alertmanagers Prometheus sends alerts to, from the app model.</summary>
    public required IReadOnlyList<DeployedService> Alertmanagers { get; init; }

    /// <summary>Prometheus, Alertmanager and Grafana: every monitoring resource of the app model, in the order of their kinds.</summary>
    public required IReadOnlyList<DeployedMonitoringService> MonitoringServices { get; init; }

    /// <summary>The monitoring service <paramref name="name"/>.</summary>
    public DeployedMonitoringService MonitoringService(string name) => MonitoringServices.SingleOrDefault(s => s.Name == name)
        ?? throw new InvalidOperationException($"The app model has no monitoring service '{name}'; it has {string.Join(", ", MonitoringServices.Select(s => s.Name))}.");

    /// <summary>The Prometheus that scrapes the deployment.</summary>
    public DeployedMonitoringService Prometheus => MonitoringServices.Single(s => s.Service.Kind == HealthAI.AppHost.Monitoring.MonitoringServiceKind.Prometheus);

    /// <summary>The exporter that turns the default edge's status into metrics.</summary>
    public required DeployedService EdgeExporter { get; init; }

    /// <summary>The exporters that run in the default edge's network namespace (mtail), from the app model.</summary>
    public required IReadOnlyList<DeployedEdgeSidecar> EdgeSidecars { get; init; }

    /// <summary>The requests and limits of an API container (<see cref="KubernetesSettings"/>).</summary>
    public required ComputeResources ApiResources { get; init; }

    /// <summary>The autoscaling of the primaries (<see cref="KubernetesSettings.MinReplicas"/>, <see cref="KubernetesSettings.MaxReplicas"/>).</summary>
    public required Autoscaling Autoscaling { get; init; }

    /// <summary>The registry that qualifies the project's image names (<see cref="PublishSettings.Registry"/>); empty for none.</summary>
    public string Registry { get; init; } = "";

    /// <summary>The name both publishers write for <paramref name="image"/>: qualified by <see cref="Registry"/>.</summary>
    public string Image(string image) => ImageRegistry.Qualify(Registry, image);

    /// <summary>The secrets of the app model (its secret parameters), by name.</summary>
    public required IReadOnlyList<DeployedSecret> Secrets { get; init; }

    /// <summary>The secret <paramref name="name"/> of the app model.</summary>
    public DeployedSecret Secret(string name) => Secrets.SingleOrDefault(s => s.Name == name)
        ?? throw new InvalidOperationException($"The app model has no secret parameter '{name}'; it has {string.Join(", ", Secrets.Select(s => s.Name))}.");

    /// <summary>The knowledge base's PostgreSQL failover cluster, or null when the replicas keep SQLite on the shared volume.</summary>
    public DeployedPostgreSql? PostgreSql { get; init; }

    /// <summary>The knowledge base of the Kubernetes manifests: a CloudNativePG cluster, or the shared data claim.</summary>
    public KubernetesSettings KubernetesDatabase { get; init; } = new();

    /// <summary>The named volume (compose) or claim (Kubernetes) every replica shares for the knowledge base.</summary>
    public string DataVolume { get; init; } = "healthai-data";

    /// <summary>The named volume or claim every replica shares for backups.</summary>
    public string BackupsVolume { get; init; } = "healthai-backups";

    /// <summary>The shared data volume (knowledge base).</summary>
    public string DataVolumeSize { get; init; } = "10Gi";

    /// <summary>The shared backups volume.</summary>
    public string BackupVolumeSize { get; init; } = "50Gi";

    /// <summary>The Kubernetes namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Where compose rotates each service's log (<see cref="PublishSettings.ComposeLogMaxSize"/>, <see cref="PublishSettings.ComposeLogFiles"/>).</summary>
    public (string MaxSize, int Files) ComposeLogs { get; init; } = ("10m", 3);

    /// <summary>How many nginx edge pods run (Kubernetes).</summary>
    public int EdgeReplicas { get; init; } = 2;

    /// <summary>The monitoring stack's settings (intervals, ports).</summary>
    public required Monitoring.MonitoringSettings Monitoring { get; init; }

    /// <summary>The primaries.</summary>
    public IEnumerable<DeployedReplica> Primaries => Replicas.Where(r => r.Role == ReplicaRole.Primary);

    /// <summary>The backup replica.</summary>
    public DeployedReplica Backup => Replicas.Single(r => r.Role == ReplicaRole.Backup);

    /// <summary>Where an API container mounts the shared data volume.</summary>
    public string DataMountPath { get; init; } = "/app/data";

    /// <summary>Where an API container mounts the shared backups volume.</summary>
    public string BackupsMountPath { get; init; } = "/app/backups";

    /// <summary>Who may use the replicas' restricted endpoints, and whose <c>X-Forwarded-For</c> they honour.</summary>
    public required ReplicaNetworkAccess NetworkAccess { get; init; }

    /// <summary>
    /// The plain settings every API container gets: those of the local run (<see cref="ReplicaEnvironment.Settings"/>) with
    /// the volumes' mount paths, and the port. Each publisher adds the instance, the secrets and the engine under
    /// <see cref="ReplicaEnvironment"/>'s names, in its own way of naming and hiding their values.
    /// </summary>
    public IReadOnlyDictionary<string, string> ApiSettings => new SortedDictionary<string, string>(ReplicaEnvironment.Settings(ReplicaSettings, NetworkAccess, DataMountPath, BackupsMountPath).ToDictionary(), StringComparer.Ordinal)
    {
        [ReplicaEnvironment.HttpPorts] = ApiPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>How long the orchestrator must wait for a replica to stop on its own.</summary>
    public TimeSpan TerminationGracePeriod => DrainPeriod + InFlightGracePeriod + TimeSpan.FromSeconds(5);
}

/// <summary>One API replica as deployed.</summary>
public sealed record DeployedReplica(string Name, string Instance, ReplicaRole Role);

/// <summary>An exporter of the app model that runs beside the default edge, on <paramref name="Port"/> of the edge's network namespace.</summary>
public sealed record DeployedEdgeSidecar(string Name, int Port, Monitoring.EdgeSidecarAnnotation Sidecar);

/// <summary>An image reference with a pinned tag.</summary>
public sealed record ContainerImage(string Repository, string Tag)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Repository}:{Tag}";
}

/// <summary>CPU and memory requests and limits, in Kubernetes quantities.</summary>
public sealed record ComputeResources(string CpuRequest, string MemoryRequest, string CpuLimit, string MemoryLimit);

/// <summary>The horizontal autoscaling of the primaries: from 3 to 10 by default, CPU 70 %, memory 80 %.</summary>
public sealed record Autoscaling
{
    public int MinReplicas { get; init; } = 3;
    public int MaxReplicas { get; init; } = 10;
    public int CpuUtilization { get; init; } = 70;
    public int MemoryUtilization { get; init; } = 80;
    public int ScaleDownStabilizationSeconds { get; init; } = 300;
    public int ScaleDownPercent { get; init; } = 50;
    public int ScaleDownPeriodSeconds { get; init; } = 60;
    public int ScaleUpStabilizationSeconds { get; init; } = 60;
    public int ScaleUpPercent { get; init; } = 100;
    public int ScaleUpPeriodSeconds { get; init; } = 30;
}
