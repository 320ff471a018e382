using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Polly;

namespace HealthAI.Api.KnowledgeBase.Storage;

/// <summary>
/// The SQLite engine: opens connections to the generation the pointer names, migrating it the first time
/// this replica meets it, and runs units of work through the busy/locked retry. Writes go through a fence
/// that refuses a retired generation, so no write lands in a file a restore has replaced.
/// </summary>
internal sealed partial class SqliteStore(
    DatabaseLocator locator,
    IOptions<KnowledgeBaseOptions> options,
    ILogger<SqliteStore> logger) : IKnowledgeBaseStore, IDisposable
{
    private const string RetiredKey = "retired";
    private readonly ResiliencePipeline _retry = StorageRetry.Create();
    private readonly SemaphoreSlim _migration = new(1, 1);
    private readonly SemaphoreSlim _writer = new(1, 1);
    private long _migratedGeneration;

    public DatabaseLocator Locator => locator;

    public KnowledgeBaseEngine Engine => KnowledgeBaseEngine.Sqlite;

    public SqlDialect Dialect => SqliteDialect.Instance;

    public string Location => locator.DataDirectory;

    Task IKnowledgeBaseStore.EnsureReadyAsync(CancellationToken cancellationToken) => EnsureReadyAsync(cancellationToken);

    public Task<long> GenerationAsync(DbConnection connection, CancellationToken cancellationToken) => Task.FromResult(locator.Current().Number);

    /// <summary>Brings one database file to the latest schema, in WAL mode.</summary>
    public async Task<int> MigrateFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(ConnectionString(path, pooled: false));
        await connection.OpenAsync(cancellationToken);

        // WAL lets readers run beside the one writer; it is a property of the file, so setting it again is a no-op.
        await using (var wal = connection.Command("PRAGMA journal_mode = WAL;"))
        {
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        return await SchemaMigrator.MigrateAsync(connection, Dialect, cancellationToken);
    }

    /// <summary>The connection string of one database file, with this replica's locking settings.</summary>
    public string ConnectionString(string path, bool pooled = true, bool readOnly = false) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = pooled,
        DefaultTimeout = (int)Math.Ceiling(options.Value.BusyTimeout.TotalSeconds),
    }.ToString();

    /// <summary>Makes sure the current generation exists and has the latest schema.</summary>
    public async Task<DatabaseGeneration> EnsureReadyAsync(CancellationToken cancellationToken)
    {
        var generation = Resolve();
        if (Interlocked.Read(ref _migratedGeneration) == generation.Number)
        {
            return generation;
        }

        await _migration.WaitAsync(cancellationToken);
        try
        {
            if (_migratedGeneration != generation.Number)
            {
                var version = await _retry.ExecuteAsync(
                    async token => await MigrateFileAsync(generation.Path, token), cancellationToken);
                var previous = Interlocked.Exchange(ref _migratedGeneration, generation.Number);
                if (previous != 0)
                {
                    // Idle pooled connections still point at the old file; they must not serve again.
                    using var old = new SqliteConnection(ConnectionString(locator.Describe(previous).Path));
                    SqliteConnection.ClearPool(old);
                }

                LogGenerationInUse(generation.Number, version, generation.Path);
            }
        }
        finally
        {
            _migration.Release();
        }

        return generation;
    }

    /// <summary>Runs a read on a connection to the current generation.</summary>
    public Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async token =>
        {
            await using var connection = await OpenAsync(token);
            return await work(connection, token);
        }, cancellationToken).AsTask();

    /// <summary>
    /// Runs a write in a <c>BEGIN IMMEDIATE</c> transaction (the write lock up front, so that two
    /// replicas never deadlock upgrading a read lock), on a generation that is not retired.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync(work, durable: true, cancellationToken);

    /// <summary>
    /// A write without the sync at commit (<c>synchronous = NORMAL</c>): it holds the lock every replica shares for a
    /// fraction of the time, and a later durable commit syncs its pages with its own.
    /// </summary>
    public Task<T> WriteDerivedAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync(work, durable: false, cancellationToken);

    private async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, bool durable, CancellationToken cancellationToken)
    {
        // One writer of this replica at a time: SQLite lets one writer in across all replicas anyway, and a writer that
        // waits for the lock blocks its thread inside SQLite. Were the lock held by a replica that hangs, every write
        // would tie up a pool thread until reads and health probes starved with them; queued here, they wait without one.
        if (!await _writer.WaitAsync(options.Value.BusyTimeout, cancellationToken))
        {
            throw new KnowledgeBaseUnavailableException("The knowledge base is busy with other writes; try again shortly.");
        }

        try
        {
            return await WriteLockedAsync(work, durable, cancellationToken);
        }
        finally
        {
            _writer.Release();
        }
    }

    private Task<T> WriteLockedAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, bool durable, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async token =>
        {
            for (var attempt = 0; ; attempt++)
            {
                await using var connection = await OpenAsync(token);
                if (!durable)
                {
                    // Every open sets FULL again, so the pooled connection goes back to durable writes.
                    await using var relaxed = connection.Command("PRAGMA synchronous = NORMAL;");
                    await relaxed.ExecuteNonQueryAsync(token);
                }

                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(token);
                if (await IsRetiredAsync(connection, transaction, token))
                {
                    // A restore retired this generation: hold the write (up to ~2 s) until it publishes the next one, then follow it.
                    await transaction.RollbackAsync(token);
                    if (attempt >= 80)
                    {
                        throw new KnowledgeBaseUnavailableException("The knowledge base is being restored; try again shortly.");
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(25), token);
                    continue;
                }

                var result = await work(connection, transaction, token);
                await transaction.CommitAsync(token);
                return result;
            }
        }, cancellationToken).AsTask();

    /// <summary>
    /// Marks a generation retired: once this returns, no replica can commit to it any more, because
    /// every write checks the mark inside its own write-locked transaction.
    /// </summary>
    public async Task RetireAsync(DatabaseGeneration generation, CancellationToken cancellationToken)
    {
        await _retry.ExecuteAsync(async token =>
        {
            await using var connection = new SqliteConnection(ConnectionString(generation.Path, pooled: false));
            await connection.OpenAsync(token);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(token);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO kb_state (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value;";
            command.Parameters.AddWithValue("$key", RetiredKey);
            command.Parameters.AddWithValue("$value", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync(token);
            await transaction.CommitAsync(token);
        }, cancellationToken);
    }

    /// <summary>Clears the retired mark of a file about to become the current generation.</summary>
    public async Task UnretireAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(ConnectionString(path, pooled: false));
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM kb_state WHERE key = $key;";
        command.Parameters.AddWithValue("$key", RetiredKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose()
    {
        _migration.Dispose();
        _writer.Dispose();
    }

    private DatabaseGeneration Resolve()
    {
        try
        {
            return locator.Current();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new KnowledgeBaseUnavailableException($"The data directory {locator.DataDirectory} cannot be used: {error.Message}", error);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var generation = await EnsureReadyAsync(cancellationToken);
        var connection = new SqliteConnection(ConnectionString(generation.Path));
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = $"PRAGMA busy_timeout = {(int)options.Value.BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;";
            // FULL, not WAL's usual NORMAL: a 201 promises the write survives a power cut, so every commit syncs the WAL.
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> IsRetiredAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM kb_state WHERE key = $key);";
        command.Parameters.AddWithValue("$key", RetiredKey);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge base generation {Generation} in use (schema {SchemaVersion}) at {Path}")]
    private partial void LogGenerationInUse(long generation, int schemaVersion, string path);
}
