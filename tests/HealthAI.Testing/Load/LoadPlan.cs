namespace HealthAI.Testing.Load;

/// <summary>
/// A fixed offered load: <see cref="RequestsPerSecond"/> requests of <see cref="Mix"/> against <see cref="Target"/>
/// for at most <see cref="Duration"/>, sent round-robin from <see cref="SourceAddresses"/> (one client each).
/// </summary>
public sealed record LoadPlan(Uri Target, double RequestsPerSecond, TimeSpan Duration, IReadOnlyList<string> SourceAddresses)
{
    /// <summary>Asks the replica to hold each request this long (<c>X-HealthAI-Fault-Delay-Ms</c>), so some are in flight when a fault hits.</summary>
    public int HoldMilliseconds { get; init; }

    /// <summary>What is sent: by default a <c>GET</c> of <see cref="Target"/>; a mix builds its requests from it as a base address.</summary>
    public LoadMix Mix { get; init; } = LoadMix.Root;

    /// <summary>The editor token, sent as <c>Authorization: Bearer</c> on every request so that the mix's writes are accepted.</summary>
    public string? BearerToken { get; init; }

    /// <summary>A request still unanswered after this long counts as failed.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>What each client offers: it must stay under the edge's per-address limit (10 r/s) for failures to mean anything.</summary>
    public double RequestsPerSecondPerClient => RequestsPerSecond / SourceAddresses.Count;
}
