using System.Diagnostics;
using HealthAI.Api.KnowledgeBase;
using HealthAI.Api.KnowledgeBase.Storage;

namespace HealthAI.Api.Search;

/// <summary>Ranked retrieval of chunks through the engine's full-text index (FTS5 BM25, or PostgreSQL's ts_rank_cd).</summary>
internal sealed class ChunkSearch(IKnowledgeBaseStore connections, KnowledgeBaseMetrics metrics)
{
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string question, int k, CancellationToken cancellationToken)
    {
        var terms = SearchQuery.Terms(question);
        if (terms.Count == 0)
        {
            return [];
        }

        var clock = Stopwatch.StartNew();
        var hits = await connections.ReadAsync<IReadOnlyList<SearchHit>>(async (connection, token) =>
        {
            await using var command = connection.Command(connections.Dialect.SearchSql);
            command.With("query", connections.Dialect.QueryText(terms));
            command.With("k", k);
            var results = new List<SearchHit>(k);
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                results.Add(new SearchHit(
                    reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
                    Math.Round(reader.GetDouble(5), 4), reader.GetString(6), reader.GetString(7)));
            }

            return results;
        }, cancellationToken);
        metrics.Searched(clock.Elapsed);
        return hits;
    }
}
