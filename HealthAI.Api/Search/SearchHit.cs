namespace HealthAI.Api.Search;

/// <summary>One retrieved chunk.</summary>
/// <param name="DocumentId">The document the chunk belongs to.</param>
/// <param name="ChunkId">The chunk's id.</param>
/// <param name="Ordinal">The chunk's position in its document, from 0.</param>
/// <param name="Title">The document's title.</param>
/// <param name="Source">The document's source.</param>
/// <param name="Score">Relevance, higher is better: BM25 (or ts_rank_cd) in lexical mode, cosine in semantic mode, the fused score in hybrid mode.</param>
/// <param name="Snippet">A short excerpt as HTML (<see cref="SnippetMarkup"/>): the text escaped, the matching words wrapped in <c>&lt;mark&gt;</c> (the chunk's opening when only its meaning matched).</param>
/// <param name="Text">The chunk's full text.</param>
/// <param name="Lexical">The chunk's rank and score among the lexical candidates; null when the words did not find it.</param>
/// <param name="Semantic">The chunk's rank and cosine similarity among the semantic candidates; null when its meaning did not find it.</param>
internal sealed record SearchHit(
    string DocumentId, long ChunkId, int Ordinal, string Title, string Source, double Score, string Snippet, string Text,
    ComponentScore? Lexical = null, ComponentScore? Semantic = null)
{
    private const int OpeningWords = 24;

    /// <summary>A snippet when no matched word is marked: the chunk's opening words, escaped.</summary>
    public static string Opening(string text)
    {
        var words = text.Split((char[]?)null, OpeningWords + 1, StringSplitOptions.RemoveEmptyEntries);
        return SnippetMarkup.Escape(words.Length <= OpeningWords ? string.Join(' ', words) : string.Join(' ', words.Take(OpeningWords)) + " …");
    }
}

/// <summary>Where one side of the search placed a hit: its rank (from 1) and its own score.</summary>
internal sealed record ComponentScore(int Rank, double Score);

/// <summary>The answer at <c>GET /api/search</c>.</summary>
/// <param name="Query">The query, trimmed.</param>
/// <param name="K">How many hits were asked for.</param>
/// <param name="Mode">How the hits were found: <c>lexical</c>, <c>semantic</c> or <c>hybrid</c> (hybrid is lexical alone while the embedding model is not ready).</param>
/// <param name="Results">The hits, best first.</param>
internal sealed record SearchResponse(string Query, int K, string Mode, IReadOnlyList<SearchHit> Results);
