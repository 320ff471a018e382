namespace HealthAI.Api.Faults;

/// <summary>
/// Test-only fault injection, off unless <c>Faults:Enabled</c> is true. Failure drills and integration
/// tests use it to hold a request in flight or to make one replica slow; production never sets it.
/// </summary>
public sealed class FaultInjectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = FaultsSection.Name;

    /// <summary>The request header that asks this replica to wait before answering, in milliseconds.</summary>
    public const string DelayHeader = FaultsSection.DelayHeader;

    /// <summary>
    /// The request header that makes this replica die (SIGKILL) right after it committed a new write and
    /// before it answers: the acknowledgement a crash loses, which idempotency keys must recover.
    /// </summary>
    public const string CrashAfterWriteHeader = FaultsSection.CrashAfterWriteHeader;

    /// <summary>Whether requests may ask for injected faults at all.</summary>
    public bool Enabled { get; set; }

    /// <summary>The longest delay a request may ask for.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
