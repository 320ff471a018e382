using HealthAI.Contracts;

namespace HealthAI.AppHost.KnowledgeBase;

/// <summary>The knowledge base's engine (<c>HealthAI:KnowledgeBase:Engine</c>), for the local run and the published compose file.</summary>
public sealed class KnowledgeBaseSettings
{
    /// <summary>
    /// <c>Sqlite</c> (the shared data folder) or <c>PostgreSql</c>: in the local run a PostgreSQL resource the
    /// replicas wait for; in the published compose file the <c>postgres</c> profile (pg_auto_failover).
    /// </summary>
    public KnowledgeBaseEngine Engine { get; set; } = KnowledgeBaseEngine.Sqlite;

    /// <summary>How the published pg_auto_failover monitor decides and makes a failover.</summary>
    public PostgreSqlFailoverSettings Failover { get; set; } = new();

    /// <summary>The PostgreSQL server's loopback port as a host process; 0 picks a free one.</summary>
    public int PostgreSqlPort { get; set; } = 55432;

    /// <summary>The host process's cluster folder; unset means <c>.healthai/postgres</c> beside the AppHost.</summary>
    public string? PostgreSqlDirectory { get; set; }
}
