using HealthAI.Hosting;

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

    /// <summary>Which engine the replicas keep the knowledge base in, and where.</summary>
    public KnowledgeBase.KnowledgeBaseSettings KnowledgeBase { get; set; } = new();

    /// <summary>Containers, host processes, or whichever this machine offers, for nginx, HAProxy and Prometheus.</summary>
    public ResourceRuntime Runtime { get; set; } = ResourceRuntime.Auto;

    /// <summary>The edges in front of the replicas.</summary>
    public EdgeSettings Edges { get; set; } = new();

    /// <summary>Prometheus, Alertmanager, the nginx exporter and Grafana.</summary>
    public Monitoring.MonitoringSettings Monitoring { get; set; } = new();

    /// <summary>What the published compose and Kubernetes artifacts name.</summary>
    public Publishing.PublishSettings Publish { get; set; } = new();
}

/// <summary>How the API replicas run.</summary>
public sealed class ReplicaSettings
{
    /// <summary>How long a stopping replica keeps serving with readiness already 503.</summary>
    public TimeSpan DrainPeriod { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long requests still in flight after the drain may take to finish.</summary>
    public TimeSpan InFlightGracePeriod { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Lets requests ask a replica for injected latency (the API's test-only <c>Faults</c> switch).
    /// Failure drills and integration tests turn it on; never on in a deployment.
    /// </summary>
    public bool FaultInjection { get; set; }

    /// <summary>The replicas' optional chat model and its time budget (the API's <c>Model</c> section), passed to every replica.</summary>
    public ModelSettings Model { get; set; } = new();

    /// <summary>
    /// How often one replica takes a scheduled backup (the API's <c>Backups:Schedule:Interval</c>), in the local run,
    /// compose and Kubernetes alike; a system with none for the slot under way takes one at start. Zero turns it off.
    /// </summary>
    public TimeSpan BackupInterval { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// The replicas' optional chat model (the API's <c>Model</c> section). Without an endpoint every answer is
/// extractive and the edge's ask route waits no longer than a search; with one, the route waits the model's whole
/// budget plus <see cref="AskMargin"/>, so that the edge never gives up on (and replays) an ask a replica is still answering.
/// </summary>
public sealed class ModelSettings
{
    /// <summary>
    /// After its budget a replica still answers extractively, which takes milliseconds but can take a second on two busy cores.
    /// </summary>
    public static readonly TimeSpan AskMargin = TimeSpan.FromSeconds(2);

    /// <summary>The OpenAI-compatible API base with its version path (the API's <c>Model:Endpoint</c>), e.g. <c>http://localhost:11434/v1</c>; empty: no model.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>The model name the endpoint serves (the API's <c>Model:Name</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>The whole budget, retries included (the API's <c>Model:Timeout</c>).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>The budget of one attempt (the API's <c>Model:AttemptTimeout</c>), at most <see cref="Timeout"/>.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Whether an endpoint is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    /// <summary>The ask route's read timeout this model needs; null without a model (the route keeps its own).</summary>
    public TimeSpan? AskRouteTimeout => IsConfigured ? Timeout + AskMargin : null;
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
