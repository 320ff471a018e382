namespace HealthAI.ServiceDefaults;

/// <summary>Tags that decide which health checks each endpoint runs.</summary>
public static class HealthCheckTags
{
    /// <summary>Checks that decide whether the replica should receive traffic now (<c>/readyz</c>).</summary>
    public const string Ready = "ready";
}
