using System.Globalization;

namespace HealthAI.Api.KnowledgeBase.Storage;

/// <summary>
/// PostgreSQL: a weighted <c>tsvector</c> column with a GIN index ranked by <c>ts_rank_cd</c>, snippets by
/// <c>ts_headline</c>, the schema version in <c>kb_schema</c>, and advisory locks where writers must take turns.
/// </summary>
internal sealed class PostgreSqlDialect : SqlDialect
{
    /// <summary>The advisory lock class of the knowledge base's own locks (the first key of the two-key form).</summary>
    public const int LockClass = 0x4b42;

    public static PostgreSqlDialect Instance { get; } = new();

    public override IReadOnlyList<(int Version, string Sql)> Migrations => PostgreSqlMigrations.All;

    public override string? MigrationPreludeSql => $"""
        SELECT pg_advisory_xact_lock({LockClass.ToString(CultureInfo.InvariantCulture)}, 0);
        CREATE TABLE IF NOT EXISTS kb_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL);
        """;

    public override string SchemaVersionSql => "SELECT coalesce(max(version), 0) FROM kb_schema;";

    public override string RecordSchemaVersionSql(int version) =>
        $"INSERT INTO kb_schema (version, applied_at) VALUES ({version.ToString(CultureInfo.InvariantCulture)}, now());";

    public override string StatsSql => """
        SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM chunks),
               pg_database_size(current_database()), (SELECT max(version) FROM kb_schema);
        """;

    public override string? IdempotencyKeyLockSql => $"SELECT pg_advisory_xact_lock({LockClass.ToString(CultureInfo.InvariantCulture)}, hashtext(@key));";
}
