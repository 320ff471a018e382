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
    /// How the replicas reach a multi-host cluster, in compose and on Kubernetes alike: a 1 s connect timeout
    /// (Npgsql's least) so that a lost node costs a read's hedge to the standby 1 s, inside the search route's
    /// 2.5 s (a killed node drops packets, so a connection to it waits the whole timeout), and host states
    /// rechecked every 2 s so that a promotion is seen quickly.
    /// </summary>
    public const string FailoverTimeouts = "Timeout=1;Host Recheck Seconds=2";

    /// <summary>
    /// The replicas' connection string: every data node (Npgsql finds the primary; the API reads from a standby
    /// while there is none) with <see cref="FailoverTimeouts"/>.
    /// </summary>
    public string ConnectionString => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"Host={string.Join(',', Nodes)};Port={Port};Database={Database};Username={User};Target Session Attributes=primary;{FailoverTimeouts}");

    /// <summary>The model's failover cluster, or null when the replicas keep SQLite.</summary>
    public static DeployedPostgreSql? From(Aspire.Hosting.ApplicationModel.DistributedApplicationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Resources.OfType<PostgreSqlFailoverResource>().SingleOrDefault() is { } cluster
            ? new DeployedPostgreSql(cluster.Monitor, cluster.Nodes, cluster.Failover)
            : null;
    }
}
