using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HealthAI.Chaos.Workload;

/// <summary>A document the mixed load ingests: its JSON body, built once, and its idempotency key.</summary>
internal sealed record ChaosDocument(string Title, string Text)
{
    private const string Source = "chaos-harness";

    /// <summary>The body of <c>POST /api/documents</c>.</summary>
    public string Json { get; } = JsonSerializer.Serialize(new { title = Title, text = Text, source = Source, tags = new[] { "chaos" } });

    /// <summary>
    /// The content hash, as the API computes a document's id: the same document always carries the same
    /// key, and its ingest is idempotent anyway, so an edge that replays it on another replica does no harm.
    /// </summary>
    public string IdempotencyKey { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Title.Trim()}\n{Text.Trim()}")).AsSpan(0, 16));
}
