namespace HealthAI.Edge.Policy;

/// <summary>
/// Which failed requests the edge replays on another upstream. Writes are replayed only when they carry an
/// idempotency key, because the API deduplicates on it; a keyless write may already have taken effect.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Total attempts per request, the first included.</summary>
    public int Tries { get; init; } = 3;

    /// <summary>Time after which no further attempt is started.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Failures that trigger a retry.</summary>
    public RetryConditions On { get; init; } = RetryConditions.Default;

    /// <summary>Methods retried freely.</summary>
    public IReadOnlyList<string> IdempotentMethods { get; init; } = ["GET", "HEAD", "OPTIONS"];

    /// <summary>Methods retried only with <see cref="IdempotencyKeyHeader"/>.</summary>
    public IReadOnlyList<string> WriteMethods { get; init; } = ["POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Request header that makes a write safe to replay.</summary>
    public string IdempotencyKeyHeader { get; init; } = "Idempotency-Key";

    /// <summary>Attempts after the first (HAProxy's <c>retries</c>).</summary>
    public int RetriesAfterFirstAttempt => Tries - 1;

    /// <summary>The defaults above.</summary>
    public static RetryPolicy Default { get; } = new();
}
