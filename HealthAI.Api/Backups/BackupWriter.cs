using System.Diagnostics;
using System.Text.Json;
using HealthAI.Api.KnowledgeBase.Storage;
using HealthAI.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.Backups;

/// <summary>
/// Takes an online snapshot with <c>VACUUM INTO</c>: one read transaction, so the copy is consistent
/// and holds every write committed before it began, while the replicas go on writing (WAL readers do
/// not block the writer). The copy and manifest are built in a staging folder and renamed into place
/// only when complete.
/// </summary>
internal sealed partial class BackupWriter(
    KnowledgeBaseConnections connections,
    BackupCatalog catalog,
    IOptions<BackupOptions> options,
    IOptions<ReplicaOptions> replica,
    TimeProvider clock,
    BackupMetrics metrics,
    ILogger<BackupWriter> logger)
{
    public async Task<BackupManifest> CreateAsync(string trigger, long? slot, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var createdAt = clock.GetUtcNow();
        var id = BackupId.New(createdAt);
        var staging = Path.Combine(catalog.Directory, $".staging-{id}");
        try
        {
            Directory.CreateDirectory(staging);
            var copy = Path.Combine(staging, BackupCatalog.DatabaseFileName);
            await connections.ReadAsync(async (connection, token) =>
            {
                await using var vacuum = connection.CreateCommand();
                vacuum.CommandText = "VACUUM INTO $path;";
                vacuum.Parameters.AddWithValue("$path", copy);
                return await vacuum.ExecuteNonQueryAsync(token);
            }, cancellationToken);

            var (documents, chunks, schema) = await SqliteFile.CountAsync(copy, cancellationToken);
            var manifest = new BackupManifest(id, createdAt, replica.Value.Name, trigger, documents, chunks,
                new FileInfo(copy).Length, await SqliteFile.Sha256Async(copy, cancellationToken), schema,
                Math.Round(started.Elapsed.TotalMilliseconds, 1), slot);
            await WriteManifestAsync(Path.Combine(staging, BackupCatalog.ManifestFileName), manifest, cancellationToken);
            Directory.Move(staging, catalog.FolderOf(id));

            metrics.Completed(trigger, started.Elapsed);
            LogCreated(id, trigger, documents, manifest.Bytes, started.Elapsed.TotalMilliseconds);
            Prune();
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
    public void Prune()
    {
        using var lease = SharedVolumeLease.TryAcquire(Path.Combine(catalog.LocksDirectory, "retention.lock"), replica.Value.Name);
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
