namespace HealthAI.Edge.Policy;

/// <summary>
/// The request headers that ask a replica for an injected fault (test-only, <c>HealthAI.Api.Faults</c>): removed from
/// every request unless the replicas run with fault injection on, which only a local failure drill does (publishing
/// refuses it). HAProxy removes every header with <see cref="Prefix"/>; nginx cannot match header names by prefix, so it
/// clears each of <see cref="Names"/>.
/// </summary>
public sealed record FaultHeaders
{
    /// <summary>The prefix every fault header starts with.</summary>
    public string Prefix { get; init; } = "X-HealthAI-Fault-";

    /// <summary>The fault headers the API reads; each starts with <see cref="Prefix"/>.</summary>
    public IReadOnlyList<string> Names { get; init; } = ["X-HealthAI-Fault-Delay-Ms", "X-HealthAI-Fault-Crash-After-Write"];

    /// <summary>Whether the edge removes them: false only for a drill's replicas, which inject the faults these ask for.</summary>
    public bool Removed { get; init; } = true;

    /// <summary>The API's fault headers.</summary>
    public static FaultHeaders Default { get; } = new();
}
