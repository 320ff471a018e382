namespace HealthAI.Edge.Policy;

/// <summary>
/// Per-client-address request rate limit, answered 429 with <c>Retry-After</c>.
/// nginx applies it exactly (leaky bucket); HAProxy approximates it with two sliding windows.
/// </summary>
public sealed record RateLimitPolicy
{
    /// <summary>Sustained requests per second per client address.</summary>
    public int RequestsPerSecond { get; init; } = 10;

    /// <summary>Requests above the rate served at once before limiting starts.</summary>
    public int Burst { get; init; } = 20;

    /// <summary>Seconds a limited client is told to wait.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Shared-memory size for the client table, in megabytes (about 16 000 addresses per MB in nginx).</summary>
    public int TableSizeMegabytes { get; init; } = 10;

    /// <summary>Length of HAProxy's long window: long enough that a sustained excess shows.</summary>
    public TimeSpan LongWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most requests a leaky bucket lets through in one second: the rate plus the burst.</summary>
    public int ShortWindowLimit => RequestsPerSecond + Burst;

    /// <summary>Most requests a leaky bucket lets through in <see cref="LongWindow"/>.</summary>
    public int LongWindowLimit => (int)(RequestsPerSecond * LongWindow.TotalSeconds) + Burst;

    /// <summary>10 r/s, burst 20.</summary>
    public static RateLimitPolicy Default { get; } = new();
}
