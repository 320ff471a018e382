using Microsoft.Extensions.AI;
using Polly;

namespace HealthAI.Api.Semantic;

/// <summary>Runs every call of a remote embedding model through the resilience pipeline the chat model uses.</summary>
internal sealed class ResilientEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, ResiliencePipeline pipeline)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IReadOnlyList<string> ?? [.. values];
        return await pipeline.ExecuteAsync(async token => await base.GenerateAsync(texts, options, token), cancellationToken);
    }
}
