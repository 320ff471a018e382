namespace HealthAI.Api.KnowledgeBase.Storage;

/// <summary>The knowledge base cannot serve now (volume, file or schema trouble); clients get a 503.</summary>
public sealed class KnowledgeBaseUnavailableException : Exception
{
    public KnowledgeBaseUnavailableException()
    {
    }

    public KnowledgeBaseUnavailableException(string message)
        : base(message)
    {
    }

    public KnowledgeBaseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
