namespace HealthAI.Api.Search;

/// <summary>
/// Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): each list gives an item 1 / (k + rank), and the
/// sums rank the fused list. It needs no common scale between BM25 and cosine scores, which have none.
/// </summary>
internal static class ReciprocalRankFusion
{
    /// <summary>The constant of the paper, and the usual default.</summary>
    public const int K = 60;

    /// <summary>The fused score of an item from its ranks (from 1) in each list that has it, the semantic list weighing <paramref name="semanticWeight"/>.</summary>
    public static double Score(int? lexicalRank, int? semanticRank, double semanticWeight = 1) =>
        (lexicalRank is { } lexical ? 1.0 / (K + lexical) : 0) + (semanticRank is { } semantic ? semanticWeight / (K + semantic) : 0);

    /// <summary>
    /// Two ranked lists fused, with each candidate's fused score: best first, ties to the better word rank, then
    /// the better meaning rank, then the lower id. Shared by the search and by the retrieval bench, which fuses
    /// lists it fetched per mode.
    /// </summary>
    public static IEnumerable<(T Candidate, double Score)> Fuse<T>(IEnumerable<T> candidates, Func<T, int?> lexicalRank, Func<T, int?> semanticRank, Func<T, long> id, double semanticWeight) =>
        candidates
            .Select(candidate => (Candidate: candidate, Score: Score(lexicalRank(candidate), semanticRank(candidate), semanticWeight)))
            .OrderByDescending(scored => scored.Score)
            .ThenBy(scored => lexicalRank(scored.Candidate) ?? int.MaxValue)
            .ThenBy(scored => semanticRank(scored.Candidate) ?? int.MaxValue)
            .ThenBy(scored => id(scored.Candidate));
}
