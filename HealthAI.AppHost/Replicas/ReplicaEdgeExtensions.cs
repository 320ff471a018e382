using Aspire.Hosting.ApplicationModel;
using HealthAI.AppHost;
using HealthAI.AppHost.Replicas;
using HealthAI.Edge.Hosting;
using HealthAI.Edge.Policy;

namespace Aspire.Hosting;

/// <summary>Puts an edge in front of HealthAI's replicas, with the topology's settings.</summary>
public static class ReplicaEdgeExtensions
{
    /// <summary>The edge's hosting options from the topology's settings.</summary>
    public static EdgeHostingOptions EdgeHosting(this IDistributedApplicationBuilder builder, EdgePortSettings ports)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(ports);
        return new EdgeHostingOptions
        {
            Ports = ports.ToEdgePorts(),
            Runtime = builder.GetHealthAISettings().Runtime,
            CertificateDirectory = Path.Combine(builder.AppHostDirectory, ".healthai", "tls"),
        };
    }

    /// <summary>Balances over <paramref name="primaries"/>, falls back to <paramref name="backup"/>, serves the site's static files.</summary>
    public static IResourceBuilder<IEdgeResource> WithReplicas(
        this IResourceBuilder<IEdgeResource> edge,
        IEnumerable<IResourceBuilder<ApiReplicaResource>> primaries,
        IResourceBuilder<ApiReplicaResource> backup)
    {
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(primaries);
        ArgumentNullException.ThrowIfNull(backup);

        foreach (var primary in primaries)
        {
            edge.WithUpstream(primary.Resource.HttpEndpoint, UpstreamRole.Primary);
        }

        var settings = edge.ApplicationBuilder.GetHealthAISettings();
        return edge
            .WithUpstream(backup.Resource.HttpEndpoint, UpstreamRole.Backup)
            .WithAllowedNetworks(settings.Edges.EffectiveAllowedNetworks)
            .WithStaticFiles(Path.Combine(edge.ApplicationBuilder.AppHostDirectory, "static"));
    }
}
