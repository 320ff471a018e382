namespace HealthAI.Contracts;

/// <summary>The API's test-only <c>Faults</c> section, and the request headers that inject a fault, which the edges strip unless it is on.</summary>
public static class FaultsSection
{
    /// <summary>The section's name.</summary>
    public const string Name = "Faults";

    /// <summary>The switch.</summary>
    public const string Enabled = "Enabled";

    /// <summary>Delays the response by this many milliseconds.</summary>
    public const string DelayHeader = "X-HealthAI-Fault-Delay-Ms";

    /// <summary>Makes the replica exit right after the write commits, before it answers.</summary>
    public const string CrashAfterWriteHeader = "X-HealthAI-Fault-Crash-After-Write";
}
