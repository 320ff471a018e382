using System.Net;

namespace HealthAI.Api.Tests;

public abstract class SearchTests(KnowledgeBaseUnderTest engine)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_returns_the_top_k_chunks_with_scores_snippets_and_document_ids()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();
        var washing = await Documents.IngestAsync(client, Documents.Make("Hand washing", "Wash hands with soap for at least 20 seconds to remove germs."), Cancel);
        await Documents.IngestAsync(client, Documents.Make("Sleep", "Adults need seven or more hours of sleep each night."), Cancel);
        await Documents.IngestAsync(client, Documents.Make("Hydration", "Water helps the kidneys; wash fruit before eating it."), Cancel);

        var response = await client.GetAsync("/api/search?q=how+long+should+I+wash+my+hands&k=2", Cancel);
        var body = await Documents.JsonAsync(response, Cancel);
        var results = body.GetProperty("results").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, results.Count);
        Assert.Equal(washing, results[0].GetProperty("documentId").GetString());
        Assert.Contains("<mark>", results[0].GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.True(results[0].GetProperty("score").GetDouble() >= results[1].GetProperty("score").GetDouble());
    }

    // The engines score on different scales (BM25, ts_rank_cd) and may order close ties differently; what
    // both must keep is that a title match outweighs the same word in the body, scores never increase down
    // the list, and every hit that matched in its text marks the match.
    [Fact]
    public async Task A_title_match_outranks_the_same_word_in_the_body_on_either_engine()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();
        var mention = await Documents.IngestAsync(client, Documents.Make("Salt and diet",
            "Eating less salt lowers the risk of hypertension, and so does regular walking after meals."), Cancel);
        var titled = await Documents.IngestAsync(client, Documents.Make("Hypertension",
            "Blood pressure that stays high, known as hypertension, strains the heart and the kidneys."), Cancel);
        // Documents without the word, so that it is rare enough for BM25 to give it weight (its IDF is positive).
        for (var i = 0; i < 4; i++)
        {
            await Documents.IngestAsync(client, Documents.Numbered("filler", i), Cancel);
        }

        // The full-text ranking alone: in hybrid mode the fillers' vectors would join the fused list.
        var results = (await Documents.JsonAsync(await client.GetAsync("/api/search?q=hypertension&mode=lexical", Cancel), Cancel))
            .GetProperty("results").EnumerateArray().ToList();

        Assert.Equal([titled, mention], results.Select(result => result.GetProperty("documentId").GetString()));
        Assert.True(results[0].GetProperty("score").GetDouble() > results[1].GetProperty("score").GetDouble());
        Assert.All(results, result => Assert.Contains("<mark>", result.GetProperty("snippet").GetString(), StringComparison.Ordinal));
    }

    // Only the top k are snippeted, after ranking: each of them still marks its match, and equal scores keep
    // the order the chunks were stored in, so a page of results is the same on every call.
    [Fact]
    public async Task Chunks_with_equal_scores_come_in_the_order_they_were_stored_each_with_its_snippet()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();
        const string text = "Hypertension often has no symptoms, so blood pressure is worth measuring once a year.";
        var stored = new List<string?>();
        foreach (var title in new[] { "Note one", "Note two", "Note six" })
        {
            stored.Add(await Documents.IngestAsync(client, Documents.Make(title, text), Cancel));
        }

        for (var i = 0; i < 4; i++)
        {
            await Documents.IngestAsync(client, Documents.Numbered("filler", i), Cancel);
        }

        var results = (await Documents.JsonAsync(await client.GetAsync("/api/search?q=hypertension&k=3&mode=lexical", Cancel), Cancel))
            .GetProperty("results").EnumerateArray().ToList();

        Assert.Equal(stored, results.Select(result => result.GetProperty("documentId").GetString()));
        Assert.Single(results.Select(result => result.GetProperty("score").GetDouble()).Distinct());
        Assert.All(results, result => Assert.Contains("<mark>Hypertension</mark>", result.GetProperty("snippet").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task FTS_syntax_in_a_query_is_searched_as_plain_words()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();
        await Documents.IngestAsync(client, Documents.Make("Vitamin D", "Sunlight helps the skin make vitamin D."), Cancel);

        // FTS5 syntax (quotes, NEAR, OR, *) and tsquery syntax (!, &, |, :*) alike are just words.
        var response = await client.GetAsync("/api/search?q=%22vitamin%20NEAR(%20OR%20*%20AND%20!%20%26%20%7C%20:*", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await Documents.JsonAsync(response, Cancel)).GetProperty("results").GetArrayLength());
    }
}

public sealed class SqliteSearchTests() : SearchTests(KnowledgeBaseUnderTest.Sqlite);

public sealed class PostgreSqlSearchTests(PostgreSqlFixture postgres) : SearchTests(postgres.Engine);
