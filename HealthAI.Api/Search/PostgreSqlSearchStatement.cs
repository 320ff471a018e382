using System.Globalization;

namespace HealthAI.Api.Search;

/// <summary>PostgreSQL's search: a weighted <c>tsvector</c> with a GIN index, ranked by <c>ts_rank_cd</c>, snippets by <c>ts_headline</c>.</summary>
internal sealed class PostgreSqlSearchStatement : SearchStatement
{
    /// <summary>
    /// PostgreSQL's <see cref="SearchQuery.CandidateBudget"/>, and the most candidates it scores at all. A candidate
    /// costs it three to six times what it costs SQLite (its heap row, then <c>ts_rank_cd</c> over its <c>tsvector</c>:
    /// about 3 µs each at 100k chunks on a quiet machine, 6 under load), so 11,228 of them took 31 to 37 ms alone. When the rarest term by
    /// itself is in more chunks than this, the first this many the index returns are scored: such a term is in
    /// one chunk in 25 or more at 100k chunks, too common to pick out an answer, and the question's meaning
    /// (the hybrid search's semantic side) is what finds one then.
    /// </summary>
    public const int CandidateBudget = 4_000;

    public static PostgreSqlSearchStatement Instance { get; } = new();

    // Term pruning (see SearchQuery): the question's lexemes are the engine's own (to_tsvector, so stemmed and
    // stop words dropped as the index does), each with its chunk count from term_stats, which triggers keep in
    // step with chunks. Ties go to the longer, then first in order, lexeme. Candidates are the chunks that
    // hold a lexeme within the budget (the GIN index finds them, at most the budget of them); ts_rank_cd then
    // scores them with every ranked lexeme, the common ones included, and ts_headline runs for the top k only. Title is weight A and
    // body B; the weights array {D, C, B, A} makes a title match count double, as on SQLite. No lexeme kept:
    // null queries, which match nothing.
    public override string Sql { get; } = string.Create(CultureInfo.InvariantCulture, $$"""
        WITH words AS (
            SELECT DISTINCT lexeme FROM unnest(tsvector_to_array(to_tsvector('english', @query))) AS lexeme
        ),
        ranked AS (
            SELECT w.lexeme, row_number() OVER rarest AS place, sum(s.chunks) OVER (rarest ROWS UNBOUNDED PRECEDING) AS matched
            FROM words w
            JOIN term_stats s ON s.lexeme = w.lexeme
            WHERE s.chunks > 0
            WINDOW rarest AS (ORDER BY s.chunks, length(w.lexeme) DESC, w.lexeme)
        ),
        q AS (
            SELECT string_agg(quote_literal(lexeme), ' | ') FILTER (WHERE place = 1 OR matched <= {{CandidateBudget}})::tsquery AS candidates,
                   string_agg(quote_literal(lexeme), ' | ')::tsquery AS query
            FROM ranked
            WHERE place <= {{SearchQuery.RankedTermLimit}}
        ),
        best AS (
            SELECT c.id, ts_rank_cd('{0.1, 0.2, 0.5, 1.0}', c.tsv, q.query) AS score
            FROM (SELECT c.id, c.tsv FROM chunks c, q WHERE c.tsv @@ q.candidates LIMIT {{CandidateBudget}}) c, q
            ORDER BY score DESC, c.id
            LIMIT @k
        ),
        top AS (
            SELECT id, score, row_number() OVER (ORDER BY score DESC, id) AS place FROM best
        )
        SELECT c.document_id, c.id, c.ordinal, d.title, d.source, top.score::double precision,
               CASE WHEN top.place <= @snippets THEN
                   ts_headline('english', c.text, q.query, 'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=24, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "')
               END,
               c.text
        FROM top
        JOIN chunks c ON c.id = top.id
        JOIN documents d ON d.id = c.document_id
        CROSS JOIN q
        ORDER BY top.score DESC, c.id;
        """);

    // The terms are letters and digits only, so they cannot carry tsquery syntax: the search makes its lexemes
    // from them with to_tsvector and joins the ones it keeps by | (OR), quoted.
    public override string QueryText(IReadOnlyList<string> terms) => string.Join(' ', terms);
}
