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

    // The ranking runs on the full-text index alone so that FTS5 keeps only the top k while it sorts, and
    // snippets are made for those k rows, not for every match. bm25 is lower-is-better: the score is its negation.
    public override string SearchSql => """
        WITH top AS (
            SELECT rowid AS id, rank, snippet(chunks_fts, 1, '<mark>', '</mark>', '…', 24) AS snippet
            FROM chunks_fts
            WHERE chunks_fts MATCH @query AND rank MATCH 'bm25(2.0, 1.0)'
            ORDER BY rank
            LIMIT @k
        )
        SELECT c.document_id, c.id, c.ordinal, d.title, d.source, -top.rank, top.snippet, c.text
        FROM top
        JOIN chunks c ON c.id = top.id
        JOIN documents d ON d.id = c.document_id
        ORDER BY top.rank;
        """;

    // Every word a quoted term, so FTS5 syntax in a question is just text; OR lets BM25 rank by shared words.
    public override string QueryText(IReadOnlyList<string> terms) => string.Join(" OR ", terms.Select(term => $"\"{term}\""));

    public override string StatsSql => """
        SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM chunks),
               (SELECT page_count FROM pragma_page_count()) * (SELECT page_size FROM pragma_page_size()),
               (SELECT user_version FROM pragma_user_version());
        """;

    public override string? IdempotencyKeyLockSql => null;
}
