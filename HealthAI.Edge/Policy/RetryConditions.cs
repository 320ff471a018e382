namespace HealthAI.Edge.Policy;

/// <summary>Failures after which a request is tried on the next upstream.</summary>
[Flags]
public enum RetryConditions
{
    /// <summary>Never retry.</summary>
    None = 0,

    /// <summary>The connection could not be made, or broke before a response header.</summary>
    ConnectError = 1,

    /// <summary>The upstream did not answer in time.</summary>
    Timeout = 2,

    /// <summary>The upstream answered 502.</summary>
    Status502 = 4,

    /// <summary>The upstream answered 503 (e.g. a draining replica).</summary>
    Status503 = 8,

    /// <summary>The upstream answered 504.</summary>
    Status504 = 16,

    /// <summary>All of the above.</summary>
    Default = ConnectError | Timeout | Status502 | Status503 | Status504,
}
