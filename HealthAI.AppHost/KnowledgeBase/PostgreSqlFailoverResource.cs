namespace HealthAI.AppHost.KnowledgeBase;

/// <summary>
/// The knowledge base's PostgreSQL as a published deployment runs it, when <c>HealthAI:KnowledgeBase:Engine</c>
/// is <c>PostgreSql</c> at publish time: pg_auto_failover's monitor and two data nodes (a primary and a
/// synchronous standby the monitor promotes). In the app model only while publishing; the publishers read
/// the deployed services from it.
/// </summary>
public sealed class PostgreSqlFailoverResource(string name, PostgreSqlFailoverSettings failover) : Resource(name)
{
    /// <summary>The knowledge base's database, and the user the replicas connect as.</summary>
    public const string Database = "healthai";

    /// <summary>The replicas' role: no superuser, owner of the database, with a password (see pg-node.sh).</summary>
    public const string User = "healthai";

    /// <summary>Every node's PostgreSQL port.</summary>
    public const int Port = 5432;

    /// <summary>The compose profile the database services belong to.</summary>
    public const string Profile = "postgres";

    /// <summary>The monitor's service name.</summary>
    public string Monitor => $"{Name}-monitor";

    /// <summary>The service that exports the monitor's view of the data nodes to Prometheus.</summary>
    public string Exporter => $"{Name}-exporter";

    /// <summary>The data nodes' service names; either may be the primary.</summary>
    public IReadOnlyList<string> Nodes => [$"{Name}-a", $"{Name}-b"];

    /// <summary>How the monitor decides and makes a failover.</summary>
    public PostgreSqlFailoverSettings Failover => failover;
}
