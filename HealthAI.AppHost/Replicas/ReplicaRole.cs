namespace HealthAI.AppHost.Replicas;

/// <summary>What an API replica is for: a primary takes traffic, the backup only when no primary can.</summary>
public enum ReplicaRole
{
    /// <summary>Balanced over with the other primaries.</summary>
    Primary,

    /// <summary>Takes traffic only when every primary is unavailable.</summary>
    Backup,
}
