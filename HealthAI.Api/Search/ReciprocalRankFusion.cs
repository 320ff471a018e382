namespace HealthAI.Api.Search;

/// <summary>
/// Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): each list gives an item 1 / (k + rank), and the
/// sums rank the fused list. It needs no common scale between BM25 and cosine scores, which have none.
/// </summary>
internal static class ReciprocalRankFusion
{
    /// <summary>The constant of the paper, and the usual default.</summary>
    public const int K = 60;

    /// <summary>The fused score of an item from its ranks (from 1) in each list that has it.</summary>
    public static double Score(int? lexicalRank, int? semanticRank) =>
        (lexicalRank is { } lexical ? 1.0 / (K + lexical) : 0) + (semanticRank is { } semantic ? 1.0 / (K + semantic) : 0);
}
