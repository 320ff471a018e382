using HealthAI.Api.KnowledgeBase.Storage;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Backups.Engines;

/// <summary>
/// SQLite backups. A copy is <c>VACUUM INTO</c>: one read transaction, so the copy is consistent and holds
/// every write committed before it began, while the replicas go on writing (WAL readers do not block the
/// writer). A restore never overwrites the file replicas have open: the copy becomes the next generation
/// beside it, the old generation is retired (every replica's write fence respects it, so writes are held),
/// backed up, and the generation pointer moves to the copy by an atomic rename. Leases are file locks on
/// the shared volume. See docs/api/backups.md.
/// </summary>
internal sealed partial class SqliteBackupEngine(
    SqliteStore store,
    IOptions<BackupOptions> options,
    ILogger<SqliteBackupEngine> logger) : IBackupEngine
{
    public const string RestoreLockFileName = ".restore.lock";

    public string FileName => "knowledge.db";

    public string ContentType => "application/vnd.sqlite3";

    public async Task<BackupContents> SnapshotAsync(string path, string? snapshot, CancellationToken cancellationToken)
    {
        await store.ReadAsync(async (connection, token) =>
        {
            await using var vacuum = connection.Command("VACUUM INTO @path;");
            vacuum.With("path", path);
            return await vacuum.ExecuteNonQueryAsync(token);
        }, cancellationToken);

        var (documents, chunks, schema) = await SqliteFile.CountAsync(path, cancellationToken);
        return new BackupContents(documents, chunks, schema);
    }

    public async Task<CheckedCopy> CheckAsync(string path, BackupManifest manifest, CancellationToken cancellationToken) =>
        new(path, await SqliteFile.IntegrityAsync(path, cancellationToken));

    public async Task<long> RestoreAsync(BackupManifest manifest, CheckedCopy copy, SafetyBackup safetyBackup, CancellationToken cancellationToken)
    {
        var path = copy.Path;
        var locator = store.Locator;
        var current = await store.EnsureReadyAsync(cancellationToken);
        var next = locator.Describe(current.Number + 1);
        await StageAsync(manifest, path, next, CancellationToken.None);

        // Retire first, then take the safety backup, then publish. From the retirement on, every write on
        // every replica is held (and answered 503 + Retry-After if it waits too long), so each write
        // acknowledged before the switch is in the safety backup, and none lands where nothing keeps it.
        await store.RetireAsync(current, CancellationToken.None);
        try
        {
            await safetyBackup(null, CancellationToken.None);
        }
        catch
        {
            // Nothing was switched: the current generation takes writes again.
            await store.UnretireAsync(current.Path, CancellationToken.None);
            throw;
        }

        locator.Publish(next);
        await store.EnsureReadyAsync(CancellationToken.None);
        RemoveOldGenerations(locator, keepFrom: current.Number);
        return next.Number;
    }

    public async Task<IAsyncDisposable?> TryLeaseAsync(string name, string holder, TimeSpan wait, CancellationToken cancellationToken)
    {
        // The restore lock sits beside the generations it guards; the others beside the backups.
        var path = name == BackupLeases.Restore
            ? Path.Combine(store.Locator.DataDirectory, RestoreLockFileName)
            : Path.Combine(options.Value.Directory, ".locks", $"{name}.lock");
        return wait <= TimeSpan.Zero
            ? SharedVolumeLease.TryAcquire(path, holder)
            : await SharedVolumeLease.AcquireAsync(path, holder, wait, cancellationToken);
    }

    /// <summary>Copies the backup to the next generation's file, checks the copy, and brings it to this build's schema.</summary>
    private async Task StageAsync(BackupManifest manifest, string path, DatabaseGeneration next, CancellationToken cancellationToken)
    {
        DeleteGenerationFiles(next.Path);
        var partial = next.Path + ".partial";
        File.Copy(path, partial, overwrite: true);
        if (await SqliteFile.Sha256Async(partial, cancellationToken) != manifest.Sha256)
        {
            File.Delete(partial);
            throw new RestoreRefusedException(StatusCodes.Status422UnprocessableEntity, $"Backup {manifest.Id} changed while it was being copied; nothing was restored.");
        }

        DurableFile.Flush(partial);
        DurableFile.Move(partial, next.Path, overwrite: false);
        await store.MigrateFileAsync(next.Path, cancellationToken);
        await store.UnretireAsync(next.Path, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed knowledge base generation {Generation}")]
    private partial void LogRemovedGeneration(long generation);
}
