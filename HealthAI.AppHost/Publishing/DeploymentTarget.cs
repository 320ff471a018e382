namespace HealthAI.AppHost.Publishing;

/// <summary>Where a published deployment runs; it decides names and discovery, never numbers.</summary>
public enum DeploymentTarget
{
    /// <summary>docker compose on one host: every replica is a service of its own.</summary>
    Compose,

    /// <summary>Kubernetes: the primaries are one Deployment behind a Service, scaled by an HPA.</summary>
    Kubernetes,
}
