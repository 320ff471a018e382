using HealthAI.Api.Semantic;

namespace HealthAI.Api.Tests;

public sealed class VectorIndexTests
{
    [Fact]
    public void Search_returns_the_nearest_vectors_best_first_above_the_floor()
    {
        using var index = new VectorIndex();
        index.Reset(generation: 1, dimensions: 2, capacity: 2);
        for (var i = 0; i < 2000; i++)
        {
            // Unit vectors on a quarter circle: the angle to (1, 0) orders them.
            var angle = i * Math.PI / 2 / 2000;
            index.Upsert(i, 1, [(float)Math.Cos(angle), (float)Math.Sin(angle)]);
        }

        var top = new (long Id, float Score)[3];
        var found = index.Search([1f, 0f], minScore: 0.5f, top);

        Assert.Equal(3, found);
        Assert.Equal([0L, 1L, 2L], top.Select(hit => hit.Id));
        Assert.Equal(1f, top[0].Score, 4);
        Assert.Equal(0, index.Search([-1f, 0f], minScore: 0.5f, top));
    }

    [Fact]
    public void Removing_moves_the_last_vector_into_the_gap_and_keeps_every_other_one_findable()
    {
        using var index = new VectorIndex();
        index.Upsert(10, 1, [1f, 0f]);
        index.Upsert(20, 1, [0f, 1f]);
        index.Upsert(30, 1, [-1f, 0f]);

        index.Remove(10);
        var top = new (long Id, float Score)[1];

        Assert.Equal(2, index.Count);
        Assert.False(index.Contains(10));
        Assert.Equal(1, index.Search([-1f, 0f], minScore: 0, top));
        Assert.Equal(30, top[0].Id);
        Assert.Equal(1, index.Search([0f, 1f], minScore: 0, top));
        Assert.Equal(20, top[0].Id);
    }

    [Fact]
    public void Comparing_with_the_store_finds_changed_new_and_vanished_vectors()
    {
        using var index = new VectorIndex();
        index.Upsert(1, 100, [1f, 0f]);
        index.Upsert(2, 200, [0f, 1f]);
        index.Upsert(3, 300, [0f, 1f]);

        var (stale, gone) = index.Compare([(1, 100), (2, 201), (4, 400)]);

        Assert.Equal([2L, 4L], stale);
        Assert.Equal([3L], gone);
    }

    [Fact]
    public void A_vector_of_another_length_is_refused()
    {
        using var index = new VectorIndex();
        index.Reset(generation: 1, dimensions: 3, capacity: 1);

        Assert.False(index.Upsert(1, 1, [1f, 0f]));
        Assert.Equal(0, index.Count);
    }
}
