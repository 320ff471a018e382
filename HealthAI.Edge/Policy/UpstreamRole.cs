namespace HealthAI.Edge.Policy;

/// <summary>Whether an upstream takes traffic normally or only when every primary is down.</summary>
public enum UpstreamRole
{
    /// <summary>Balanced over in normal operation.</summary>
    Primary,

    /// <summary>Used only while no primary is available.</summary>
    Backup,
}
