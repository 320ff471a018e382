using System.Data.Common;
using System.Globalization;
using HealthAI.Api.KnowledgeBase.Storage;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.KnowledgeBase.Idempotency;

/// <summary>
/// Runs a write so that its <c>Idempotency-Key</c> is honoured by every replica. The key is looked up,
/// the write done and its outcome stored in one write transaction, so there is no moment when a key is
/// claimed but its outcome unknown: a replica killed mid-request either committed both (a retry gets the
/// stored answer) or neither (a retry does the write), and a concurrent duplicate waits (SQLite's write
/// lock, PostgreSQL's advisory lock on the key) and then finds the outcome. Keys live in the knowledge base itself, on either engine, for
/// <see cref="KnowledgeBaseOptions.IdempotencyRetention"/>.
/// </summary>
internal sealed class IdempotentWrites(IKnowledgeBaseStore connections, IOptions<KnowledgeBaseOptions> options, TimeProvider clock)
{
    private const int PurgeBatch = 50;

    public delegate Task<WriteOutcome> Write(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>A write that also tells what it did (e.g. how many documents it created), for metrics.</summary>
    public delegate Task<(WriteOutcome Outcome, T Done)> Write<T>(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    public async Task<WriteOutcome> RunAsync(IdempotencyKey? key, Write write, CancellationToken cancellationToken) =>
        (await RunAsync<bool>(key, async (connection, transaction, token) => (await write(connection, transaction, token), true), cancellationToken)).Outcome;

    /// <summary>
    /// Runs <paramref name="write"/> under <paramref name="key"/>. <c>Done</c> is what the write that committed said,
    /// or default when none ran: the outcome was replayed, or the key was refused. A retried write's last run is the one returned.
    /// </summary>
    public Task<(WriteOutcome Outcome, T? Done)> RunAsync<T>(IdempotencyKey? key, Write<T> write, CancellationToken cancellationToken) =>
        connections.WriteAsync<(WriteOutcome, T?)>(async (connection, transaction, token) =>
        {
            if (key is null)
            {
                return await write(connection, transaction, token);
            }

            if (connections.Dialect.IdempotencyKeyLockSql is { } lockSql)
            {
                await using var turn = connection.Command(lockSql, transaction);
                turn.With("key", key.Key);
                await turn.ExecuteNonQueryAsync(token);
            }

            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var cutoff = now - (long)options.Value.IdempotencyRetention.TotalMilliseconds;
            await PurgeAsync(connection, transaction, cutoff, token);
            if (await FindAsync(connection, transaction, key.Key, token) is { } stored)
            {
                return stored.Fingerprint == key.Fingerprint
                    ? (stored.Outcome with { Replayed = true }, default)
                    : (WriteOutcome.Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency key reused",
                        $"The {IdempotencyKey.Header} '{key.Key}' was first used for a different request; use a new key for a new request."), default);
            }

            var (outcome, done) = await write(connection, transaction, token);
            if (outcome.Status < StatusCodes.Status500InternalServerError)
            {
                await StoreAsync(connection, transaction, key, outcome, now, token);
            }

            return (outcome, done);
        }, cancellationToken);

    private static async Task<(string Fingerprint, WriteOutcome Outcome)?> FindAsync(
        DbConnection connection, DbTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT fingerprint, status, content_type, location, body FROM idempotency_keys WHERE key = @key;", transaction);
        command.With("key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return (reader.GetString(0), new WriteOutcome(
            reader.GetInt32(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : (byte[])reader.GetValue(4)));
    }

    private static async Task StoreAsync(
        DbConnection connection, DbTransaction transaction, IdempotencyKey key, WriteOutcome outcome, long now, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("""
            INSERT INTO idempotency_keys (key, fingerprint, status, content_type, location, body, created_at)
            VALUES (@key, @fingerprint, @status, @content_type, @location, @body, @created_at);
            """, transaction);
        command.With("key", key.Key);
        command.With("fingerprint", key.Fingerprint);
        command.With("status", outcome.Status);
        command.With("content_type", outcome.ContentType);
        command.With("location", outcome.Location);
        command.With("body", outcome.Body);
        command.With("created_at", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Forgets a few expired keys per keyed write: the table stays the size of one retention period.</summary>
    private static async Task PurgeAsync(DbConnection connection, DbTransaction transaction, long cutoff, CancellationToken cancellationToken)
    {
        await using var command = connection.Command($"""
            DELETE FROM idempotency_keys WHERE key IN
                (SELECT key FROM idempotency_keys WHERE created_at < @cutoff ORDER BY created_at LIMIT {PurgeBatch.ToString(CultureInfo.InvariantCulture)});
            """, transaction);
        command.With("cutoff", cutoff);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
