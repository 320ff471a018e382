using Aspire.Hosting.ApplicationModel;
using HealthAI.Contracts;
using HealthAI.AppHost.KnowledgeBase;
using HealthAI.AppHost.Replicas;
using HealthAI.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

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

        var folder = Path.GetFullPath(settings.KnowledgeBase.PostgreSqlDirectory ?? Path.Combine(builder.AppHostDirectory, ".healthai", "postgres"));
        // Made once and kept between runs, like the SQLite data folder.
        HostPostgreSql.EnsureInstalled("HealthAI:KnowledgeBase:Engine=PostgreSql without a container runtime");
        HostPostgreSql.EnsureClusterAsync(folder, PostgreSqlServerResource.Superuser, durable: true).GetAwaiter().GetResult();
        var port = LoopbackPorts.Resolve(settings.KnowledgeBase.PostgreSqlPort);
        var (command, arguments) = HostPostgreSql.Server(folder, port, socketDirectory: null, settings: []);
        var server = new PostgreSqlServerResource(name, command, folder);
        var healthCheck = $"{name}-accepts-connections";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, async cancellationToken =>
        {
            try
            {
                await using var connection = new NpgsqlConnection(await server.ConnectionStringExpression.GetValueAsync(cancellationToken));
                await connection.OpenAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (NpgsqlException error)
            {
                return HealthCheckResult.Unhealthy(error.Message);
            }
        });
        return builder.AddResource(server)
            .WithArgs([.. arguments])
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: PostgreSqlServerResource.TcpEndpointName, isProxied: false)
            .WithHealthCheck(healthCheck);
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
