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

    /// <summary>The deployment secret that carries the password of the replicas' database role.</summary>
    public static DeployedSecret PasswordSecret { get; } = new("knowledge-base-password");

    /// <summary>The compose profile of the database services.</summary>
    public string Profile { get; init; } = PostgreSqlFailoverResource.Profile;

    /// <summary>The database and the user the replicas connect as.</summary>
    public string Database { get; init; } = PostgreSqlFailoverResource.Database;

    /// <inheritdoc cref="Database"/>
    public string User { get; init; } = PostgreSqlFailoverResource.User;

    /// <summary>Every node's port.</summary>
    public int Port { get; init; } = PostgreSqlFailoverResource.Port;

    /// <summary>The service that exports the monitor's view of the data nodes to Prometheus.</summary>
    public string Exporter { get; init; } = "postgres-exporter";

    /// <summary>The exporter's port (postgres_exporter's own default).</summary>
    public int ExporterPort { get; init; } = 9187;

    /// <summary>The Prometheus job of the exporter, which the alert rules name.</summary>
    public const string ScrapeJob = "pg-auto-failover";

    /// <summary>
    /// How the replicas reach a multi-host cluster, in compose and on Kubernetes alike. Npgsql marks a node whose
    /// connection could not be opened within <c>Timeout</c> as offline and empties its pool, so the timeout must
    /// outlast a live node's slow connects: during a switch every replica opens connections to the standby at once,
    /// and on a busy machine, with 1 s, some took longer, the standby was marked offline as well and reads failed
    /// "No suitable host was found" (a CI run; the drill beside three CPU hogs lost 595 reads). Reads seldom wait on
    /// it: one that has not answered after 500 ms is also sent to a standby. Only a hedge that meets a lost node whose
    /// offline mark has just expired waits it out, and only if that node drops packets rather than refusing them (the
    /// edges then repeat the search on another replica). Host states are rechecked every 2 s so that a node marked
    /// offline is asked again soon. GSS encryption is off (the nodes authenticate on their own network, not by
    /// Kerberos): under Npgsql's default, "prefer", the cancel request of a read given up on a lost node connects twice,
    /// each time waiting out <c>Timeout</c>.
    /// </summary>
    public const string FailoverSettings = "Timeout=3;Host Recheck Seconds=2;GSS Encryption Mode=Disable";

    /// <summary>
    /// The replicas' connection string: every data node (Npgsql finds the primary; the API reads from a standby
    /// while there is none) with <see cref="FailoverSettings"/>.
    /// </summary>
    public string ConnectionString => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"Host={string.Join(',', Nodes)};Port={Port};Database={Database};Username={User};Target Session Attributes=primary;{FailoverSettings}");

    /// <summary>The model's failover cluster, or null when the replicas keep SQLite.</summary>
    public static DeployedPostgreSql? From(Aspire.Hosting.ApplicationModel.DistributedApplicationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Resources.OfType<PostgreSqlFailoverResource>().SingleOrDefault() is { } cluster
            ? new DeployedPostgreSql(cluster.Monitor, cluster.Nodes, cluster.Failover) { Exporter = cluster.Exporter }
            : null;
    }
}
