using HealthAI.Edge.Hosting;

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

    /// <summary>The time budget of the replicas' optional chat model (the API's <c>Model</c> section), passed to every replica.</summary>
    public ModelBudgetSettings Model { get; set; } = new();
}

/// <summary>
/// How long a replica may wait for its model before it answers extractively. The edge's ask route timeout
/// governs: it must exceed <see cref="Timeout"/> by <see cref="HealthAISettingsValidator.AskMargin"/>, or the edge
/// would give up on (and replay) asks the replica is still answering, so the budget is shorter than the API's own default.
/// </summary>
public sealed class ModelBudgetSettings
{
    /// <summary>The whole budget, retries included (the API's <c>Model:Timeout</c>): the ask route's 8 s less the margin.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>The budget of one attempt (the API's <c>Model:AttemptTimeout</c>), at most <see cref="Timeout"/>.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(3);
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
