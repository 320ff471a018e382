using System.Data;
using System.Globalization;
using HealthAI.Api.KnowledgeBase.Storage;
using Npgsql;

namespace HealthAI.Api.Backups.Engines;

/// <summary>
/// PostgreSQL backups with the engine's own machinery. A copy is <c>pg_dump</c>'s custom format taken from
/// a REPEATABLE READ snapshot that this replica exports, so the counts in the manifest and the dump
/// describe the same moment, while writes go on. Verify restores the dump into a scratch database with
/// <c>pg_restore</c> and counts what came back; a restore copies from that same scratch database (the dump
/// is restored once). A restore is one transaction: it locks the tables against
/// writes (reads go on from the old rows), exports that moment for the safety backup, replaces every row
/// from the restored scratch copy and commits; writes that wait longer than
/// <see cref="PostgreSqlStore.WriteLockTimeout"/> are answered 503 + Retry-After. Leases are session
/// advisory locks, which the server drops with a dead replica's connection.
/// </summary>
internal sealed partial class PostgreSqlBackupEngine(
    PostgreSqlStore store,
    PostgreSqlTools tools,
    ILogger<PostgreSqlBackupEngine> logger) : IBackupEngine
{
    private static readonly TimeSpan RestoreLockTimeout = TimeSpan.FromSeconds(30);

    // A session that exported (or adopted) a snapshot waits in its transaction while pg_dump reads from that snapshot,
    // which takes as long as the knowledge base is large: the replicas' abandoned-transaction bound (1 s) would end the
    // session and void the snapshot. A replica that froze meanwhile still releases its locks after this.
    private static readonly TimeSpan SnapshotHoldTimeout = TimeSpan.FromHours(1);

    private static readonly string HoldSnapshot = string.Create(CultureInfo.InvariantCulture,
        $"SET LOCAL idle_in_transaction_session_timeout = {(long)SnapshotHoldTimeout.TotalMilliseconds};");

    public string FileName => "knowledge.dump";

    public string ContentType => "application/vnd.postgresql.custom-dump";

    public async Task<BackupContents> SnapshotAsync(string path, string? snapshot, CancellationToken cancellationToken)
    {
        await store.EnsureReadyAsync(cancellationToken);
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using (var hold = connection.Command(HoldSnapshot, transaction))
        {
            await hold.ExecuteNonQueryAsync(cancellationToken);
        }

        if (snapshot is null)
        {
            await using var export = connection.Command("SELECT pg_export_snapshot();", transaction);
            snapshot = (string)(await export.ExecuteScalarAsync(cancellationToken))!;
        }
        else
        {
            await using var adopt = connection.Command($"SET TRANSACTION SNAPSHOT {Literal(snapshot)};", transaction);
            await adopt.ExecuteNonQueryAsync(cancellationToken);
        }

        var contents = await CountAsync(connection, transaction, cancellationToken);
        await tools.RunAsync("pg_dump", store.ConnectionString,
            ["--format=custom", "--no-owner", "--no-privileges", $"--snapshot={snapshot}", $"--file={path}"], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return contents;
    }

    public async Task<CheckedCopy> CheckAsync(string path, BackupManifest manifest, CancellationToken cancellationToken)
    {
        var scratch = await ScratchDatabase.RestoreAsync(store, tools, path, cancellationToken);
        if (scratch.Failure is { } failure)
        {
            return new CheckedCopy(path, failure);
        }

        try
        {
            await using var connection = store.ConnectTo(scratch.Name);
            await connection.OpenAsync(cancellationToken);
            var found = await CountAsync(connection, null, cancellationToken);
            var integrity = found.Documents == manifest.Documents && found.Chunks == manifest.Chunks && found.SchemaVersion == manifest.SchemaVersion
                ? "ok"
                : string.Create(CultureInfo.InvariantCulture,
                    $"the restored copy holds {found.Documents} documents, {found.Chunks} chunks, schema {found.SchemaVersion}; the manifest says {manifest.Documents}, {manifest.Chunks}, {manifest.SchemaVersion}");
            return new ScratchCopy(path, integrity, scratch);
        }
        catch
        {
            await scratch.DisposeAsync();
            throw;
        }
    }

    public async Task<long> RestoreAsync(BackupManifest manifest, CheckedCopy copy, SafetyBackup safetyBackup, CancellationToken cancellationToken)
    {
        // The scratch database verify restored and counted is the one copied from: the dump is restored once.
        if (copy is not ScratchCopy { IsIntact: true, Scratch: var scratch })
        {
            throw new RestoreRefusedException(StatusCodes.Status422UnprocessableEntity, $"Backup {manifest.Id} could not be restored: {copy.Integrity}; nothing was restored.");
        }

        await using var source = store.ConnectTo(scratch.Name);
        await source.OpenAsync(cancellationToken);
        // A backup of an older schema is brought to this build's before its rows are copied.
        await SchemaMigrator.MigrateAsync(source, store.Dialect, cancellationToken);

        await using var live = await store.OpenAsync(cancellationToken);
        await using var transaction = await live.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        await ExecuteAsync(live, transaction, string.Create(CultureInfo.InvariantCulture,
            $"{HoldSnapshot} SET LOCAL lock_timeout = {(int)RestoreLockTimeout.TotalMilliseconds}; LOCK TABLE {string.Join(", ", PostgreSqlMigrations.Data.Select(table => table.Table))} IN EXCLUSIVE MODE;"), cancellationToken);

        // READ COMMITTED: this statement's snapshot is taken after the lock, so it holds every write acknowledged before it.
        await using (var export = live.Command("SELECT pg_export_snapshot();", transaction))
        {
            var moment = (string)(await export.ExecuteScalarAsync(cancellationToken))!;
            await safetyBackup(moment, cancellationToken);
        }

        var generation = await store.GenerationAsync(live, cancellationToken);
        foreach (var (table, _) in PostgreSqlMigrations.Data.Reverse())
        {
            await ExecuteAsync(live, transaction, $"DELETE FROM {table};", cancellationToken);
        }

        foreach (var (table, columns) in PostgreSqlMigrations.Data)
        {
            await using var reader = await source.BeginRawBinaryCopyAsync($"COPY {table} ({columns}) TO STDOUT (FORMAT BINARY)", cancellationToken);
            await using var writer = await live.BeginRawBinaryCopyAsync($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            await reader.CopyToAsync(writer, cancellationToken);
        }

        await ExecuteAsync(live, transaction, "SELECT setval(pg_get_serial_sequence('chunks', 'id'), coalesce((SELECT max(id) FROM chunks), 0) + 1, false);", cancellationToken);
        var next = await PostgreSqlStore.AdvanceGenerationAsync(live, transaction, generation, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRestored(manifest.Id, scratch.Name);
        return next;
    }

    public async Task<IAsyncDisposable?> TryLeaseAsync(string name, string holder, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + wait;
        var connection = await store.OpenAsync(cancellationToken);
        try
        {
            while (true)
            {
                await using (var attempt = connection.Command(Lock("pg_try_advisory_lock")))
                {
                    attempt.With("name", name);
                    if (await attempt.ExecuteScalarAsync(cancellationToken) is true)
                    {
                        var lease = new AdvisoryLease(connection, name);
                        connection = null;
                        return lease;
                    }
                }

                if (DateTimeOffset.UtcNow >= deadline)
                {
                    return null;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static string Lock(string function) =>
        $"SELECT {function}({PostgreSqlDialect.LockClass.ToString(CultureInfo.InvariantCulture)}, hashtext('lease:' || @name));";

    private static async Task<BackupContents> CountAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM chunks), (SELECT coalesce(max(version), 0) FROM kb_schema);", transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new BackupContents(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Literal(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {BackupId} restored in one transaction from scratch database {Scratch}")]
    private partial void LogRestored(string backupId, string scratch);

    /// <summary>A copy checked by restoring it into a scratch database, which stays until the restore has copied from it.</summary>
    private sealed class ScratchCopy(string path, string integrity, ScratchDatabase scratch) : CheckedCopy(path, integrity)
    {
        public ScratchDatabase Scratch => scratch;

        public override async ValueTask DisposeAsync()
        {
            await scratch.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    /// <summary>A lease held as a session advisory lock on a connection of its own, released with it.</summary>
    private sealed class AdvisoryLease(NpgsqlConnection connection, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var release = connection.Command(Lock("pg_advisory_unlock"));
                release.With("name", name);
                await release.ExecuteScalarAsync(CancellationToken.None);
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
