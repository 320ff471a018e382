namespace HealthAI.Bench.Retrieval.Tests;

// Every expected value is worked out by hand in the comment above it.
public sealed class RetrievalMetricsTests
{
    private const double Precision = 1e-9;

    private static readonly Dictionary<string, int> Graded = new() { ["a"] = 2, ["b"] = 1, ["c"] = 1, ["x"] = 0 };

    [Fact]
    public void A_perfect_ranking_scores_an_ndcg_of_one()
    {
        Assert.Equal(1.0, RetrievalMetrics.Ndcg(["a", "b", "c"], Graded, 10), Precision);
    }

    [Fact]
    public void Ndcg_discounts_gains_by_log2_of_the_rank_plus_one_over_the_ideal_order()
    {
        // DCG of [x, a, d, b] = 0/log2(2) + 2/log2(3) + 0/log2(4) + 1/log2(5) = 1.2618595 + 0.4306766 = 1.6925361
        // ideal [a, b, c] = 2/1 + 1/log2(3) + 1/log2(4) = 2 + 0.6309298 + 0.5 = 3.1309298, and 1.6925361 / 3.1309298 = 0.5405858
        var expected = (2 / Math.Log2(3) + 1 / Math.Log2(5)) / (2 + 1 / Math.Log2(3) + 0.5);

        Assert.Equal(expected, RetrievalMetrics.Ndcg(["x", "a", "d", "b"], Graded, 10), Precision);
        Assert.Equal(0.5405858, RetrievalMetrics.Ndcg(["x", "a", "d", "b"], Graded, 10), 1e-6);
    }

    [Fact]
    public void Ndcg_counts_only_the_first_cutoff_ranks_on_both_sides()
    {
        // At cutoff 1: DCG of [b] = 1, ideal [a] = 2, so 0.5; [x] scores 0.
        Assert.Equal(0.5, RetrievalMetrics.Ndcg(["b", "a"], Graded, 1), Precision);
        Assert.Equal(0.0, RetrievalMetrics.Ndcg(["x", "a"], Graded, 1), Precision);
    }

    [Fact]
    public void Recall_is_the_share_of_relevant_documents_within_the_cutoff()
    {
        // Relevant: a, b, c (x is judged 0). [c, x, a, b] finds 2 of 3 in the first 3, all 3 in the first 4.
        Assert.Equal(2.0 / 3, RetrievalMetrics.Recall(["c", "x", "a", "b"], Graded, 3), Precision);
        Assert.Equal(1.0, RetrievalMetrics.Recall(["c", "x", "a", "b"], Graded, 4), Precision);
        Assert.Equal(0.0, RetrievalMetrics.Recall([], Graded, 100), Precision);
    }

    [Fact]
    public void The_reciprocal_rank_is_that_of_the_first_relevant_document_within_the_cutoff()
    {
        Assert.Equal(1.0 / 3, RetrievalMetrics.ReciprocalRank(["x", "d", "b", "a"], Graded, 10), Precision);
        Assert.Equal(0.0, RetrievalMetrics.ReciprocalRank(["x", "d", "b"], Graded, 2), Precision);
    }

    [Fact]
    public void A_document_ranks_where_its_best_chunk_does()
    {
        Assert.Equal(["b", "a", "c"], RetrievalMetrics.DocumentsByBestChunk(["b", "a", "b", "c", "a"]));
    }
}
