namespace HealthAI.Api.KnowledgeBase;

/// <summary>A stored document without its text: what listings and ingest answers carry.</summary>
internal sealed record DocumentSummary(
    string Id, string Title, string Source, IReadOnlyList<string> Tags, string Format, int Chunks, long Bytes, DateTimeOffset CreatedAt);

/// <summary>A stored document with its text: the answer at <c>GET /api/documents/{id}</c>.</summary>
/// <remarks>
/// <c>Embedding</c> says whether this replica can find the document by meaning: <c>ready</c> (every chunk in its
/// vector index), <c>pending</c> (searchable by words; by meaning within seconds), <c>unavailable</c> (no
/// embedding model on this replica) or <c>off</c>.
/// </remarks>
internal sealed record DocumentDetail(
    string Id, string Title, string Source, IReadOnlyList<string> Tags, string Format, string Text, int Chunks, long Bytes, DateTimeOffset CreatedAt,
    string? Embedding = null);

/// <summary>The answer to an ingest: the document, and whether this request created it.</summary>
internal sealed record IngestResult(DocumentSummary Document, bool Created);

/// <summary>One page of <c>GET /api/documents</c>.</summary>
internal sealed record DocumentPage(long Total, int Offset, int Limit, IReadOnlyList<DocumentSummary> Items);

/// <summary>What the knowledge base holds, for health and backups.</summary>
internal sealed record KnowledgeBaseStats(long Documents, long Chunks, long DatabaseBytes, long Generation, int SchemaVersion);
