namespace HealthAI.Api.Faults;

/// <summary>
/// The faults this whole replica plays, as <c>PUT /faults</c> takes them and <c>GET /faults</c> shows them.
/// A PUT replaces all of them: a field left out is off.
/// </summary>
/// <param name="LatencyMs">Added to every request except health, metrics and <c>/faults</c> itself, 0 to <see cref="MaxLatencyMs"/>.</param>
/// <param name="ReadinessFails">Whether <c>/readyz</c> answers 503 while the replica goes on serving.</param>
public sealed record ReplicaFaultSettings(int LatencyMs = 0, bool ReadinessFails = false)
{
    /// <summary>The largest latency a replica may be told to add: the edges' slowest route times out at 30 s.</summary>
    public const int MaxLatencyMs = 30_000;

    /// <summary>No faults: what a replica starts with and what <c>DELETE /faults</c> returns it to.</summary>
    public static ReplicaFaultSettings None { get; } = new();
}
