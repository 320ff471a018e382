using System.Diagnostics;

namespace HealthAI.ServiceDefaults;

/// <summary>When this replica's process started: the origin of its uptime.</summary>
internal sealed record ReplicaStartTime(DateTimeOffset Value)
{
    public static ReplicaStartTime OfThisProcess()
    {
        using var process = Process.GetCurrentProcess();
        return new ReplicaStartTime(new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero));
    }
}
