namespace HealthAI.Api.KnowledgeBase;

/// <summary>The engine behind the knowledge base. Both keep one contract; only their SQL and coordination differ.</summary>
public enum KnowledgeBaseEngine
{
    /// <summary>One SQLite file in WAL mode on the data volume: the embedded default, for replicas of one host.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: for replicas that span hosts.</summary>
    PostgreSql,
}
