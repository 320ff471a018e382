using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthAI.Api.Semantic;

/// <summary>
/// Readiness of the semantic side. Not ready only while the vector index first loads (seconds, in bulk); a model
/// that cannot be loaded is Degraded, not down: the replica serves lexical search. The embedding backlog never
/// holds readiness: a document is searchable by its words from the moment it is stored.
/// </summary>
internal sealed class SemanticHealthCheck(TextEmbedder embedder, VectorIndex index, SemanticMetrics metrics) : IHealthCheck
{
    public const string Name = "semantic-search";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["model"] = embedder.ModelId,
            ["modelState"] = embedder.State.ToString().ToLowerInvariant(),
            ["indexedVectors"] = index.Count,
            ["indexBytes"] = index.Bytes,
            ["pendingChunks"] = metrics.PendingChunks,
            ["embeddedChunks"] = metrics.EmbeddedChunks,
            ["backlogAtLowPriority"] = embedder.BacklogAtLowPriority?.ToString().ToLowerInvariant() ?? "not started",
        };
        return Task.FromResult(embedder.State switch
        {
            EmbeddingModelState.Off => HealthCheckResult.Healthy("Embeddings are off: search is lexical.", data),
            EmbeddingModelState.Unavailable => HealthCheckResult.Degraded($"The embedding model could not be loaded ({embedder.Failure}): search is lexical.", data: data),
            _ when !index.IsLoaded => HealthCheckResult.Unhealthy("The vector index is loading.", data: data),
            EmbeddingModelState.Loading => HealthCheckResult.Healthy("The embedding model is loading: search is lexical for now.", data),
            _ => HealthCheckResult.Healthy("Search is hybrid: words and meaning.", data),
        });
    }
}
