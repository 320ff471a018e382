using System.Globalization;
using HealthAI.Api.KnowledgeBase.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace HealthAI.Api.KnowledgeBase.Idempotency;

/// <summary>
/// Runs a write so that its <c>Idempotency-Key</c> is honoured by every replica. The key is looked up,
/// the write done and its outcome stored in one <c>BEGIN IMMEDIATE</c> transaction, so there is no
/// moment when a key is claimed but its outcome unknown: a replica killed mid-request either committed
/// both (a retry gets the stored answer) or neither (a retry does the write), and a concurrent duplicate
/// waits for the write lock and then finds the outcome. Keys live in the knowledge base itself, for
/// <see cref="KnowledgeBaseOptions.IdempotencyRetention"/>.
/// </summary>
internal sealed class IdempotentWrites(KnowledgeBaseConnections connections, IOptions<KnowledgeBaseOptions> options, TimeProvider clock)
{
    private const int PurgeBatch = 50;

    public delegate Task<WriteOutcome> Write(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken);

    public Task<WriteOutcome> RunAsync(IdempotencyKey? key, Write write, CancellationToken cancellationToken) =>
        connections.WriteAsync(async (connection, transaction, token) =>
        {
            if (key is null)
            {
                return await write(connection, transaction, token);
            }

            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var cutoff = now - (long)options.Value.IdempotencyRetention.TotalMilliseconds;
            await PurgeAsync(connection, transaction, cutoff, token);
            if (await FindAsync(connection, transaction, key.Key, token) is { } stored)
            {
                return stored.Fingerprint == key.Fingerprint
                    ? stored.Outcome with { Replayed = true }
                    : WriteOutcome.Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency key reused",
                        $"The {IdempotencyKey.Header} '{key.Key}' was first used for a different request; use a new key for a new request.");
            }

            var outcome = await write(connection, transaction, token);
            if (outcome.Status < StatusCodes.Status500InternalServerError)
            {
                await StoreAsync(connection, transaction, key, outcome, now, token);
            }

            return outcome;
        }, cancellationToken);

    private static async Task<(string Fingerprint, WriteOutcome Outcome)?> FindAsync(
        SqliteConnection connection, SqliteTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT fingerprint, status, content_type, location, body FROM idempotency_keys WHERE key = $key;";
        command.Parameters.AddWithValue("$key", key);
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
        SqliteConnection connection, SqliteTransaction transaction, IdempotencyKey key, WriteOutcome outcome, long now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO idempotency_keys (key, fingerprint, status, content_type, location, body, created_at)
            VALUES ($key, $fingerprint, $status, $content_type, $location, $body, $created_at);
            """;
        command.Parameters.AddWithValue("$key", key.Key);
        command.Parameters.AddWithValue("$fingerprint", key.Fingerprint);
        command.Parameters.AddWithValue("$status", outcome.Status);
        command.Parameters.AddWithValue("$content_type", (object?)outcome.ContentType ?? DBNull.Value);
        command.Parameters.AddWithValue("$location", (object?)outcome.Location ?? DBNull.Value);
        command.Parameters.AddWithValue("$body", (object?)outcome.Body ?? DBNull.Value);
        command.Parameters.AddWithValue("$created_at", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Forgets a few expired keys per keyed write: the table stays the size of one retention period.</summary>
    private static async Task PurgeAsync(SqliteConnection connection, SqliteTransaction transaction, long cutoff, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            DELETE FROM idempotency_keys WHERE key IN
                (SELECT key FROM idempotency_keys WHERE created_at < $cutoff ORDER BY created_at LIMIT {PurgeBatch.ToString(CultureInfo.InvariantCulture)});
            """;
        command.Parameters.AddWithValue("$cutoff", cutoff);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
