using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HdrHistogram;

namespace HealthAI.Bench.Retrieval;

/// <summary>What one mode scored on one set; <see cref="Unavailable"/> says why there is no score.</summary>
internal sealed record ModeResult(string Mode, double Ndcg10, double Recall, double Mrr10, double P50Ms, double P99Ms, int Queries, string? Unavailable)
{
    /// <summary>Each query's hits in order (chunk id, BEIR document id), for fusing two modes' lists in the bench.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<RankedChunk>> Rankings { get; init; } = new Dictionary<string, IReadOnlyList<RankedChunk>>();
}

/// <summary>One hit of a ranking: the chunk and the document it belongs to.</summary>
internal sealed record RankedChunk(long ChunkId, string Source);

/// <summary>What ingesting the corpus took.</summary>
internal sealed record IngestResult(int Documents, long Chunks, TimeSpan Elapsed);

/// <summary>
/// Ingests a BEIR corpus into one replica through <c>POST /api/documents/batch</c>, then asks
/// <c>GET /api/search</c> every test query in each mode, one at a time, and scores the rankings.
/// Each document's BEIR id travels as its <c>source</c>, which every hit carries back.
/// </summary>
internal static class RetrievalRun
{
    private const int BatchDocuments = 100;
    private const long BatchBytes = 3 * 1024 * 1024;
    private const int MaxQueryCharacters = 500;
    private static readonly string[] BeirTags = ["beir"];
    private static readonly char[] LineBreaks = ['\r', '\n', '\t'];

    public static async Task<IngestResult> IngestAsync(HttpClient client, BeirSet set, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var batch = new List<object>();
        var bytes = 0L;
        foreach (var document in set.Corpus)
        {
            var text = document.Text.Trim().Length > 0 ? document.Text : document.Title;
            if (text.Trim().Length == 0)
            {
                continue;
            }

            batch.Add(new { title = Title(document), text, source = document.Id, tags = BeirTags, format = "text" });
            bytes += (text.Length + document.Title.Length) * 2L;
            if (batch.Count == BatchDocuments || bytes > BatchBytes)
            {
                await PostAsync(client, batch, cancel);
                (batch, bytes) = ([], 0);
            }
        }

        if (batch.Count > 0)
        {
            await PostAsync(client, batch, cancel);
        }

        var elapsed = clock.Elapsed;
        return new IngestResult(set.Corpus.Count, await ChunksAsync(client, cancel), elapsed);
    }

