using Aspire.Hosting.ApplicationModel;
using HealthAI.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Aspire.Hosting;

/// <summary>Adds Debian's PostgreSQL 15 as a host process, for a run without a container runtime.</summary>
public static class HostPostgreSqlBuilderExtensions
{
    /// <summary>
    /// Adds a server on loopback <paramref name="port"/> (zero: a free one) whose cluster is kept in <paramref name="folder"/>,
    /// made there by <c>initdb</c> on its first run; it is healthy once it accepts connections.
    /// </summary>
    public static IResourceBuilder<HostPostgreSqlResource> AddHostPostgreSql(this IDistributedApplicationBuilder builder, string name, string folder, int port)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        HostPostgreSql.EnsureInstalled("A PostgreSQL server without a container runtime");
        HostPostgreSql.EnsureClusterAsync(folder, HostPostgreSqlResource.Superuser, durable: true).GetAwaiter().GetResult();
        var listenPort = LoopbackPorts.Resolve(port);
        var (command, arguments) = HostPostgreSql.Server(folder, listenPort, socketDirectory: null, settings: []);
        var server = new HostPostgreSqlResource(name, command, folder);
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
            .WithEndpoint(port: listenPort, targetPort: listenPort, scheme: "tcp", name: HostPostgreSqlResource.TcpEndpointName, isProxied: false)
            .WithHealthCheck(healthCheck);
    }
}
