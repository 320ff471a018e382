namespace HealthAI.Edge.Policy;

/// <summary>gzip for text responses; JSON answers of a RAG API compress several-fold.</summary>
public sealed record CompressionPolicy
{
    /// <summary>Whether responses are compressed.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Media types compressed.</summary>
    public IReadOnlyList<string> MediaTypes { get; init; } =
        ["application/json", "application/problem+json", "text/plain", "text/css", "application/javascript", "text/html"];

    /// <summary>Smaller bodies are sent as they are: gzip would not pay for its header.</summary>
    public int MinimumLength { get; init; } = 1024;

    /// <summary>The defaults above.</summary>
    public static CompressionPolicy Default { get; } = new();
}
