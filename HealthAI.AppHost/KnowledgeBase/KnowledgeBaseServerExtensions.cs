using HealthAI.AppHost.KnowledgeBase;
using HealthAI.AppHost.Replicas;
using HealthAI.Contracts;
using HealthAI.Hosting;

namespace Aspire.Hosting;

/// <summary>
/// The knowledge base's PostgreSQL server for the local run, when <c>HealthAI:KnowledgeBase:Engine</c> is
/// <c>PostgreSql</c>: Debian's PostgreSQL 15 as a host process when no container runtime answers (as the
/// nginx, HAProxy and Prometheus resources do), Aspire's PostgreSQL integration when one does.
/// </summary>
public static class KnowledgeBaseServerExtensions
{
    /// <summary>
    /// The server, or null when the replicas keep the knowledge base in SQLite, or when the model is being
    /// published (then a <see cref="PostgreSqlFailoverResource"/> in the model says what to deploy).
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString>? AddKnowledgeBaseServer(this IDistributedApplicationBuilder builder, string name, HealthAI.AppHost.HealthAISettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.KnowledgeBase.Engine != KnowledgeBaseEngine.PostgreSql)
        {
            return null;
        }

        // A published deployment runs its own failover cluster, which the publishers read from the model.
        if (!builder.ExecutionContext.IsRunMode)
        {
            builder.AddResource(new PostgreSqlFailoverResource(name, settings.KnowledgeBase.Failover)).ExcludeFromManifest();
            return null;
        }

        if (ToolPlacement.Of(builder).InContainers)
        {
            return builder.AddPostgres(name).WithDataVolume($"healthai-{name}").AddDatabase($"{name}-knowledge-base", "healthai");
        }

        // Kept between runs, like the SQLite data folder.
        var folder = Path.GetFullPath(settings.KnowledgeBase.PostgreSqlDirectory ?? Path.Combine(builder.AppHostDirectory, ".healthai", "postgres"));
        return builder.AddHostPostgreSql(name, folder, settings.KnowledgeBase.PostgreSqlPort);
    }

    /// <summary>Points a replica at the PostgreSQL server (its connection string as a secret-bearing variable) and makes it wait for it.</summary>
    public static IResourceBuilder<ApiReplicaResource> WithKnowledgeBaseServer(
        this IResourceBuilder<ApiReplicaResource> replica, IResourceBuilder<IResourceWithConnectionString>? server)
    {
        ArgumentNullException.ThrowIfNull(replica);
        if (server is null)
        {
            return replica;
        }

        return replica
            .WithEnvironment(ReplicaEnvironment.Engine, ReplicaEnvironment.EngineValue(KnowledgeBaseEngine.PostgreSql))
            .WithEnvironment(ReplicaEnvironment.ConnectionString, server)
            .WaitFor(server);
    }
}
