using System.Diagnostics;
using HealthAI.Api.KnowledgeBase;
using HealthAI.Api.KnowledgeBase.Storage;

namespace HealthAI.Api.Search;

/// <summary>BM25 retrieval of chunks through the FTS5 index.</summary>
internal sealed class ChunkSearch(KnowledgeBaseConnections connections, KnowledgeBaseMetrics metrics)
{
    // The ranking runs on the full-text index alone so that FTS5 keeps only the top k while it sorts, and
    // snippets are made for those k rows, not for every match. Title matches count double: a chunk of
    // "Hypertension" answers "hypertension" better than a passing mention.
    private const string Sql = """
        WITH top AS (
            SELECT rowid AS id, rank, snippet(chunks_fts, 1, '<mark>', '</mark>', '…', 24) AS snippet
            FROM chunks_fts
            WHERE chunks_fts MATCH $match AND rank MATCH 'bm25(2.0, 1.0)'
            ORDER BY rank
            LIMIT $k
        )
        SELECT c.document_id, c.id, c.ordinal, d.title, d.source, top.rank, top.snippet, c.text
        FROM top
        JOIN chunks c ON c.id = top.id
        JOIN documents d ON d.id = c.document_id
        ORDER BY top.rank;
        """;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string question, int k, CancellationToken cancellationToken)
    {
        if (SearchQuery.ToMatchExpression(question) is not { } match)
        {
            return [];
        }

        var clock = Stopwatch.StartNew();
        var hits = await connections.ReadAsync<IReadOnlyList<SearchHit>>(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Sql;
            command.Parameters.AddWithValue("$match", match);
            command.Parameters.AddWithValue("$k", k);
            var results = new List<SearchHit>(k);
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                results.Add(new SearchHit(
                    reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
                    Math.Round(-reader.GetDouble(5), 4), reader.GetString(6), reader.GetString(7)));
            }

            return results;
        }, cancellationToken);
        metrics.Searched(clock.Elapsed);
        return hits;
    }
}
