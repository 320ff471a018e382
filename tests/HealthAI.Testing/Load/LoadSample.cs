namespace HealthAI.Testing.Load;

/// <summary>
/// One request's fate. <see cref="Latency"/> runs from the time the request was due, not the time it was
/// sent, so a stalled sender shows as latency instead of vanishing (coordinated omission).
/// <see cref="Kind"/> names the mix's request kind, for latency per request type.
/// </summary>
public sealed record LoadSample(TimeSpan Intended, TimeSpan Latency, int Status, string? Instance, string? Error, int Client, string Kind = LoadMix.RootKind)
{
    /// <summary>Any 2xx: an ingest answers 201 for a new document and 200 for one already stored.</summary>
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>The connection closed before any answer and the request, safe to repeat, was sent a second time.</summary>
    public bool Resent { get; init; }

    /// <summary>The answer said when to come back (<c>Retry-After</c>): a refusal a client can act on.</summary>
    public bool RetryAfter { get; init; }

    /// <summary>The request's number in its load: what its mix built it from.</summary>
    public long Index { get; init; }

    /// <summary>How long after its due time the request was handed to its client: the sender's own delay, part of <see cref="Latency"/>.</summary>
    public TimeSpan SendLag { get; init; }

    /// <summary>When the request was handed to its client, on the load's clock.</summary>
    public TimeSpan Sent => Intended + SendLag;

    public TimeSpan Completed => Intended + Latency;
}
