namespace HealthAI.Api.KnowledgeBase;

/// <summary>Tells whoever keeps derived data (the embedding worker) that this replica just changed the knowledge base.</summary>
internal sealed class KnowledgeBaseChanges
{
    public event Action? Changed;

    public void Notify() => Changed?.Invoke();
}
