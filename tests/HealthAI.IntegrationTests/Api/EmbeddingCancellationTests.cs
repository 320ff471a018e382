using HealthAI.Api.Semantic;

namespace HealthAI.Api.Tests;

/// <summary>The shipped model, in process: a cancelled embedding is a cancellation, not a model failure.</summary>
public sealed class EmbeddingCancellationTests
{
    [Fact]
    public async Task A_cancelled_embedding_throws_a_cancellation()
    {
        using var generator = new ArcticXsEmbeddingGenerator();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => generator.GenerateAsync(["How is the flu spread?"], cancellationToken: cancelled.Token));
        Assert.Single(await generator.GenerateAsync(["How is the flu spread?"], cancellationToken: TestContext.Current.CancellationToken));
    }
}
