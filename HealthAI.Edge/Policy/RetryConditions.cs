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

    /// <summary>
    /// The upstream answered 503. Not in <see cref="Default"/>: the API answers 503 only when the knowledge base
    /// is unavailable (restoring, or its primary switching), which is the whole service's state, not one
    /// replica's; a retry would meet the same 503 on every replica, and both edges would count each as a
    /// failure of that replica and take the primaries out of rotation while the database switches.
    /// </summary>
    Status503 = 8,

    /// <summary>The upstream answered 504.</summary>
    Status504 = 16,

    /// <summary>Everything that says this replica, not the service, failed.</summary>
    Default = ConnectError | Timeout | Status502 | Status504,
}
