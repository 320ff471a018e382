namespace HealthAI.Edge.Policy;

/// <summary>
/// Health judged from real traffic (nginx <c>max_fails</c>/<c>fail_timeout</c>; HAProxy <c>observe layer7</c>
/// with <c>error-limit</c>). This is all nginx OSS has: it never probes an idle upstream.
/// </summary>
/// <param name="Primary">Threshold for primaries.</param>
/// <param name="Backup">Threshold for the backup, stricter because it is the last resort.</param>
public sealed record PassiveHealthPolicy(FailureThreshold Primary, FailureThreshold Backup)
{
    /// <summary>3 fails in 30 s for primaries, 2 in 15 s for the backup.</summary>
    public static PassiveHealthPolicy Default { get; } =
        new(new FailureThreshold(3, TimeSpan.FromSeconds(30)), new FailureThreshold(2, TimeSpan.FromSeconds(15)));

    /// <summary>The threshold that applies to an upstream of the given role.</summary>
    public FailureThreshold For(UpstreamRole role) => role == UpstreamRole.Backup ? Backup : Primary;
}
