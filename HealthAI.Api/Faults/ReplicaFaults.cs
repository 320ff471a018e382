namespace HealthAI.Api.Faults;

/// <summary>
/// The replica-wide faults in force now. One immutable settings object is swapped whole, so a request
/// never sees half of a change (a new latency with the old readiness).
/// </summary>
internal sealed partial class ReplicaFaults(ILogger<ReplicaFaults> logger)
{
    private ReplicaFaultSettings _current = ReplicaFaultSettings.None;

    public ReplicaFaultSettings Current => Volatile.Read(ref _current);

    public void Set(ReplicaFaultSettings settings)
    {
        Volatile.Write(ref _current, settings);
        // A warning, not information: a replica playing faults must stand out in its log.
        LogSet(logger, settings.LatencyMs, settings.ReadinessFails);
    }

    public void Clear()
    {
        Volatile.Write(ref _current, ReplicaFaultSettings.None);
        LogCleared(logger);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica faults set: {LatencyMs} ms added latency, readiness fails {ReadinessFails}")]
    private static partial void LogSet(ILogger logger, int latencyMs, bool readinessFails);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica faults cleared")]
    private static partial void LogCleared(ILogger logger);
}
