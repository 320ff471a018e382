namespace HealthAI.Api.KnowledgeBase.Storage;

/// <summary>Where the knowledge base lives and how much one request may put into it. Section <c>KnowledgeBase</c>.</summary>
public sealed class KnowledgeBaseOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = KnowledgeBaseSection.Name;

    /// <summary>Which engine holds the knowledge base: the embedded SQLite file (one host) or a PostgreSQL server.</summary>
    public KnowledgeBaseEngine Engine { get; set; } = KnowledgeBaseEngine.Sqlite;

    /// <summary>For <see cref="KnowledgeBaseEngine.PostgreSql"/>: the Npgsql connection string, from a secret.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>For <see cref="KnowledgeBaseEngine.PostgreSql"/>: where <c>pg_dump</c> and <c>pg_restore</c> are; empty means Debian's, then PATH.</summary>
    public string PostgreSqlTools { get; set; } = "";

    /// <summary>The shared data volume (SQLite); empty means <c>data</c> under the content root.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>The bearer token ingest, batch and delete require (16+ characters); empty closes writes (503).</summary>
    public string EditorToken { get; set; } = "";

    /// <summary>How long an <c>Idempotency-Key</c> and its outcome are kept (at least a day).</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The largest body <c>POST /api/documents</c> accepts.</summary>
    public long MaxDocumentBytes { get; set; } = KnowledgeBaseSection.DefaultMaxDocumentBytes;

    /// <summary>The largest body <c>POST /api/documents/batch</c> accepts.</summary>
    public long MaxBatchBytes { get; set; } = KnowledgeBaseSection.DefaultMaxBatchBytes;

    /// <summary>How many documents one batch may hold.</summary>
    public int MaxBatchDocuments { get; set; } = 100;

    /// <summary>The size a chunk aims for, in characters; retrieval returns chunks, not documents.</summary>
    public int ChunkCharacters { get; set; } = 800;

    /// <summary>How long a statement waits for another replica's write lock before it fails as busy.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Below this much free space on the data volume the replica reports Degraded.</summary>
    public long MinFreeBytes { get; set; } = 256L * 1024 * 1024;
}
