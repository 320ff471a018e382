namespace HealthAI.ServiceDefaults;

/// <summary>Where a replica is in its life: readiness is derived from this alone.</summary>
public enum ReplicaState
{
    /// <summary>The process is up but has not finished starting: not ready.</summary>
    Starting,

    /// <summary>Started and not asked to stop: ready for traffic.</summary>
    Ready,

    /// <summary>Asked to stop: still serving, but telling everyone to send no more.</summary>
    Draining,
}

/// <summary>The replica's lifecycle state, shared by the readiness check, the drain service and metrics.</summary>
public sealed class ReplicaLifecycle
{
    private int _state = (int)ReplicaState.Starting;

    /// <summary>The current state.</summary>
    public ReplicaState State => (ReplicaState)Volatile.Read(ref _state);

    /// <summary>When the replica turned ready, or null while starting.</summary>
    public DateTimeOffset? ReadySince { get; private set; }

    /// <summary>When draining began, or null when not draining.</summary>
    public DateTimeOffset? DrainingSince { get; private set; }

    /// <summary>Marks the replica ready, unless it is already draining.</summary>
    public void MarkReady(TimeProvider clock)
    {
        if (Interlocked.CompareExchange(ref _state, (int)ReplicaState.Ready, (int)ReplicaState.Starting) == (int)ReplicaState.Starting)
        {
            ReadySince = clock.GetUtcNow();
        }
    }

    /// <summary>Begins draining; returns false when draining had already begun.</summary>
    public bool BeginDraining(TimeProvider clock)
    {
        var previous = (ReplicaState)Interlocked.Exchange(ref _state, (int)ReplicaState.Draining);
        if (previous == ReplicaState.Draining)
        {
            return false;
        }

        DrainingSince = clock.GetUtcNow();
        return true;
    }
}
