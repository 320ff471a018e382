namespace HealthAI.Api.KnowledgeBase;

/// <summary>
/// Endpoint filters (<see cref="IEndpointFilter"/> types) around the document writes, inside the editor token check:
/// how another feature sees a write's answer before it leaves, without the write endpoints naming that feature.
/// </summary>
internal sealed class DocumentWriteFilters
{
    public List<Type> Types { get; } = [];
}
