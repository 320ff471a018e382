namespace HealthAI.Contracts;

/// <summary>Which engine holds the knowledge base (<c>KnowledgeBase:Engine</c>).</summary>
public enum KnowledgeBaseEngine
{
    /// <summary>One SQLite file in WAL mode on the data volume: the embedded default, for replicas of one host.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: for replicas that span hosts.</summary>
    PostgreSql,
}
