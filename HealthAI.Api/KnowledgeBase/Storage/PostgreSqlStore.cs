using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.Timeout;

namespace HealthAI.Api.KnowledgeBase.Storage;

/// <summary>
/// The PostgreSQL engine: one pooled data source for the server named by the connection string, the schema
/// migrated once per replica start, and writes as READ COMMITTED transactions. The server does the
/// coordination the SQLite engine does by hand: row locks and MVCC between replicas, advisory locks where
/// they must take turns, and a restore is one transaction (see <c>PostgreSqlBackupEngine</c>).
/// </summary>
internal sealed partial class PostgreSqlStore : IKnowledgeBaseStore, IAsyncDisposable
{
    /// <summary>How long a write waits for a table lock (a restore holds one) before it is answered 503.</summary>
    public static readonly TimeSpan WriteLockTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How many of its most used statements each server connection keeps prepared.</summary>
    public const int AutoPreparedStatements = 32;

    /// <summary>
    /// How many connections a replica holds to each server at most (Npgsql's own default is 100). A switch of
    /// primary sends every replica's reads to the one live node at once; unbounded pools then open connections faster
    /// than a busy node accepts them, its listen queue fills with connects whose clients have given up, and it stops
    /// answering anyone, its keeper and the monitor included. Bounded, the reads beyond it wait for a pooled
    /// connection, and a deployment's replicas stay inside the server's 100 connections.
    /// </summary>
    public const int ConnectionsPerServer = 8;

    /// <summary>
    /// How long a replica's session may sit idle inside an open transaction before the server ends it and frees its
    /// locks (<c>idle_in_transaction_session_timeout</c>). Every ingest updates the shared lexeme counts
    /// (<c>term_stats</c>); a replica frozen or cut off in the middle of one would otherwise hold those rows, and so
    /// every other replica's writes, and then their pooled connections and the reads behind them, for as long as it
    /// stays frozen. A write's statements follow each other within milliseconds, so a second is never a live one.
    /// </summary>
    public static readonly TimeSpan AbandonedTransactionTimeout = TimeSpan.FromSeconds(1);

    private const string AbandonedTransactionSetting = "idle_in_transaction_session_timeout";

    private const string GenerationKey = "generation";
    private readonly ResiliencePipeline _retry = StorageRetry.Create();
    private readonly ResiliencePipeline<object?> _readRetry;
    private readonly NpgsqlDataSource _root;
    private readonly NpgsqlDataSource _reads;
    private readonly NpgsqlDataSource _standbyReads;
    private readonly NpgsqlMultiHostDataSource? _hosts;
    private readonly SemaphoreSlim _migration = new(1, 1);
    private readonly ILogger<PostgreSqlStore> _logger;
    private volatile bool _migrated;

    public PostgreSqlStore(IOptions<KnowledgeBaseOptions> options, ILogger<PostgreSqlStore> logger)
    {
        _logger = logger;
        ConnectionString = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
        // With several hosts, writes go to the primary and reads prefer it but take a standby while there is
        // none (a failover); the two share one set of pools per host, so that a switch never meets more than
        // ConnectionsPerServer connections from a replica.
        var pooled = Pooled(ConnectionString);
        pooled.TargetSessionAttributes = null;
        _root = NpgsqlDataSource.Create(pooled);
        _hosts = _root as NpgsqlMultiHostDataSource;
        (DataSource, _reads, _standbyReads) = _hosts is { } hosts
            ? (hosts.WithTargetSession(TargetSessionAttributes.Primary), hosts.WithTargetSession(TargetSessionAttributes.PreferPrimary),
                hosts.WithTargetSession(TargetSessionAttributes.PreferStandby))
            : (_root, _root, _root);
        Location = $"postgresql://{ConnectionString.Host}:{ConnectionString.Port}/{ConnectionString.Database}";
        _readRetry = PostgreSqlFailover.ReadRetry(hedge: _hosts is not null, retrying: ReadRetried,
            hedging: () => LogReadHedged(Location, PostgreSqlFailover.HedgeDelay.TotalMilliseconds));
    }

    public KnowledgeBaseEngine Engine => KnowledgeBaseEngine.PostgreSql;

    public SqlDialect Dialect => PostgreSqlDialect.Instance;

    public string Location { get; }

