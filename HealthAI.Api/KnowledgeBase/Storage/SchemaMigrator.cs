using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HealthAI.Api.KnowledgeBase.Storage;

/// <summary>
/// Brings one database file to the latest schema. Every replica runs it at start; the write lock taken
/// by <c>BEGIN IMMEDIATE</c> lets exactly one apply each step while the others wait, then find nothing to do.
/// </summary>
internal static class SchemaMigrator
{
    public static async Task<int> MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        // WAL lets readers run beside the one writer; it is a property of the file, so setting it again is a no-op.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var version = Convert.ToInt32(await ScalarAsync(connection, transaction, "PRAGMA user_version;", cancellationToken), CultureInfo.InvariantCulture);
        if (version > Migrations.Latest)
        {
            throw new KnowledgeBaseUnavailableException(
                $"The knowledge base has schema version {version}, newer than this build's {Migrations.Latest}: run a newer build.");
        }

        foreach (var (step, sql) in Migrations.All.Where(migration => migration.Version > version))
        {
            await ExecuteAsync(connection, transaction, sql, cancellationToken);
            await ExecuteAsync(connection, transaction, $"PRAGMA user_version = {step.ToString(CultureInfo.InvariantCulture)};", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Migrations.Latest;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
