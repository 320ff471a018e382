using System.Diagnostics;
using HealthAI.Api.KnowledgeBase;
using HealthAI.Api.KnowledgeBase.Storage;
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
/// Restores a backup for every replica at once, without restarting any. The copy becomes the next
/// generation file beside the current one; the old generation is retired (every replica's write fence
/// respects it, so writes are held), backed up, and the generation pointer moves to the copy by an
/// atomic rename. See the API README.
/// </summary>
internal sealed partial class BackupRestorer(
    KnowledgeBaseConnections connections,
    BackupCatalog catalog,
    BackupVerifier verifier,
    BackupWriter writer,
    DocumentRepository documents,
    IOptions<BackupOptions> options,
    IOptions<ReplicaOptions> replica,
    ILogger<BackupRestorer> logger)
{
    public const string LockFileName = ".restore.lock";
    private static readonly TimeSpan LeaseWait = TimeSpan.FromSeconds(30);

    public async Task<RestoreResult> RestoreAsync(BackupManifest manifest, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var locator = connections.Locator;
        using var lease = await SharedVolumeLease.AcquireAsync(Path.Combine(locator.DataDirectory, LockFileName), replica.Value.Name, LeaseWait, cancellationToken)
            ?? throw new RestoreRefusedException(StatusCodes.Status409Conflict, "Another restore is in progress; try again when it has finished.");

        var verification = await verifier.VerifyAsync(manifest, cancellationToken);
        if (!verification.Valid)
        {
            throw new RestoreRefusedException(StatusCodes.Status422UnprocessableEntity,
                $"Backup {manifest.Id} does not verify ({verification.Integrity}; SHA-256 matches: {verification.Sha256Matches}); nothing was restored.", verification);
        }

        // No more cancellation from here: a restore stopped between the copy and the pointer swap only wastes a file,
        // but the client going away must not leave the swap done and the old generation unretired.
        var current = await connections.EnsureReadyAsync(cancellationToken);
        var next = locator.Describe(current.Number + 1);
        await StageAsync(manifest, next, CancellationToken.None);

        // Retire first, then take the safety backup, then publish. From the retirement on, every write on
        // every replica is held (and answered 503 + Retry-After if it waits too long), so each write
        // acknowledged before the switch is in the safety backup, and none lands where nothing keeps it.
        await connections.RetireAsync(current, CancellationToken.None);
        BackupManifest? safety;
        try
        {
            safety = options.Value.SnapshotBeforeRestore
                ? await writer.CreateAsync(BackupTrigger.PreRestore, null, CancellationToken.None)
                : null;
        }
        catch
        {
            // Nothing was switched: the current generation takes writes again.
            await connections.UnretireAsync(current.Path, CancellationToken.None);
            throw;
        }

        locator.Publish(next);
        await connections.EnsureReadyAsync(CancellationToken.None);
        RemoveOldGenerations(locator, keepFrom: current.Number);

        var stats = await documents.StatsAsync(CancellationToken.None);
        LogRestored(manifest.Id, next.Number, stats.Documents, started.Elapsed.TotalMilliseconds);
        return new RestoreResult(manifest.Id, next.Number, stats.Documents, safety?.Id, Math.Round(started.Elapsed.TotalMilliseconds, 1));
    }

    /// <summary>Copies the backup to the next generation's file, checks the copy, and brings it to this build's schema.</summary>
    private async Task StageAsync(BackupManifest manifest, DatabaseGeneration next, CancellationToken cancellationToken)
    {
        DeleteGenerationFiles(next.Path);
        var partial = next.Path + ".partial";
        File.Copy(catalog.DatabaseOf(manifest.Id), partial, overwrite: true);
        if (await SqliteFile.Sha256Async(partial, cancellationToken) != manifest.Sha256)
        {
            File.Delete(partial);
            throw new RestoreRefusedException(StatusCodes.Status422UnprocessableEntity, $"Backup {manifest.Id} changed while it was being copied; nothing was restored.");
        }

        File.Move(partial, next.Path);
        await SchemaMigrator.MigrateAsync(connections.ConnectionString(next.Path, pooled: false), cancellationToken);
        await connections.UnretireAsync(next.Path, cancellationToken);
    }

    /// <summary>Deletes generations older than the one just replaced, which stays as a last resort.</summary>
    private void RemoveOldGenerations(DatabaseLocator locator, long keepFrom)
    {
        for (var number = keepFrom - 1; number >= 1; number--)
        {
            var path = locator.Describe(number).Path;
            if (!File.Exists(path))
            {
                break;
            }

            DeleteGenerationFiles(path);
            LogRemovedGeneration(number);
        }
    }

    private static void DeleteGenerationFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + ".partial" })
        {
            File.Delete(file);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Restored backup {BackupId} as generation {Generation}: {Documents} documents, in {DurationMs} ms")]
    private partial void LogRestored(string backupId, long generation, long documents, double durationMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed knowledge base generation {Generation}")]
    private partial void LogRemovedGeneration(long generation);
}
