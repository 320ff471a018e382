namespace HealthAI.Api.Search;

/// <summary>One retrieved chunk.</summary>
/// <param name="DocumentId">The document the chunk belongs to.</param>
/// <param name="ChunkId">The chunk's id.</param>
/// <param name="Ordinal">The chunk's position in its document, from 0.</param>
/// <param name="Title">The document's title.</param>
/// <param name="Source">The document's source.</param>
/// <param name="Score">BM25 relevance: higher is better.</param>
/// <param name="Snippet">A short excerpt with the matching words wrapped in <c>&lt;mark&gt;</c>.</param>
/// <param name="Text">The chunk's full text.</param>
internal sealed record SearchHit(string DocumentId, long ChunkId, int Ordinal, string Title, string Source, double Score, string Snippet, string Text);

/// <summary>The answer at <c>GET /api/search</c>.</summary>
internal sealed record SearchResponse(string Query, int K, IReadOnlyList<SearchHit> Results);
