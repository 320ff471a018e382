using System.Globalization;

namespace HealthAI.Api.KnowledgeBase.Storage;

/// <summary>SQLite: FTS5 with BM25, <c>PRAGMA user_version</c>, one writer at a time by <c>BEGIN IMMEDIATE</c>.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    public static SqliteDialect Instance { get; } = new();

    public override IReadOnlyList<(int Version, string Sql)> Migrations => SqliteMigrations.All;

    // BEGIN IMMEDIATE already holds the write lock: the other replicas wait on it.
    public override string? MigrationPreludeSql => null;

    public override string SchemaVersionSql => "PRAGMA user_version;";

    public override string RecordSchemaVersionSql(int version) => $"PRAGMA user_version = {version.ToString(CultureInfo.InvariantCulture)};";

    public override string StatsSql => """
        SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM chunks),
               (SELECT page_count FROM pragma_page_count()) * (SELECT page_size FROM pragma_page_size()),
               (SELECT user_version FROM pragma_user_version());
        """;

    public override string? IdempotencyKeyLockSql => null;
}
