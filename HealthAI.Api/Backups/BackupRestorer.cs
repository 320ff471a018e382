using System.Diagnostics;
using HealthAI.Api.Backups.Engines;
using HealthAI.Api.KnowledgeBase;
using HealthAI.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Backups;

/// <summary>The outcome of a restore.</summary>
internal sealed record RestoreResult(string RestoredFrom, long Generation, long Documents, string? SafetyBackupId, double DurationMs);

/// <summary>A restore that cannot start: another is running, or the backup does not verify.</summary>
internal sealed class RestoreRefusedException(int status, string detail, BackupVerification? verification = null) : Exception(detail)
{
    public int Status => status;

    public BackupVerification? Verification => verification;
}

/// <summary>
/// Restores a backup for every replica at once, without restarting any: one restore at a time (the
/// engine's lease), only a backup that verifies, and a safety backup of what it replaces taken at the
/// moment writes are held, so nothing acknowledged is lost. How the switch is made is the engine's
/// (<see cref="IBackupEngine.RestoreAsync"/>). See docs/api/backups.md.
/// </summary>
internal sealed partial class BackupRestorer(
    IBackupEngine engine,
    BackupVerifier verifier,
    BackupWriter writer,
    DocumentRepository documents,
    IOptions<BackupOptions> options,
    IOptions<ReplicaOptions> replica,
    ILogger<BackupRestorer> logger)
{
    private static readonly TimeSpan LeaseWait = TimeSpan.FromSeconds(30);

    public async Task<RestoreResult> RestoreAsync(BackupManifest manifest, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        await using var lease = await engine.TryLeaseAsync(BackupLeases.Restore, replica.Value.Name, LeaseWait, cancellationToken)
            ?? throw new RestoreRefusedException(StatusCodes.Status409Conflict, "Another restore is in progress; try again when it has finished.");

        var (verification, copy) = await verifier.CheckAsync(manifest, cancellationToken);
        await using var _ = copy;
        if (!verification.Valid || copy is null)
        {
            throw new RestoreRefusedException(StatusCodes.Status422UnprocessableEntity,
                $"Backup {manifest.Id} does not verify ({verification.Integrity}; SHA-256 matches: {verification.Sha256Matches}); nothing was restored.", verification);
        }

        // No more cancellation once the engine starts: the client going away must not leave a switch half made.
        BackupManifest? safety = null;
        var generation = await engine.RestoreAsync(manifest, copy, async (snapshot, token) =>
            safety = options.Value.SnapshotBeforeRestore
                ? await writer.CreateAsync(BackupTrigger.PreRestore, null, token, snapshot)
                : null, CancellationToken.None);

        var stats = await documents.StatsAsync(CancellationToken.None);
        LogRestored(manifest.Id, generation, stats.Documents, started.Elapsed.TotalMilliseconds);
        return new RestoreResult(manifest.Id, generation, stats.Documents, safety?.Id, Math.Round(started.Elapsed.TotalMilliseconds, 1));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Restored backup {BackupId} as generation {Generation}: {Documents} documents, in {DurationMs} ms")]
    private partial void LogRestored(string backupId, long generation, long documents, double durationMs);
}
