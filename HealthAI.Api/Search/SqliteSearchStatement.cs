using System.Globalization;
using System.Text.Json;

namespace HealthAI.Api.Search;

/// <summary>SQLite's search: FTS5 with BM25, its terms pruned by their counts in the full-text index.</summary>
internal sealed class SqliteSearchStatement : SearchStatement
{
    public static SqliteSearchStatement Instance { get; } = new();

    // Term pruning (see SearchQuery): each term's chunk count comes from the full-text index itself, counted
    // only up to just past the budget (a term beyond it is too common to find candidates with, whatever its
    // exact count), so counting costs no more than ranking the budget would. Ties go to the longer, then
    // earlier, word. Candidates are the chunks that hold a term within the budget; the ranked terms beyond
    // it still score in the branch "(common) AND (rare)", which matches no other chunk. BM25 sums over every
    // phrase of the expression, so the rare phrases count twice there: the common terms weigh half what they
    // would in plain BM25, rather than nothing. The ranking runs on the full-text index alone, bm25() ordered
    // by SQLite's own top-k sorter (measured about a fifth cheaper than FTS5's ORDER BY rank, which sorts every
    // match), ties by rowid; snippets are made afterwards for the first @snippets of those rows only, each by a MATCH on its rowid
    // (FTS5 seeks it). bm25 is lower-is-better: the score is its negation. '""' (an empty phrase) matches
    // nothing, for a question none of whose words is indexed.
    public override string Sql { get; } = string.Create(CultureInfo.InvariantCulture, $"""
        WITH words AS (
            SELECT key AS position, '"' || value || '"' AS phrase FROM json_each(@query)
        ),
        counted AS MATERIALIZED (
            SELECT position, phrase,
                   (SELECT count(*) FROM (SELECT 1 FROM chunks_fts WHERE chunks_fts MATCH words.phrase LIMIT {SearchQuery.CandidateBudget + 1})) AS chunks
            FROM words
        ),
        ranked AS (
            SELECT phrase, row_number() OVER rarest AS place, sum(chunks) OVER (rarest ROWS UNBOUNDED PRECEDING) AS matched
            FROM counted
            WHERE chunks > 0
            WINDOW rarest AS (ORDER BY chunks, length(phrase) DESC, position)
        ),
        parts AS (
            SELECT group_concat(CASE WHEN place = 1 OR matched <= {SearchQuery.CandidateBudget} THEN phrase END, ' OR ') AS rare,
                   group_concat(CASE WHEN place > 1 AND matched > {SearchQuery.CandidateBudget} THEN phrase END, ' OR ') AS common
            FROM ranked
            WHERE place <= {SearchQuery.RankedTermLimit}
        ),
        pruned AS MATERIALIZED (
            SELECT coalesce(CASE WHEN common IS NULL THEN rare ELSE rare || ' OR ((' || common || ') AND (' || rare || '))' END, '""') AS query
            FROM parts
        ),
        best AS (
            SELECT rowid AS id, bm25(chunks_fts, 2.0, 1.0) AS rank
            FROM chunks_fts
            WHERE chunks_fts MATCH (SELECT query FROM pruned)
            ORDER BY rank, rowid
            LIMIT @k
        ),
        top AS (
            SELECT id, rank, row_number() OVER (ORDER BY rank, id) AS place FROM best
        )
        SELECT c.document_id, c.id, c.ordinal, d.title, d.source, -top.rank,
               CASE WHEN top.place <= @snippets THEN
                   (SELECT snippet(chunks_fts, 1, char(2), char(3), '…', 24) FROM chunks_fts
                    WHERE chunks_fts MATCH (SELECT query FROM pruned) AND rowid = top.id)
               END,
               c.text
        FROM top
        JOIN chunks c ON c.id = top.id
        JOIN documents d ON d.id = c.document_id
        ORDER BY top.rank, top.id;
        """);

    // A JSON array of the words, each of which the search quotes as a phrase, so FTS5 syntax in a question is
    // just text; OR lets BM25 rank by shared words.
    public override string QueryText(IReadOnlyList<string> terms) => JsonSerializer.Serialize(terms);
}
