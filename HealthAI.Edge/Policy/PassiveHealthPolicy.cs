namespace HealthAI.Edge.Policy;

/// <summary>
/// Health judged from real traffic (nginx <c>max_fails</c>/<c>fail_timeout</c>; HAProxy <c>observe layer7</c>
/// with <c>error-limit</c>). This is all nginx OSS has: it never probes an idle upstream.
/// </summary>
/// <param name="Primary">Threshold for primaries.</param>
/// <param name="Backup">Threshold for the backup, stricter because it is the last resort.</param>
public sealed record PassiveHealthPolicy(FailureThreshold Primary, FailureThreshold Backup)
{
    /// <summary>
    /// One failure takes a primary out for 1 s. Short on purpose: nginx never probes, so <c>fail_timeout</c>
    /// is also how long a replica that answers again (after a restart, or after every upstream failed at
    /// start-up) waits before it gets traffic. Trying a dead replica once a second costs one refused
    /// connection, retried at once; a hanging one costs one request its route timeout per second, also
    /// retried. The backup is never marked failed (0 disables the count): as the last resort it is always
    /// tried, so that spurious timeouts on a saturated machine can never leave nginx with "no live upstreams".
    /// </summary>
    public static PassiveHealthPolicy Default { get; } =
        new(new FailureThreshold(1, TimeSpan.FromSeconds(1)), new FailureThreshold(0, TimeSpan.FromSeconds(1)));

    /// <summary>The threshold that applies to an upstream of the given role.</summary>
    public FailureThreshold For(UpstreamRole role) => role == UpstreamRole.Backup ? Backup : Primary;
}
