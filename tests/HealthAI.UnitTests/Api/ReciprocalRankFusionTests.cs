using HealthAI.Api.Search;

namespace HealthAI.Api.Tests;

public sealed class ReciprocalRankFusionTests
{
    // (id, word rank, meaning rank)
    private static readonly (long Id, int? Words, int? Meaning)[] Candidates =
    [
        (1, 1, null),
        (2, null, 1),
        (3, 3, 3),
        (4, 2, 40),
    ];

    [Fact]
    public void Equal_weights_rank_an_item_both_lists_hold_first_and_break_a_tie_by_the_word_rank()
    {
        var fused = Fuse(semanticWeight: 1);

        // 3: 2/63 ≈ 0.0317; 4: 1/62 + 1/100 ≈ 0.0261; 1 and 2: 1/61 each, the word-ranked first.
        Assert.Equal([3, 4, 1, 2], fused);
    }

    [Fact]
    public void A_heavier_semantic_list_lifts_what_only_the_meaning_found_above_what_only_the_words_found()
    {
        var fused = Fuse(semanticWeight: 2);

        // 2: 2/61 ≈ 0.0328; 3: 1/63 + 2/63 ≈ 0.0476; 4: 1/62 + 2/100 ≈ 0.0361; 1: 1/61 ≈ 0.0164.
        Assert.Equal([3, 4, 2, 1], fused);
    }

    [Fact]
    public void The_score_of_an_item_sums_each_list_s_weighted_reciprocal_rank()
    {
        Assert.Equal((1.0 / 62) + (3.0 / 65), ReciprocalRankFusion.Score(2, 5, semanticWeight: 3), 12);
        Assert.Equal(0, ReciprocalRankFusion.Score(null, null, semanticWeight: 3));
    }

    private static long[] Fuse(double semanticWeight) =>
        [.. ReciprocalRankFusion.Fuse(Candidates, c => c.Words, c => c.Meaning, c => c.Id, semanticWeight).Select(scored => scored.Candidate.Id)];
}
