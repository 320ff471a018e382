using System.ClientModel;
using System.ClientModel.Primitives;
using HealthAI.Api.Models;
using Microsoft.Extensions.AI;
using OpenAI;

namespace HealthAI.Api.Semantic;

/// <summary>Makes the configured embedding generator: the shipped model, or an OpenAI-compatible endpoint behind the model pipeline.</summary>
internal static class EmbeddingGenerators
{
    public static IEmbeddingGenerator<string, Embedding<float>> Create(EmbeddingOptions options, TimeProvider clock) => options.Provider switch
    {
        EmbeddingProvider.ArcticXs => new ArcticXsEmbeddingGenerator(),
        EmbeddingProvider.OpenAI => new ResilientEmbeddingGenerator(
            new OpenAI.Embeddings.EmbeddingClient(options.Name, new ApiKeyCredential(options.ApiKey.Length > 0 ? options.ApiKey : "none"),
                new OpenAIClientOptions
                {
                    Endpoint = new Uri(options.Endpoint),
                    // The pipeline owns retries and timeouts; the SDK's own would multiply them.
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                    NetworkTimeout = options.AttemptTimeout,
                }).AsIEmbeddingGenerator(),
            ModelPipeline.Create(options, clock)),
        _ => throw new InvalidOperationException($"{EmbeddingOptions.SectionName}:{nameof(EmbeddingOptions.Provider)} is {options.Provider}: nothing embeds."),
    };
}
