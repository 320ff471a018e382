namespace HealthAI.Edge.Policy;

/// <summary>
/// The largest request body each API route accepts, as the API's own options say: the edge refuses anything
/// larger with 413 from the declared length, before it reads or buffers a byte of it. The AppHost passes the API's
/// values (<c>KnowledgeBaseOptions</c>, the ask limit); the defaults here are the API's defaults.
/// </summary>
public sealed record RequestBodyLimits
{
    /// <summary>A question to <c>/api/ask</c> (the API's ask limit): 16 KiB.</summary>
    public long AskBytes { get; init; } = 16 * 1024;

    /// <summary>One document on <c>/api/documents</c> (<c>KnowledgeBase:MaxDocumentBytes</c>): 256 KiB.</summary>
    public long DocumentBytes { get; init; } = 256 * 1024;

    /// <summary>A batch on <c>/api/documents/batch</c> (<c>KnowledgeBase:MaxBatchBytes</c>): 4 MiB.</summary>
    public long BatchBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>Routes that take no body (reads, search, the fault switch's 1 KiB setting): 1 KiB.</summary>
    public long NoBodyBytes { get; init; } = 1024;

    /// <summary>Added to the document limits, so a body just over the API's limit gets the API's own 413, which names it: 16 KiB.</summary>
    public long Margin { get; init; } = 16 * 1024;

    /// <summary>The API's defaults.</summary>
    public static RequestBodyLimits Default { get; } = new();
}
