namespace HealthAI.ServiceDefaults;

/// <summary>The paths every HealthAI service serves, always on, for probes, edges and Prometheus.</summary>
public static class HealthEndpoints
{
    /// <summary>Liveness: the process answers. No dependency checks.</summary>
    public const string Liveness = "/healthz";

    /// <summary>Readiness: the replica should receive traffic now.</summary>
    public const string Readiness = "/readyz";

    /// <summary>Everything an operator wants to know, as JSON.</summary>
    public const string Detailed = "/health/detailed";

    /// <summary>Prometheus text exposition of the replica's metrics.</summary>
    public const string Metrics = "/monitoring/export";
}
