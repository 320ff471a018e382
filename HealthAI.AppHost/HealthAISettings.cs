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
