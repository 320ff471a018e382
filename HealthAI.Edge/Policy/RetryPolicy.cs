namespace HealthAI.Edge.Policy;

/// <summary>
/// Which failed requests the edge replays on another upstream. A request that never reached a replica
/// (connection refused or reset before it was written, no live upstream) is always tried on the next one,
/// whatever its method. One a replica may have started is replayed only when that is safe: an idempotent
/// method (RFC 9110 §9.2.2), a write carrying an idempotency key (the API deduplicates on it), or a route
/// marked <see cref="EdgeRoute.SafeToRepeat"/>. A keyless POST elsewhere may already have taken effect.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Total attempts per request, the first included.</summary>
    public int Tries { get; init; } = 3;

    /// <summary>
    /// Time, beyond a route's own read timeout, after which no further attempt is started: so that a
    /// request whose first attempt waited out its timeout on a hanging replica still gets its retry.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Failures that trigger a retry.</summary>
    public RetryConditions On { get; init; } = RetryConditions.Default;

    /// <summary>
    /// Methods replayed freely: idempotent by definition (RFC 9110 §9.2.2), and the ones nginx itself
    /// replays, so both edges draw the same line (nginx only holds back POST, PATCH and LOCK).
    /// </summary>
    public IReadOnlyList<string> IdempotentMethods { get; init; } = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"];

    /// <summary>Methods replayed after they may have started only with <see cref="IdempotencyKeyHeader"/> or on a safe route.</summary>
    public IReadOnlyList<string> WriteMethods { get; init; } = ["POST", "PATCH"];

    /// <summary>How long, after a route's read timeout, attempts may still start (nginx <c>proxy_next_upstream_timeout</c>).</summary>
    public TimeSpan WindowFor(EdgeRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return route.Timeouts.Read + Timeout;
    }

    /// <summary>
    /// The largest request body the edge holds whole so that it can replay the request: the API's largest single
    /// document by default. nginx reads every body before it picks an upstream (in memory, then a temporary file),
    /// so it can replay any size. HAProxy can replay a request only if all of it, headers and body, fits one
    /// buffer and had arrived before the first attempt was sent; the edge therefore waits for the body
    /// (<c>option http-buffer-request</c>) and sizes the buffer (<c>tune.bufsize</c>) for this body plus
    /// <see cref="HeaderRoomBytes"/>. A larger body (a batch) is streamed, and HAProxy does not replay it.
    /// </summary>
    public long ReplayableBodyBytes { get; init; } = 256 * 1024;

    /// <summary>Room for the request line and headers beside <see cref="ReplayableBodyBytes"/> (HAProxy's default whole buffer).</summary>
    public const long HeaderRoomBytes = 16 * 1024;

    /// <summary>Request header that makes a write safe to replay.</summary>
    public string IdempotencyKeyHeader { get; init; } = "Idempotency-Key";

    /// <summary>Attempts after the first (HAProxy's <c>retries</c>).</summary>
    public int RetriesAfterFirstAttempt => Tries - 1;

    /// <summary>The defaults above.</summary>
    public static RetryPolicy Default { get; } = new();
}
