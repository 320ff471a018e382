using HealthAI.Hosting;

namespace HealthAI.AppHost.Monitoring;

/// <summary>What a monitoring resource is, which decides how dashboards and network rules refer to it.</summary>
public enum MonitoringServiceKind
{
    /// <summary>Scrapes every target and evaluates the alert rules.</summary>
    Prometheus,

    /// <summary>Routes Prometheus' alerts.</summary>
    Alertmanager,

    /// <summary>Shows Prometheus' series.</summary>
    Grafana,
}

/// <summary>
/// How a monitoring resource of the app model runs as a deployed service: the monitoring builders add it,
/// and both publishers render the service from it alone, so compose and Kubernetes never declare
/// Prometheus, Alertmanager or Grafana themselves. Its ports are the resource's <c>http</c> endpoint.
/// </summary>
public sealed record MonitoringServiceAnnotation : IResourceAnnotation
{
    /// <summary>What the service is.</summary>
    public required MonitoringServiceKind Kind { get; init; }

    /// <summary>The image the service runs, pinned.</summary>
    public required string Image { get; init; }

    /// <summary>The project's own image (built by <c>./healthai images</c>); null for an upstream image that needs a registry.</summary>
    public ProjectImage? Build { get; init; }

    /// <summary>The arguments of its command inside the container (its configuration and data paths, its port).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The path that answers 200 once the service is ready.</summary>
    public required string ReadinessPath { get; init; }

    /// <summary>The folders of configuration files the service reads, mounted read-only.</summary>
    public required IReadOnlyList<MonitoringConfigMount> ConfigMounts { get; init; }

    /// <summary>Where the service keeps its data.</summary>
    public required MonitoringDataMount Data { get; init; }

    /// <summary>Settings that are neither secret nor an address.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Variables that carry a secret parameter of the app model.</summary>
    public IReadOnlyList<MonitoringSecretVariable> Secrets { get; init; } = [];

    /// <summary>Variables that carry the URL of another resource's <c>http</c> endpoint as the deployment reaches it.</summary>
    public IReadOnlyList<MonitoringServiceUrl> ServiceUrls { get; init; } = [];

    /// <summary>Whether operators reach it (on loopback in compose, by port-forward in Kubernetes) rather than only other services.</summary>
    public bool OperatorFacing { get; init; }

    /// <summary>The unprivileged user its image runs as.</summary>
    public required long RunAsUser { get; init; }

    /// <summary>CPU and memory it requests and is limited to, in Kubernetes quantities.</summary>
    public required Publishing.ComputeResources Resources { get; init; }
}

/// <summary>A folder of configuration files: kept in the repository (and rendered into), mounted read-only.</summary>
/// <param name="Name">The mount's name (the Kubernetes volume, and its ConfigMap as <c>&lt;service&gt;-&lt;name&gt;</c>).</param>
/// <param name="Folder">The folder of the deployment's files it mounts, such as <c>grafana/dashboards</c>.</param>
/// <param name="MountPath">Where the service reads it.</param>
/// <param name="Source">The repository folder its files are copied from.</param>
/// <param name="Files">The names of the files taken from <paramref name="Source"/>; null for every file but the Dockerfile.</param>
public sealed record MonitoringConfigMount(string Name, string Folder, string MountPath, string Source, IReadOnlyList<string>? Files = null);

/// <summary>Where a service keeps its data: a named volume when it outlives the container, scratch space when not.</summary>
public sealed record MonitoringDataMount(string MountPath, bool Persistent);

/// <summary>A variable that carries the secret parameter <paramref name="Parameter"/>.</summary>
public sealed record MonitoringSecretVariable(string Variable, string Parameter);

/// <summary>A variable that carries <paramref name="Target"/>'s <c>http</c> URL.</summary>
public sealed record MonitoringServiceUrl(string Variable, IResource Target);
