namespace HealthAI.Bench.Retrieval;

/// <summary>
/// The standard ranking measures, as BEIR computes them (trec_eval's definitions): graded gain for nDCG
/// (the judged score itself, discounted by log2 of the rank plus one, over the ideal ordering of every
/// judged document), and a document counts as relevant when its judged score is above 0.
/// </summary>
internal static class RetrievalMetrics
{
    /// <summary>nDCG at <paramref name="cutoff"/> of one ranked list of document ids.</summary>
    public static double Ndcg(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judged, int cutoff)
    {
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(cutoff, ranked.Count); i++)
        {
            dcg += Gain(judged, ranked[i]) / Math.Log2(i + 2);
        }

        var ideal = judged.Values.Where(score => score > 0).OrderDescending().Take(cutoff).Select((score, i) => score / Math.Log2(i + 2)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    /// <summary>The share of the relevant documents found in the first <paramref name="cutoff"/>.</summary>
    public static double Recall(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judged, int cutoff)
    {
        var relevant = judged.Count(pair => pair.Value > 0);
        return relevant == 0 ? 0 : (double)ranked.Take(cutoff).Count(id => Gain(judged, id) > 0) / relevant;
    }

    /// <summary>One over the rank of the first relevant document within <paramref name="cutoff"/>, else 0.</summary>
    public static double ReciprocalRank(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> judged, int cutoff)
    {
        for (var i = 0; i < Math.Min(cutoff, ranked.Count); i++)
        {
            if (Gain(judged, ranked[i]) > 0)
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    /// <summary>
    /// Documents in the order of their best chunk: search answers chunks, the judgments are about documents,
    /// so a document ranks where its first chunk does and its later chunks are dropped.
    /// </summary>
    public static IReadOnlyList<string> DocumentsByBestChunk(IEnumerable<string> chunkDocuments) => [.. chunkDocuments.Distinct(StringComparer.Ordinal)];

    private static int Gain(IReadOnlyDictionary<string, int> judged, string id) => judged.TryGetValue(id, out var score) && score > 0 ? score : 0;
}
