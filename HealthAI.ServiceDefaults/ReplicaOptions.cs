namespace HealthAI.ServiceDefaults;

/// <summary>
/// How one replica of a HealthAI service identifies itself and leaves the pool.
/// Bound from the <c>Replica</c> configuration section; <c>APP_INSTANCE</c> (the deployment's
/// instance number or role) sets <see cref="Instance"/>.
/// </summary>
public sealed class ReplicaOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Replica";

    /// <summary>The environment variable the deployment sets to tell replicas apart.</summary>
    public const string InstanceVariable = "APP_INSTANCE";

    /// <summary>The replica's instance: <c>1</c>, <c>2</c>, <c>3</c>, <c>backup</c>, or <c>local</c> when run alone.</summary>
    public string Instance { get; set; } = "local";

    /// <summary>
    /// How long the replica keeps serving after it is told to stop, with <c>/readyz</c> already 503,
    /// so that an edge or a Kubernetes endpoint controller takes it out of rotation first.
    /// </summary>
    public TimeSpan DrainPeriod { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long requests still in flight after the drain period may take to finish.</summary>
    public TimeSpan InFlightGracePeriod { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The name every response and metric carries: <c>healthai-app-{Instance}</c>.</summary>
    public string Name => $"healthai-app-{Instance}";
}
