namespace HealthAI.Api.Backups.Engines;

/// <summary>What a backup's copy holds, counted inside the snapshot it was taken from.</summary>
internal sealed record BackupContents(long Documents, long Chunks, int SchemaVersion);

/// <summary>
/// Takes the safety backup inside a restore. <paramref name="snapshot"/> is the engine's exported snapshot
/// the backup must be taken from (PostgreSQL), or null when the engine has already held writes (SQLite).
/// </summary>
internal delegate Task<BackupManifest?> SafetyBackup(string? snapshot, CancellationToken cancellationToken);

/// <summary>
/// How one engine copies, checks and restores the knowledge base, and how its replicas take turns.
/// <c>/backup</c>, the manifest, the digest, retention and the schedule are the same for both engines
/// (<see cref="BackupWriter"/>, <see cref="BackupRestorer"/>, <see cref="ScheduledBackups"/>); only this differs.
/// </summary>
internal interface IBackupEngine
{
    /// <summary>The copy's file name inside a backup's folder.</summary>
    string FileName { get; }

    /// <summary>The media type <c>/backup/{id}/download</c> sends.</summary>
    string ContentType { get; }

    /// <summary>Writes a consistent copy of the knowledge base to <paramref name="path"/> while writes go on.</summary>
    Task<BackupContents> SnapshotAsync(string path, string? snapshot, CancellationToken cancellationToken);

    /// <summary>The copy at <paramref name="path"/> checked by the engine itself; the caller disposes it.</summary>
    Task<CheckedCopy> CheckAsync(string path, BackupManifest manifest, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the knowledge base with a copy this engine checked (<see cref="CheckAsync"/>) for every replica
    /// at once, taking the safety backup at the moment from which writes are held, so nothing acknowledged
    /// is lost. Returns the new generation.
    /// </summary>
    Task<long> RestoreAsync(BackupManifest manifest, CheckedCopy copy, SafetyBackup safetyBackup, CancellationToken cancellationToken);

    /// <summary>An exclusive lease named <paramref name="name"/> among all replicas, waiting up to <paramref name="wait"/>; null when it stayed taken.</summary>
    Task<IAsyncDisposable?> TryLeaseAsync(string name, string holder, TimeSpan wait, CancellationToken cancellationToken);
}

/// <summary>The leases replicas take turns with.</summary>
internal static class BackupLeases
{
    public const string Restore = "restore";
    public const string Schedule = "schedule";
    public const string Retention = "retention";
}
