using HealthAI.Edge.Hosting;
using HealthAI.Edge.Policy;

namespace HealthAI.AppHost;

/// <summary>
/// Every knob of the HealthAI topology, bound from the AppHost's <c>HealthAI</c> configuration section
/// (appsettings.json, <c>HealthAI__*</c> environment variables, or command-line arguments).
/// </summary>
public sealed class HealthAISettings
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "HealthAI";

    /// <summary>How the API replicas run.</summary>
    public ReplicaSettings Replicas { get; set; } = new();

    /// <summary>The shared data and backups folders of the replicas.</summary>
    public StorageSettings Storage { get; set; } = new();

    /// <summary>Containers, host processes, or whichever this machine offers, for nginx, HAProxy and Prometheus.</summary>
    public ResourceRuntime Runtime { get; set; } = ResourceRuntime.Auto;

    /// <summary>The edges in front of the replicas.</summary>
    public EdgeSettings Edges { get; set; } = new();

    /// <summary>Prometheus, Alertmanager, the nginx exporter and Grafana.</summary>
    public Monitoring.MonitoringSettings Monitoring { get; set; } = new();

    /// <summary>What the published compose and Kubernetes artifacts name.</summary>
    public Publishing.PublishSettings Publish { get; set; } = new();
}

/// <summary>The edges in front of the replicas.</summary>
public sealed class EdgeSettings
{
    /// <summary>Where nginx listens (0 = a free port).</summary>
    public EdgePortSettings Nginx { get; set; } = new() { Http = 8080, Https = 8443, Status = 8405 };

    /// <summary>Where HAProxy listens (0 = a free port).</summary>
    public EdgePortSettings Haproxy { get; set; } = new() { Http = 8081, Https = 8444, Status = 8404 };

    /// <summary>Networks allowed on /monitoring, /backup and the status pages; empty denies everyone.</summary>
    public List<string>? AllowedNetworks { get; set; }

    /// <summary>The allow-list in force: the configured one, or loopback and the private ranges.</summary>
    public IReadOnlyList<string> EffectiveAllowedNetworks => AllowedNetworks ?? [.. AccessPolicy.PrivateNetworks];
}

/// <summary>One edge's ports.</summary>
public sealed class EdgePortSettings
{
    /// <summary>Plain HTTP (redirects to HTTPS).</summary>
    public int Http { get; set; }

    /// <summary>HTTPS.</summary>
    public int Https { get; set; }

    /// <summary>The internal status endpoint on loopback.</summary>
    public int Status { get; set; }

    /// <summary>The ports as the edge hosting takes them.</summary>
    public EdgePorts ToEdgePorts() => new() { Http = Http, Https = Https, Status = Status };
}

/// <summary>How the API replicas run.</summary>
public sealed class ReplicaSettings
{
    /// <summary>How long a stopping replica keeps serving with readiness already 503.</summary>
    public TimeSpan DrainPeriod { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Lets requests ask a replica for injected latency (the API's test-only <c>Faults</c> switch).
    /// Failure drills and integration tests turn it on; never on in a deployment.
    /// </summary>
    public bool FaultInjection { get; set; }
}

/// <summary>
/// The folders every replica of this host shares: the knowledge base and its backups. Unset means
/// <c>.healthai/data</c> and <c>.healthai/backups</c> beside the AppHost (run mode only).
/// </summary>
public sealed class StorageSettings
{
    /// <summary>The shared data volume (the API's <c>KnowledgeBase:DataDirectory</c>).</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The shared backups volume (the API's <c>Backups:Directory</c>).</summary>
    public string? BackupsDirectory { get; set; }
}
