using System.Buffers;
using HealthAI.Api.Semantic;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Search;

/// <summary>
/// Search by words, by meaning, or both. Hybrid asks each side for a pool of candidates (the full-text index,
/// and the query's vector against this replica's vector index, embedded once while the SQL runs) and fuses them
/// by reciprocal rank. Without a loaded embedding model, hybrid is lexical: the mode it reports says so.
/// </summary>
internal sealed class HybridSearch(ChunkSearch lexical, TextEmbedder embedder, VectorIndex index, ChunkVectors vectors, IOptions<EmbeddingOptions> options)
{
    private readonly EmbeddingOptions _options = options.Value;

    /// <summary>Whether <see cref="SearchMode.Semantic"/> can be served now.</summary>
    public bool CanSearchByMeaning => embedder.IsReady && index.IsLoaded;

    /// <summary>The top <paramref name="k"/> hits, and the mode that found them (hybrid falls back to lexical without a model).</summary>
    public async Task<(SearchMode Mode, IReadOnlyList<SearchHit> Hits)> SearchAsync(string question, int k, SearchMode mode, CancellationToken cancellationToken)
    {
        if (mode == SearchMode.Lexical || !CanSearchByMeaning)
        {
            var words = await lexical.SearchAsync(question, k, cancellationToken);
            return (SearchMode.Lexical, [.. words.Select((hit, i) => hit with { Lexical = new ComponentScore(i + 1, hit.Score) })]);
        }

        var pool = Math.Max(k, _options.CandidatePool);
        // On a pool thread: SQLite's "async" calls run synchronously, and the query embedding is CPU work of its own.
        // Snippets for the words' best 2k only: a fused top k rarely reaches deeper into the words' pool,
        // and a hit that does shows its opening words.
        var lexicalSide = mode == SearchMode.Hybrid
            ? Task.Run(() => lexical.SearchAsync(question, pool, 2 * k, cancellationToken), cancellationToken)
            : Task.FromResult<IReadOnlyList<SearchHit>>([]);
        var query = await embedder.EmbedQueryAsync(question, cancellationToken);
        // The scan runs while the words' SQL still does, on the other core.
        var byMeaning = query is null ? [] : Nearest(query, mode == SearchMode.Semantic ? k : pool);
        var byWords = await lexicalSide;
        if (query is null)
        {
            // The model failed this once: the words still answer a hybrid search.
            return mode == SearchMode.Hybrid
                ? (SearchMode.Lexical, [.. byWords.Take(k).Select((hit, i) => hit with { Lexical = new ComponentScore(i + 1, hit.Score) })])
                : (SearchMode.Semantic, []);
        }

        var fused = Fuse(byWords, byMeaning).Take(k).ToList();
        var rows = await vectors.RowsAsync([.. fused.Where(scored => scored.Candidate.Words is null).Select(scored => scored.Candidate.ChunkId)], cancellationToken);
        var hits = new List<SearchHit>(fused.Count);
        foreach (var (candidate, fusedScore) in fused)
        {
            var semantic = candidate.MeaningRank is { } rank ? new ComponentScore(rank, Math.Round(candidate.Similarity, 4)) : null;
            var score = mode == SearchMode.Semantic ? Math.Round(candidate.Similarity, 4) : Math.Round(fusedScore, 6);
            if (candidate.Words is { } hit)
            {
                hits.Add(hit with { Score = score, Lexical = new ComponentScore(candidate.WordsRank!.Value, hit.Score), Semantic = semantic });
            }
            else if (rows.TryGetValue(candidate.ChunkId, out var row))
            {
                // A vector whose chunk was deleted a moment ago (this replica has not seen the delete yet) is skipped.
                hits.Add(new SearchHit(row.DocumentId, row.Id, row.Ordinal, row.Title, row.Source, score, SearchHit.Opening(row.Text), row.Text, null, semantic));
            }
        }

        return (mode, hits);
    }

    private List<(long Id, float Score)> Nearest(float[] query, int count)
    {
        var top = ArrayPool<(long, float)>.Shared.Rent(count);
        try
        {
            var found = index.Search(query, (float)_options.MinSimilarity, top.AsSpan(0, count));
            return [.. top.AsSpan(0, found)];
        }
        finally
        {
            ArrayPool<(long, float)>.Shared.Return(top);
        }
    }

    private IEnumerable<(Candidate Candidate, double Score)> Fuse(IReadOnlyList<SearchHit> byWords, List<(long Id, float Score)> byMeaning)
    {
        var candidates = new Dictionary<long, Candidate>(byWords.Count + byMeaning.Count);
        for (var i = 0; i < byWords.Count; i++)
        {
            candidates[byWords[i].ChunkId] = new Candidate(byWords[i].ChunkId) { Words = byWords[i], WordsRank = i + 1 };
        }

        for (var i = 0; i < byMeaning.Count; i++)
        {
            var (id, similarity) = byMeaning[i];
            var candidate = candidates.TryGetValue(id, out var existing) ? existing : candidates[id] = new Candidate(id);
            candidate.MeaningRank = i + 1;
            candidate.Similarity = similarity;
        }

        return ReciprocalRankFusion.Fuse(candidates.Values, c => c.WordsRank, c => c.MeaningRank, c => c.ChunkId, _options.SemanticWeight);
    }

    private sealed class Candidate(long chunkId)
    {
        public long ChunkId { get; } = chunkId;

        public SearchHit? Words { get; init; }

        public int? WordsRank { get; init; }

        public int? MeaningRank { get; set; }

        public double Similarity { get; set; }
    }
}
