using System.Diagnostics;
using System.Text.Json;
using HealthAI.Api.Backups.Engines;
using HealthAI.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Backups;

/// <summary>
/// Takes an online snapshot through the engine (SQLite's <c>VACUUM INTO</c>, PostgreSQL's <c>pg_dump</c>
/// from one snapshot): consistent, holding every write committed before it began, while the replicas go on
/// writing. The copy, its manifest and the manifest's seal are built in a staging folder and renamed into place only
/// when complete.
/// </summary>
internal sealed partial class BackupWriter(
    IBackupEngine engine,
    BackupCatalog catalog,
    ManifestSeal seal,
    IOptions<BackupOptions> options,
    IOptions<ReplicaOptions> replica,
    TimeProvider clock,
    BackupMetrics metrics,
    ILogger<BackupWriter> logger)
{
    /// <summary>Takes a backup; <paramref name="snapshot"/> is an engine snapshot to take it from (see <see cref="SafetyBackup"/>).</summary>
    public async Task<BackupManifest> CreateAsync(string trigger, long? slot, CancellationToken cancellationToken, string? snapshot = null)
    {
        var started = Stopwatch.StartNew();
        var createdAt = clock.GetUtcNow();
        var id = BackupId.New(createdAt);
        var staging = Path.Combine(catalog.Directory, $".staging-{id}");
        try
        {
            Directory.CreateDirectory(staging);
            var copy = Path.Combine(staging, catalog.DatabaseFileName);
            var (documents, chunks, schema) = await engine.SnapshotAsync(copy, snapshot, cancellationToken);
            var manifest = new BackupManifest(id, createdAt, replica.Value.Name, trigger, documents, chunks,
                new FileInfo(copy).Length, await SqliteFile.Sha256Async(copy, cancellationToken), schema,
                Math.Round(started.Elapsed.TotalMilliseconds, 1), slot);
            await WriteManifestAsync(Path.Combine(staging, BackupCatalog.ManifestFileName), manifest, cancellationToken);
            await seal.SealAsync(staging, cancellationToken);
            Directory.Move(staging, catalog.FolderOf(id));

            metrics.Completed(trigger, started.Elapsed);
            LogCreated(id, trigger, documents, manifest.Bytes, started.Elapsed.TotalMilliseconds);
            await PruneAsync(cancellationToken);
            return manifest;
        }
        catch (Exception error)
        {
            metrics.Failed(trigger);
            LogFailed(error, id, trigger);
            TryDelete(staging);
            throw;
        }
    }

    /// <summary>Applies retention; one replica at a time, and a busy lease just means another is doing it.</summary>
    public async Task PruneAsync(CancellationToken cancellationToken)
    {
        await using var lease = await engine.TryLeaseAsync(BackupLeases.Retention, replica.Value.Name, TimeSpan.Zero, cancellationToken);
        if (lease is null)
        {
            return;
        }

        foreach (var expired in BackupRetention.Expired(catalog.List(), options.Value.Retention, clock.GetUtcNow()))
        {
            catalog.Delete(expired.Id);
            LogExpired(expired.Id);
        }
    }

    private static async Task WriteManifestAsync(string path, BackupManifest manifest, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        await JsonSerializer.SerializeAsync(stream, manifest, BackupCatalog.Json, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    private static void TryDelete(string staging)
    {
        try
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
        catch (IOException)
        {
            // A staging folder is never listed as a backup; leaving it behind costs space, not correctness.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {BackupId} ({Trigger}) taken: {Documents} documents, {Bytes} bytes in {DurationMs} ms")]
    private partial void LogCreated(string backupId, string trigger, long documents, long bytes, double durationMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backup {BackupId} ({Trigger}) failed; nothing was kept")]
    private partial void LogFailed(Exception error, string backupId, string trigger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {BackupId} removed by retention")]
    private partial void LogExpired(string backupId);
}