    public static async Task<ModeResult> EvaluateAsync(HttpClient client, BeirSet set, string mode, int k, CancellationToken cancel)
    {
        var latency = new LongHistogram(TimeStamp.Minutes(1), 3);
        var (ndcg, recall, mrr) = (0.0, 0.0, 0.0);
        var sawComponents = false;
        var rankings = new Dictionary<string, IReadOnlyList<RankedChunk>>(StringComparer.Ordinal);
        foreach (var (id, text) in set.Queries)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(
                string.Create(CultureInfo.InvariantCulture, $"/api/search?k={k}&mode={mode}&q={Uri.EscapeDataString(Shorten(text))}"), cancel);
            latency.RecordValue(Stopwatch.GetTimestamp() - started);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel));
            if (response.StatusCode == HttpStatusCode.BadRequest && body.RootElement.TryGetProperty("errors", out var errors))
            {
                if (errors.TryGetProperty("mode", out _))
                {
                    return Unavailable(mode, $"the API refuses mode={mode}");
                }

                if (errors.TryGetProperty("k", out _))
                {
                    throw new InvalidOperationException($"The API refuses k={k}: {errors.GetRawText()}");
                }

                continue; // A query with no word in it: nothing found, scored 0.
            }

            response.EnsureSuccessStatusCode();
            var hits = body.RootElement.GetProperty("results").EnumerateArray().ToList();
            sawComponents |= hits.Any(hit => hit.TryGetProperty("semantic", out _)) || body.RootElement.TryGetProperty("mode", out _);
            var chunks = hits.Select(hit => new RankedChunk(hit.GetProperty("chunkId").GetInt64(), hit.GetProperty("source").GetString() ?? "")).ToList();
            rankings[id] = chunks;
            var (queryNdcg, queryRecall, queryMrr) = Score(set, id, chunks, k);
            ndcg += queryNdcg;
            recall += queryRecall;
            mrr += queryMrr;
        }

        // An API without modes ignores the parameter and answers lexically: that is no figure for another mode.
        if (mode != "lexical" && !sawComponents)
        {
            return Unavailable(mode, "the API has no search modes (it answered lexically)");
        }

        var count = set.Queries.Count;
        return new ModeResult(mode, ndcg / count, recall / count, mrr / count, Ms(latency, 50), Ms(latency, 99), count, null) { Rankings = rankings };
    }

    /// <summary>
    /// What hybrid would score with another semantic weight, from the lexical and semantic modes' rankings: each
    /// side's best <paramref name="pool"/> fused by the API's own <see cref="Api.Search.ReciprocalRankFusion"/>,
    /// as the search does, so that weights can be compared without re-embedding the corpus for each.
    /// </summary>
    public static ModeResult Fuse(BeirSet set, ModeResult lexical, ModeResult semantic, double semanticWeight, int pool, int k)
    {
        var (ndcg, recall, mrr) = (0.0, 0.0, 0.0);
        foreach (var (id, _) in set.Queries)
        {
            var words = lexical.Rankings.GetValueOrDefault(id, []).Take(pool).ToList();
            var meaning = semantic.Rankings.GetValueOrDefault(id, []).Take(pool).ToList();
            var wordRanks = words.Select((chunk, i) => (chunk.ChunkId, Rank: i + 1)).ToDictionary(r => r.ChunkId, r => r.Rank);
            var meaningRanks = meaning.Select((chunk, i) => (chunk.ChunkId, Rank: i + 1)).ToDictionary(r => r.ChunkId, r => r.Rank);
            var fused = Api.Search.ReciprocalRankFusion.Fuse(
                    words.Concat(meaning).DistinctBy(chunk => chunk.ChunkId),
                    chunk => wordRanks.TryGetValue(chunk.ChunkId, out var rank) ? rank : null,
                    chunk => meaningRanks.TryGetValue(chunk.ChunkId, out var rank) ? rank : null,
                    chunk => chunk.ChunkId,
                    semanticWeight)
                .Select(scored => scored.Candidate)
                .Take(k)
                .ToList();
            var (queryNdcg, queryRecall, queryMrr) = Score(set, id, fused, k);
            ndcg += queryNdcg;
            recall += queryRecall;
            mrr += queryMrr;
        }

        var count = set.Queries.Count;
        return new ModeResult(string.Create(CultureInfo.InvariantCulture, $"hybrid, semantic weight {semanticWeight} (fused in the bench, pools of {pool})"),
            ndcg / count, recall / count, mrr / count, 0, 0, count, null);
    }

    private static (double Ndcg, double Recall, double Mrr) Score(BeirSet set, string query, IEnumerable<RankedChunk> chunks, int k)
    {
        var ranked = RetrievalMetrics.DocumentsByBestChunk(chunks.Select(chunk => chunk.Source));
        var judged = set.Judgments[query];
        return (RetrievalMetrics.Ndcg(ranked, judged, 10), RetrievalMetrics.Recall(ranked, judged, k), RetrievalMetrics.ReciprocalRank(ranked, judged, 10));
    }

    private static ModeResult Unavailable(string mode, string why) => new(mode, 0, 0, 0, 0, 0, 0, why);

    private static async Task PostAsync(HttpClient client, List<object> batch, CancellationToken cancel)
    {
        using var response = await client.PostAsJsonAsync("/api/documents/batch", new { documents = batch }, cancel);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancel)}");
        }
    }

    private static async Task<long> ChunksAsync(HttpClient client, CancellationToken cancel) =>
        await HealthFigureAsync(client, "knowledge-base", "chunks", cancel) ?? -1;

    /// <summary>
    /// Waits until every chunk has its vector in the replica's index (a semantic or hybrid figure taken earlier would
    /// measure a half-embedded corpus); returns how long that took, or null when the replica embeds nothing.
    /// </summary>
    public static async Task<TimeSpan?> WaitForVectorsAsync(HttpClient client, long chunks, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        while (await HealthFigureAsync(client, "semantic-search", "indexedVectors", cancel) is { } indexed)
        {
            if (indexed >= chunks)
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(30))
            {
                lastReport = clock.Elapsed;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"embedding: {indexed:N0} of {chunks:N0} chunks after {clock.Elapsed.TotalSeconds:0} s"));
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancel);
        }

        return null;
    }

    private static async Task<long?> HealthFigureAsync(HttpClient client, string checkName, string figure, CancellationToken cancel)
    {
        using var health = JsonDocument.Parse(await client.GetStringAsync("/health/detailed", cancel));
        foreach (var check in health.RootElement.GetProperty("checks").EnumerateArray())
        {
            if (check.GetProperty("name").GetString() == checkName && check.GetProperty("data").TryGetProperty(figure, out var value))
            {
                return value.GetInt64();
            }
        }

        return null;
    }

    // A title is one line of at most 300 characters; a set without titles gets its document id.
    private static string Title(BeirDocument document)
    {
        var title = string.Join(' ', document.Title.Split(LineBreaks, StringSplitOptions.RemoveEmptyEntries)).Trim();
        title = title.Length == 0 ? $"Document {document.Id}" : title;
        return title.Length <= 300 ? title : title[..300];
    }

    private static string Shorten(string query)
    {
        if (query.Length <= MaxQueryCharacters)
        {
            return query;
        }

        var cut = query.LastIndexOf(' ', MaxQueryCharacters);
        return query[..(cut > 0 ? cut : MaxQueryCharacters)];
    }

    private static double Ms(LongHistogram histogram, double percentile) => histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
}
