namespace HealthAI.Api.KnowledgeBase;

/// <summary>
/// A body broke a count or length limit while it was being read: reading stops there, and the client
/// gets a 400 that names the field (<see cref="Field"/>, e.g. <c>documents[3].tags</c>).
/// </summary>
internal sealed class DocumentRejectedException(string rejectedField, string message) : Exception(message)
{
    public string Field => rejectedField;

    /// <summary>The same rejection for a document inside a batch, its field prefixed.</summary>
    public DocumentRejectedException Within(string prefix) => new(prefix + rejectedField, Message);
}
