namespace HealthAI.Contracts;

/// <summary>The API's <c>Backups</c> section: its name and the keys the AppHost sets.</summary>
public static class BackupsSection
{
    /// <summary>The section's name.</summary>
    public const string Name = "Backups";

    /// <summary>The shared backups volume.</summary>
    public const string Directory = "Directory";

    /// <summary>The <c>/backup</c> admin token, from a secret.</summary>
    public const string AdminToken = "AdminToken";

    /// <summary>The key that seals the backups' manifests, from a secret.</summary>
    public const string ManifestKey = "ManifestKey";

    /// <summary>The scheduled backups' subsection.</summary>
    public const string Schedule = "Schedule";

    /// <summary>The scheduled backups' interval, inside <see cref="Schedule"/>.</summary>
    public const string Interval = "Interval";
}
