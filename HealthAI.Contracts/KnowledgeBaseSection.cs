namespace HealthAI.Contracts;

/// <summary>The API's <c>KnowledgeBase</c> section: its name, the keys the AppHost sets, and the body limits the edges enforce too.</summary>
public static class KnowledgeBaseSection
{
    /// <summary>The section's name.</summary>
    public const string Name = "KnowledgeBase";

    /// <summary>The engine (<see cref="KnowledgeBaseEngine"/>).</summary>
    public const string Engine = "Engine";

    /// <summary>The PostgreSQL connection string, from a secret.</summary>
    public const string ConnectionString = "ConnectionString";

    /// <summary>The shared data volume (SQLite).</summary>
    public const string DataDirectory = "DataDirectory";

    /// <summary>The bearer token writes require, from a secret.</summary>
    public const string EditorToken = "EditorToken";

    /// <summary>The largest body <c>POST /api/documents</c> accepts by default.</summary>
    public const long DefaultMaxDocumentBytes = 256 * 1024;

    /// <summary>The largest body <c>POST /api/documents/batch</c> accepts by default.</summary>
    public const long DefaultMaxBatchBytes = 4 * 1024 * 1024;
}
