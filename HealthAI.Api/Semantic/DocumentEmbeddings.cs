using HealthAI.Api.KnowledgeBase;

namespace HealthAI.Api.Semantic;

/// <summary>Whether this replica can find a document by meaning yet (see <see cref="DocumentDetail.Embedding"/>).</summary>
internal sealed class DocumentEmbeddings(TextEmbedder embedder, ChunkVectors vectors, VectorIndex index) : IDocumentEmbeddingState
{
    public const string Ready = "ready";
    public const string Pending = "pending";
    public const string Unavailable = "unavailable";
    public const string Off = "off";

    public async Task<string> StateAsync(string documentId, CancellationToken cancellationToken)
    {
        switch (embedder.State)
        {
            case EmbeddingModelState.Off:
                return Off;
            case EmbeddingModelState.Unavailable:
                return Unavailable;
        }

        // Stored and in this replica's index: the index alone may still hold a vector a re-embed has just dropped.
        var chunks = await vectors.ChunksOfAsync(documentId, embedder.ModelId, cancellationToken);
        return index.IsLoaded && chunks.All(chunk => chunk.Embedded && index.Contains(chunk.Id)) ? Ready : Pending;
    }
}
