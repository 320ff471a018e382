using Aspire.Hosting.ApplicationModel;
using HealthAI.AppHost.Replicas;

namespace HealthAI.AppHost.Publishing;

/// <summary>Reads the deployment out of the app model and the settings.</summary>
public static class DeploymentTopologyFactory
{
    /// <summary>The topology for <paramref name="model"/> under <paramref name="settings"/>.</summary>
    public static DeploymentTopology Create(DistributedApplicationModel model, HealthAISettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        var replicas = model.Resources.OfType<ApiReplicaResource>()
            .Select(replica => new DeployedReplica(replica.Name, replica.Instance, replica.Role))
            .ToList();
        if (replicas.Count(r => r.Role == ReplicaRole.Backup) != 1 || !replicas.Any(r => r.Role == ReplicaRole.Primary))
        {
            throw new InvalidOperationException("Publishing needs at least one primary replica and exactly one backup in the app model.");
        }

        return new DeploymentTopology
        {
            ApiImage = new ContainerImage(settings.Publish.ApiImage, settings.Publish.ImageTag),
            Replicas = replicas,
            DrainPeriod = settings.Replicas.DrainPeriod,
            Namespace = settings.Publish.Namespace,
            Monitoring = settings.Monitoring,
        };
    }
}
