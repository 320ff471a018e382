namespace HealthAI.Edge.Policy;

/// <summary>
/// Probing each upstream on a timer (HAProxy only: nginx OSS has no active checks).
/// Defaults eject a dead, hanging or draining replica within <see cref="DetectionBound"/>: shorter than the replicas' 3 s drain, so HAProxy stops sending to a replica before it exits.
/// A replica that is down is probed twice a second, so one that answers again is back within about 1 s.
/// </summary>
public sealed record ActiveHealthPolicy
{
    /// <summary>Probe path: readiness, so a draining replica leaves rotation before it stops.</summary>
    public string Path { get; init; } = "/readyz";

    /// <summary>Status a healthy probe answers with.</summary>
    public int ExpectStatus { get; init; } = 200;

    /// <summary>
    /// Time between probes: twice a second, so that a replica that freezes just after a good probe is seen
    /// within 2 s (<see cref="DetectionBound"/>). Four replicas cost eight <c>/readyz</c> a second in all.
    /// </summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Time between probes once one failed (HAProxy <c>fastinter</c>): confirms a failure fast.</summary>
    public TimeSpan FastInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Time between probes of an upstream that is down (HAProxy <c>downinter</c>).</summary>
    public TimeSpan DownInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a probe may take. <c>/readyz</c> answers in milliseconds; a frozen replica still accepts the
    /// connection (the kernel does) and never answers, so this, not the connect timeout, detects it.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Consecutive failed probes that mark an upstream down.</summary>
    public int Fall { get; init; } = 2;

    /// <summary>Consecutive good probes that bring it back.</summary>
    public int Rise { get; init; } = 2;

    /// <summary>Also count errors of live traffic (HAProxy <c>observe layer7</c>).</summary>
    public bool ObserveLiveTraffic { get; init; } = true;

    /// <summary>
    /// The longest a replica that stops answering stays in rotation: it hangs just after a good probe, the next
    /// comes <see cref="Interval"/> later and times out, and each further one of the <see cref="Fall"/> comes
    /// <see cref="FastInterval"/> after the previous timed out. A live request's timeout can mark it down sooner.
    /// </summary>
    public TimeSpan DetectionBound => Interval + Timeout + ((FastInterval + Timeout) * (Fall - 1));

    /// <summary>The defaults above.</summary>
    public static ActiveHealthPolicy Default { get; } = new();
}
