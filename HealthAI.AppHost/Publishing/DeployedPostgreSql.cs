using HealthAI.AppHost.KnowledgeBase;

namespace HealthAI.AppHost.Publishing;

/// <summary>
/// The knowledge base's PostgreSQL of a deployment, from the app model's <see cref="PostgreSqlFailoverResource"/>:
/// a pg_auto_failover monitor and data nodes, and how the replicas reach whichever node is primary.
/// </summary>
public sealed record DeployedPostgreSql(string Monitor, IReadOnlyList<string> Nodes, PostgreSqlFailoverSettings Failover)
{
    /// <summary>The deployment secret that carries the replicas' connection string.</summary>
    public static DeployedSecret ConnectionStringSecret { get; } = new("knowledge-base-connection-string");

    /// <summary>The compose profile of the database services.</summary>
    public string Profile { get; init; } = PostgreSqlFailoverResource.Profile;

    /// <summary>The database and the user the replicas connect as.</summary>
    public string Database { get; init; } = PostgreSqlFailoverResource.Database;

    /// <inheritdoc cref="Database"/>
    public string User { get; init; } = PostgreSqlFailoverResource.User;

    /// <summary>Every node's port.</summary>
    public int Port { get; init; } = PostgreSqlFailoverResource.Port;

    /// <summary>
    /// The replicas' connection string: every data node (Npgsql finds the primary; the API reads from a standby
    /// while there is none), a 2 s connect timeout so a lost node costs little, and host states rechecked
    /// every 2 s so a promotion is seen quickly.
    /// </summary>
    public string ConnectionString => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"Host={string.Join(',', Nodes)};Port={Port};Database={Database};Username={User};Target Session Attributes=primary;Timeout=2;Host Recheck Seconds=2");

    /// <summary>The model's failover cluster, or null when the replicas keep SQLite.</summary>
    public static DeployedPostgreSql? From(Aspire.Hosting.ApplicationModel.DistributedApplicationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Resources.OfType<PostgreSqlFailoverResource>().SingleOrDefault() is { } cluster
            ? new DeployedPostgreSql(cluster.Monitor, cluster.Nodes, cluster.Failover)
            : null;
    }
}
