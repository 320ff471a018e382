using System.Diagnostics;
using HealthAI.Api.KnowledgeBase;
using HealthAI.Api.KnowledgeBase.Storage;

namespace HealthAI.Api.Search;

/// <summary>Ranked retrieval of chunks through the engine's full-text index (FTS5 BM25, or PostgreSQL's ts_rank_cd).</summary>
internal sealed class ChunkSearch(IKnowledgeBaseStore connections, KnowledgeBaseMetrics metrics)
{
    private readonly SearchStatement _statement = SearchStatement.For(connections.Engine);

    /// <summary>
    /// The top <paramref name="k"/> chunks by words; the first <c>snippets</c> (all unless said) carry the
    /// engine's snippet of the matching words, the rest their opening words.
    /// </summary>
    public Task<IReadOnlyList<SearchHit>> SearchAsync(string question, int k, CancellationToken cancellationToken) =>
        SearchAsync(question, k, k, cancellationToken);

    /// <inheritdoc cref="SearchAsync(string, int, CancellationToken)"/>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string question, int k, int snippets, CancellationToken cancellationToken)
    {
        var terms = SearchQuery.Terms(question);
        if (terms.Count == 0)
        {
            return [];
        }

        var clock = Stopwatch.StartNew();
        var hits = await connections.ReadAsync<IReadOnlyList<SearchHit>>(async (connection, token) =>
        {
            await using var command = connection.Command(_statement.Sql);
            command.With("query", _statement.QueryText(terms));
            command.With("k", k);
            command.With("snippets", snippets);
            var results = new List<SearchHit>(k);
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                results.Add(new SearchHit(
                    reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
                    Math.Round(reader.GetDouble(5), 4), reader.IsDBNull(6) ? SearchHit.Opening(reader.GetString(7)) : SnippetMarkup.ToHtml(reader.GetString(6)), reader.GetString(7)));
            }

            return results;
        }, cancellationToken);
        metrics.Searched(clock.Elapsed);
        return hits;
    }
}
