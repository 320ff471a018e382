using HealthAI.AppHost.Monitoring;

namespace HealthAI.AppHost.Publishing;

/// <summary>
/// A monitoring resource of the app model (one with a <see cref="MonitoringServiceAnnotation"/>) as the publishers
/// see it: both render its service from this alone.
/// </summary>
/// <param name="Name">The resource name, which is also the service name.</param>
/// <param name="Service">How it runs, as its builder described it.</param>
/// <param name="ContainerPort">The port it listens on inside its container.</param>
/// <param name="ServicePort">The port it is reached on from outside its container (compose's loopback, the Kubernetes Service).</param>
/// <param name="Secrets">Its secret variables, each with the deployment's secret.</param>
/// <param name="ServiceUrls">Its variables that carry another monitoring service's URL, by that service's name.</param>
/// <param name="DependsOn">The monitoring services it waits for (healthy) before it starts.</param>
/// <param name="Clients">The monitoring services that connect to it: nothing else may.</param>
public sealed record DeployedMonitoringService(
    string Name,
    MonitoringServiceAnnotation Service,
    int ContainerPort,
    int ServicePort,
    IReadOnlyList<(string Variable, DeployedSecret Secret)> Secrets,
    IReadOnlyList<(string Variable, string Service)> ServiceUrls,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string> Clients)
{
    /// <summary>The compose profile of a service whose upstream image needs a registry (it is no image of ours); null otherwise.</summary>
    public string? Profile => Service.Build is null ? Name : null;

    /// <summary>The named volume (compose) of data that outlives the container; null for scratch data.</summary>
    public string? DataVolume => Service.Data.Persistent ? $"{Name}-data" : null;

    /// <summary>The Kubernetes ConfigMap of one of its configuration folders.</summary>
    public string ConfigMap(MonitoringConfigMount mount)
    {
        ArgumentNullException.ThrowIfNull(mount);
        return $"{Name}-{mount.Name}";
    }
}
