using HealthAI.Api.KnowledgeBase;

namespace HealthAI.AppHost.KnowledgeBase;

/// <summary>The knowledge base's engine for the local run (<c>HealthAI:KnowledgeBase:Engine</c>).</summary>
public sealed class KnowledgeBaseSettings
{
    /// <summary><c>Sqlite</c> (the shared data folder) or <c>PostgreSql</c> (a PostgreSQL resource the replicas wait for).</summary>
    public KnowledgeBaseEngine Engine { get; set; } = KnowledgeBaseEngine.Sqlite;

    /// <summary>The PostgreSQL server's loopback port as a host process; 0 picks a free one.</summary>
    public int PostgreSqlPort { get; set; } = 55432;

    /// <summary>The host process's cluster folder; unset means <c>.healthai/postgres</c> beside the AppHost.</summary>
    public string? PostgreSqlDirectory { get; set; }
}
