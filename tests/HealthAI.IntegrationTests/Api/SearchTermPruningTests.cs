using System.Net;

namespace HealthAI.Api.Tests;

// A long question is ranked by its rarest terms only (SearchQuery.RankedTermLimit of them, within
// SearchQuery.CandidateBudget), so that an engine does not rank every chunk that shares any everyday word.
public abstract class SearchTermPruningTests(KnowledgeBaseUnderTest engine)
{
    private static readonly string[] RareWords = ["glaucoma", "psoriasis", "gout", "shingles", "tinnitus", "vertigo", "eczema", "sciatica"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Chunks_that_share_only_the_most_common_words_of_a_long_question_are_not_ranked()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();
        var specific = await IngestSpecificAsync(client);
        await IngestCommonAsync(client);

        // Ten terms: the eight rare words, each in one document, and two words in every filler document.
        var results = await SearchAsync(client, $"{string.Join(' ', RareWords)} health care");

        Assert.Equal(specific.Order(), results.Order());
    }

    [Fact]
    public async Task Words_no_chunk_holds_take_no_place_among_the_ranked_terms()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();
        var specific = await IngestSpecificAsync(client);
        await IngestCommonAsync(client);

        // More words than are ranked, none of them in the knowledge base, before the one that is.
        var results = await SearchAsync(client, "my aunt thinks her knee keeps swelling after long walks near the lake, could it be gout");

        Assert.Equal([specific[2]], results);
    }

    [Fact]
    public async Task A_question_none_of_whose_words_is_indexed_finds_nothing_and_is_not_an_error()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();
        await IngestSpecificAsync(client);

        // Words only, some of them FTS5 and tsquery operators, none in any document.
        var response = await client.GetAsync("/api/search?mode=lexical&q=NEAR%20NOT%20zzyzx%20quux%20:*%20%22", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await Documents.JsonAsync(response, Cancel)).GetProperty("results").GetArrayLength());
    }

    private static async Task<List<string>> IngestSpecificAsync(HttpClient client)
    {
        var ids = new List<string>();
        foreach (var word in RareWords)
        {
            ids.Add(await Documents.IngestAsync(client, Documents.Make($"About {word}", $"Notes on {word}: when to see a specialist."), Cancel));
        }

        return ids;
    }

    private static async Task IngestCommonAsync(HttpClient client)
    {
        for (var i = 0; i < 12; i++)
        {
            await Documents.IngestAsync(client, Documents.Make($"Daily notes {i}",
                $"Good health care and a regular routine help everyone, says practice number {i}."), Cancel);
        }
    }

    private static async Task<List<string>> SearchAsync(HttpClient client, string question)
    {
        // The full-text side alone: in hybrid mode, the default, the chunks' vectors would add their nearest ones.
        var response = await client.GetAsync($"/api/search?k=50&mode=lexical&q={Uri.EscapeDataString(question)}", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await Documents.JsonAsync(response, Cancel)).GetProperty("results").EnumerateArray()
            .Select(result => result.GetProperty("documentId").GetString()!)];
    }
}

public sealed class SqliteSearchTermPruningTests() : SearchTermPruningTests(KnowledgeBaseUnderTest.Sqlite);

public sealed class PostgreSqlSearchTermPruningTests(PostgreSqlFixture postgres) : SearchTermPruningTests(postgres.Engine);
