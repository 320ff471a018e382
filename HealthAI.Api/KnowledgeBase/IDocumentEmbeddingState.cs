namespace HealthAI.Api.KnowledgeBase;

/// <summary>
/// Whether this replica can find a document by meaning yet (<see cref="DocumentDetail.Embedding"/>): declared here and
/// kept by the semantic feature, so that the knowledge base does not depend on the feature built on it.
/// </summary>
internal interface IDocumentEmbeddingState
{
    Task<string> StateAsync(string documentId, CancellationToken cancellationToken);
}
