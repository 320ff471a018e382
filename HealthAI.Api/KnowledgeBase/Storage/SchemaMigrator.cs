using System.Data.Common;
using System.Globalization;

namespace HealthAI.Api.KnowledgeBase.Storage;

/// <summary>
/// Brings one database to the latest schema of its dialect. Every replica runs it at start: in one
/// transaction, under the engine's write lock (SQLite's <c>BEGIN IMMEDIATE</c>, PostgreSQL's advisory
/// lock), exactly one applies each step while the others wait, then find nothing to do.
/// </summary>
internal static class SchemaMigrator
{
    public static async Task<int> MigrateAsync(DbConnection connection, SqlDialect dialect, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (dialect.MigrationPreludeSql is { } lockSql)
        {
            await ExecuteAsync(connection, transaction, lockSql, cancellationToken);
        }

        await using var read = connection.Command(dialect.SchemaVersionSql, transaction);
        var version = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (version > dialect.LatestSchema)
        {
            throw new KnowledgeBaseUnavailableException(
                $"The knowledge base has schema version {version}, newer than this build's {dialect.LatestSchema}: run a newer build.");
        }

        foreach (var (step, sql) in dialect.Migrations.Where(migration => migration.Version > version))
        {
            await ExecuteAsync(connection, transaction, sql, cancellationToken);
            await ExecuteAsync(connection, transaction, dialect.RecordSchemaVersionSql(step), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return dialect.LatestSchema;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
