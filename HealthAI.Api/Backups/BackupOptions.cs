namespace HealthAI.Api.Backups;

/// <summary>Online backups of the knowledge base. Section <c>Backups</c>.</summary>
public sealed class BackupOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = BackupsSection.Name;

    /// <summary>The shared backups volume; empty means <c>backups</c> under the content root.</summary>
    public string Directory { get; set; } = "";

    /// <summary>The bearer token <c>/backup</c> requires; empty turns <c>/backup</c> off (503).</summary>
    public string AdminToken { get; set; } = "";

    /// <summary>
    /// The key that authenticates every backup's manifest (HMAC-SHA256), required while <c>/backup</c> is on. It must
    /// not live on the backups volume: whoever can write there could otherwise forge a manifest for a dump of their own.
    /// </summary>
    public string ManifestKey { get; set; } = "";

    /// <summary>Which backups to keep.</summary>
    public BackupRetentionOptions Retention { get; set; } = new();

    /// <summary>When to take backups without being asked.</summary>
    public BackupScheduleOptions Schedule { get; set; } = new();

    /// <summary>Below this much free space on the backups volume the replica reports Degraded.</summary>
    public long MinFreeBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Take a backup of the current data before a restore replaces it.</summary>
    public bool SnapshotBeforeRestore { get; set; } = true;

    /// <summary>Whether <c>/backup</c> is on.</summary>
    public bool IsConfigured => !string.IsNullOrEmpty(AdminToken);
}

/// <summary>Which backups retention keeps: the newest few, and the last of each recent day.</summary>
public sealed class BackupRetentionOptions
{
    /// <summary>Always keep this many of the newest backups.</summary>
    public int Newest { get; set; } = 7;

    /// <summary>Also keep the newest backup of each of the last this-many days (UTC); 0 keeps no dailies.</summary>
    public int DailyDays { get; set; } = 7;

    /// <summary>
    /// Keep every pre-restore backup this many days, whatever the count: it is the only copy of the writes
    /// acknowledged before a restore, and a busy day's backups must not push it out.
    /// </summary>
    public int PreRestoreDays { get; set; } = 7;
}

/// <summary>Scheduled backups: off unless an interval is set (the AppHost sets one for every deployment it describes).</summary>
public sealed class BackupScheduleOptions
{
    /// <summary>How often one replica takes a backup (e.g. <c>06:00:00</c>); unset or empty means never.</summary>
    public TimeSpan? Interval { get; set; }
}
