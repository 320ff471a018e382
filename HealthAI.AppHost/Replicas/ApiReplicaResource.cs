namespace HealthAI.AppHost.Replicas;

/// <summary>
/// One replica of the HealthAI API: the same built assembly, told apart by <c>APP_INSTANCE</c>,
/// so that an edge can treat the backup differently and a test can stop exactly one replica.
/// </summary>
public sealed class ApiReplicaResource(string name, string instance, ReplicaRole role, string workingDirectory)
    : ExecutableResource(name, "dotnet", workingDirectory), IResourceWithServiceDiscovery
{
    /// <summary>The name of the replica's HTTP endpoint.</summary>
    public const string HttpEndpointName = "http";

    /// <summary>The replica's <c>APP_INSTANCE</c>: 1, 2, 3 or backup.</summary>
    public string Instance { get; } = instance;

    /// <summary>Whether the replica is a primary or the backup.</summary>
    public ReplicaRole Role { get; } = role;

    /// <summary>The replica's HTTP endpoint.</summary>
    public EndpointReference HttpEndpoint => field ??= new(this, HttpEndpointName);
}
