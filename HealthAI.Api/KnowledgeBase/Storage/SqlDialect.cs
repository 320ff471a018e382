namespace HealthAI.Api.KnowledgeBase.Storage;

/// <summary>
/// The SQL one engine needs where the engines differ: its schema steps, how it records the schema
/// version, and what it reports about its size. Everything else (documents, chunks,
/// idempotency keys) is one SQL text shared by both engines, with <c>@name</c> parameters.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>The schema, as numbered steps. A step is never edited once released: changes are new steps.</summary>
    public abstract IReadOnlyList<(int Version, string Sql)> Migrations { get; }

    public int LatestSchema => Migrations[^1].Version;

    /// <summary>Run first inside the migration transaction: so that one replica migrates while the others wait, and the version has a place.</summary>
    public abstract string? MigrationPreludeSql { get; }

    /// <summary>One row, one column: the last schema step applied (0 on an empty database).</summary>
    public abstract string SchemaVersionSql { get; }

    public abstract string RecordSchemaVersionSql(int version);

    /// <summary>One row: documents, chunks, bytes the database takes, schema version.</summary>
    public abstract string StatsSql { get; }

    /// <summary>
    /// Run first in a keyed write's transaction with <c>@key</c>, so that two replicas handling the same
    /// <c>Idempotency-Key</c> take turns; null when the engine's write transaction already serializes writers.
    /// </summary>
    public abstract string? IdempotencyKeyLockSql { get; }
}
