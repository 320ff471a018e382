using HealthAI.AppHost;
using HealthAI.AppHost.Replicas;
using HealthAI.Contracts;
using HealthAI.Edge.Policy;
using HealthAI.Hosting;

namespace Aspire.Hosting;

/// <summary>Puts an edge in front of HealthAI's replicas, with the topology's settings.</summary>
public static class ReplicaEdgeExtensions
{
    /// <summary>The edge's hosting options: its <paramref name="ports"/>, its certificate kept beside the AppHost.</summary>
    public static EdgeHostingOptions EdgeHosting(this IDistributedApplicationBuilder builder, HealthAISettings settings, EdgePortSettings ports)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ports);
        return new EdgeHostingOptions
        {
            Ports = ports.ToEdgePorts(),
            CertificateDirectory = Path.Combine(builder.AppHostDirectory, ".healthai", "tls"),
        };
    }

    /// <summary>
    /// Balances over <paramref name="primaries"/>, falls back to <paramref name="backup"/>, serves the site's static
    /// files, with the allow-list and the operator's knobs of <paramref name="settings"/> and what its replicas' model needs.
    /// </summary>
    public static IResourceBuilder<IEdgeResource> WithReplicas(
        this IResourceBuilder<IEdgeResource> edge,
        IEnumerable<IResourceBuilder<ApiReplicaResource>> primaries,
        IResourceBuilder<ApiReplicaResource> backup,
        HealthAISettings settings)
    {
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(primaries);
        ArgumentNullException.ThrowIfNull(backup);
        ArgumentNullException.ThrowIfNull(settings);

        var primaryBuilders = primaries.ToList();
        var primaryReplicas = primaryBuilders.Select(primary => primary.Resource).ToList();
        foreach (var primary in primaryBuilders)
        {
            // No edge listens before its primaries are ready: a client that came earlier would get errors,
            // and an nginx worker would count the refused connections as failures of every upstream.
            edge.WithUpstream(primary.Resource.HttpEndpoint, UpstreamRole.Primary)
                .WaitFor(primary);
        }

        // Primaries first, the backup last: while a primary is out, the backup must be there to take over.
        IReadOnlyList<ApiReplicaResource> rollingOrder = [.. primaryReplicas, backup.Resource];
        return edge
            .WithUpstream(backup.Resource.HttpEndpoint, UpstreamRole.Backup)
            .WithAllowedNetworks(settings.Edges.EffectiveAllowedNetworks)
            .WithTuning(settings.Edges.ToTuning(settings.Replicas))
            .WithLocalKnowledgeBase(switchesPrimary: settings.KnowledgeBase.Engine == KnowledgeBaseEngine.PostgreSql)
            .WithStaticFiles(Path.Combine(edge.ApplicationBuilder.AppHostDirectory, "static"))
            .WithCommand(RollingRestart.CommandName, "Rolling restart of the replicas", context => RollingRestart.RunAsync(rollingOrder, context), new CommandOptions
            {
                Description = "Restarts the API replicas one at a time, each drained first and ready again before the next.",
                IconName = "ArrowClockwise",
            });
    }
}