    /// <summary>The parsed connection string, for the tools (<c>pg_dump</c>, <c>pg_restore</c>) that need it.</summary>
    public NpgsqlConnectionStringBuilder ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }

        await _migration.WaitAsync(cancellationToken);
        try
        {
            if (!_migrated)
            {
                await using var connection = await OpenAsync(cancellationToken);
                var version = await SchemaMigrator.MigrateAsync(connection, Dialect, cancellationToken);
                _migrated = true;
                LogInUse(Location, version);
            }
        }
        finally
        {
            _migration.Release();
        }
    }

    public async Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        if (_hosts is not null)
        {
            context.Properties.Set(ReadAttempts.Key, new ReadAttempts());
        }

        try
        {
            return (T)(await _readRetry.ExecuteAsync(
                static (context, state) => new ValueTask<object?>(state.Store.AttemptReadAsync(state.Work, context)), context, (Store: this, Work: work)))!;
        }
        catch (TimeoutRejectedException error)
        {
            throw new KnowledgeBaseUnavailableException(string.Create(CultureInfo.InvariantCulture,
                $"The knowledge base at {Location} did not answer within {PostgreSqlFailover.ReadBudget.TotalSeconds:0} s; try again shortly."), error);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<object?> AttemptReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, ResilienceContext context)
    {
        var hedge = context.Properties.GetValue(PostgreSqlFailover.OnStandby, false);
        var attempts = context.Properties.GetValue(ReadAttempts.Key, null);
        var attempt = _retry.ExecuteAsync(async token =>
        {
            await EnsureReadyAsync(token);
            using var detached = DetachedCancellation.From(token);
            if (hedge)
            {
                return (object?)await HedgeAsync(work, attempts, detached.Token);
            }

            var first = attempts?.Begin();
            var answered = false;
            try
            {
                await using var connection = await OpenAsync(_reads, detached.Token);
                first?.Server = ReadAttempts.ServerOf(connection);
                var result = await work(connection, detached.Token);
                answered = true;
                return result;
            }
            finally
            {
                first?.End(answered);
            }
        }, context.CancellationToken).AsTask();

        // Given up on when cancelled (the hedge won, or the budget ran out) rather than awaited: on a connection to a
        // vanished server the read ends only once Npgsql's cancellation gives up, and the winner must not wait for it.
        return attempt.WaitAsync(context.CancellationToken);
    }

    // The hedge reads from a standby, unless Npgsql hands it the server the first attempt already runs on.
    private async Task<T> HedgeAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, ReadAttempts? attempts, CancellationToken token)
    {
        var connection = await OpenAsync(_standbyReads, token);
        try
        {
            if (attempts?.RunningOn(ReadAttempts.ServerOf(connection)) is { } first)
            {
                await connection.DisposeAsync();
                if (await first.WaitAsync(token))
                {
                    // The first attempt answered: the hedging cancels this one as it takes that answer.
                    await Task.Delay(Timeout.Infinite, token);
                }

                connection = await OpenAsync(_standbyReads, token);
            }

            return await work(connection, token);
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async token =>
        {
            await EnsureReadyAsync(token);
            using var detached = DetachedCancellation.From(token);
            await using var connection = await OpenAsync(detached.Token);
            await using var transaction = await connection.BeginTransactionAsync(detached.Token);
            await using (var timeout = connection.Command(
                string.Create(CultureInfo.InvariantCulture, $"SET LOCAL lock_timeout = {(int)WriteLockTimeout.TotalMilliseconds};"), transaction))
            {
                await timeout.ExecuteNonQueryAsync(detached.Token);
            }

            try
            {
                var result = await work(connection, transaction, detached.Token);
                await transaction.CommitAsync(detached.Token);
                return result;
            }
            catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                throw new KnowledgeBaseUnavailableException("The knowledge base is being restored; try again shortly.", error);
            }
            catch (Exception error) when (PostgreSqlFailover.IsSwitch(error))
            {
                throw SwitchingPrimary(error);
            }
        }, cancellationToken).AsTask();

    private void ReadRetried(Exception? error)
    {
        LogReadRetried(Location, error is null ? null : PostgreSqlFailover.Describe(error));
        if (error is not null && PostgreSqlFailover.FoundNoHostToTry(error))
        {
            _hosts?.ClearDatabaseStates();
        }
    }

    /// <summary>Says the write may be repeated; after a demotion, has Npgsql ask every host its role again.</summary>
    private KnowledgeBaseUnavailableException SwitchingPrimary(Exception error)
    {
        if (PostgreSqlFailover.IsDemoted(error))
        {
            _hosts?.ClearDatabaseStates();
        }

        LogSwitching(Location, error.Message);
        return new KnowledgeBaseUnavailableException("The knowledge base's primary is unavailable or changing; try again shortly.", error);
    }

    public async Task<long> GenerationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT value FROM kb_state WHERE key = @key;");
        command.With("key", GenerationKey);
        return await command.ExecuteScalarAsync(cancellationToken) is string value ? long.Parse(value, CultureInfo.InvariantCulture) : 1;
    }

    /// <summary>Records one more restore, inside the restore's transaction; returns the new generation.</summary>
    public static async Task<long> AdvanceGenerationAsync(DbConnection connection, DbTransaction transaction, long current, CancellationToken cancellationToken)
    {
        var next = current + 1;
        await using var command = connection.Command(
            "INSERT INTO kb_state (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value;", transaction);
        command.With("key", GenerationKey);
        command.With("value", next.ToString(CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return next;
    }

    /// <summary>A connection to the primary.</summary>
    public Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(DataSource, cancellationToken);

    private async Task<NpgsqlConnection> OpenAsync(NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        try
        {
            return await source.OpenConnectionAsync(cancellationToken);
        }
        catch (NpgsqlException error) when (error is not PostgresException || error.IsTransient)
        {
            throw new KnowledgeBaseUnavailableException($"The knowledge base at {Location} cannot be reached: {error.Message}", error);
        }
    }

    /// <summary>A connection to another database of the same server (a scratch database for verify and restore).</summary>
    public NpgsqlConnection ConnectTo(string database) =>
        new(new NpgsqlConnectionStringBuilder(ConnectionString.ConnectionString)
        {
            Database = database,
            Pooling = false,
            TargetSessionAttributes = _root is NpgsqlMultiHostDataSource ? "primary" : ConnectionString.TargetSessionAttributes,
        }.ConnectionString);

    /// <summary>
    /// The pooled connections' settings, where the connection string leaves Npgsql's defaults: the statements a
    /// replica runs most (the search above all, whose plan costs about as much as a small search) are prepared once
    /// per server connection and reused, so their text is parsed and planned once, not on every request; each
    /// server gets at most <see cref="ConnectionsPerServer"/> connections from this replica; and a transaction its
    /// replica abandoned is ended after <see cref="AbandonedTransactionTimeout"/>.
    /// </summary>
    public static NpgsqlConnectionStringBuilder Pooled(NpgsqlConnectionStringBuilder connectionString)
    {
        var pooled = new NpgsqlConnectionStringBuilder(connectionString.ConnectionString);
        var defaults = new NpgsqlConnectionStringBuilder();
        if (pooled.MaxAutoPrepare == defaults.MaxAutoPrepare)
        {
            pooled.MaxAutoPrepare = AutoPreparedStatements;
        }

        if (pooled.MaxPoolSize == defaults.MaxPoolSize)
        {
            pooled.MaxPoolSize = ConnectionsPerServer;
        }

        if (pooled.Options?.Contains(AbandonedTransactionSetting, StringComparison.Ordinal) != true)
        {
            var setting = $"-c {AbandonedTransactionSetting}={(long)AbandonedTransactionTimeout.TotalMilliseconds}";
            pooled.Options = string.IsNullOrWhiteSpace(pooled.Options) ? setting : $"{pooled.Options} {setting}";
        }

        return pooled;
    }

    public async ValueTask DisposeAsync()
    {
        _migration.Dispose();
        await _root.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Knowledge base at {Location}: the primary is unavailable or changing ({Reason}); the write is answered 503")]
    private partial void LogSwitching(string location, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge base at {Location}: a read failed ({Reason}); retrying")]
    private partial void LogReadRetried(string location, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge base at {Location}: a read took over {DelayMilliseconds} ms; sent to a standby as well")]
    private partial void LogReadHedged(string location, double delayMilliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge base in use at {Location} (schema {SchemaVersion})")]
    private partial void LogInUse(string location, int schemaVersion);
}
