namespace HealthAI.Edge.Policy;

/// <summary>
/// The request headers that ask a replica for an injected fault (test-only, <c>HealthAI.Api.Faults</c>): no client
/// may send them through an edge. HAProxy removes every header with <see cref="Prefix"/>; nginx cannot match header
/// names by prefix, so it clears each of <see cref="Names"/>.
/// </summary>
public sealed record FaultHeaders
{
    /// <summary>The prefix every fault header starts with.</summary>
    public string Prefix { get; init; } = "X-HealthAI-Fault-";

    /// <summary>The fault headers the API reads; each starts with <see cref="Prefix"/>.</summary>
    public IReadOnlyList<string> Names { get; init; } = ["X-HealthAI-Fault-Delay-Ms", "X-HealthAI-Fault-Crash-After-Write"];

    /// <summary>The API's fault headers.</summary>
    public static FaultHeaders Default { get; } = new();
}
