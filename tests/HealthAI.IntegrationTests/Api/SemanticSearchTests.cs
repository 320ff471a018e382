using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace HealthAI.Api.Tests;

public abstract class SemanticSearchTests(KnowledgeBaseUnderTest engine)
{
    // The project's own small corpus, and questions in a person's words that share no word with the article that answers them.
    private static readonly (string Title, string Text)[] Articles =
    [
        ("Sunburn", "Ultraviolet rays burn unprotected skin within minutes at midday. Shade, long sleeves and sunscreen of factor 30 prevent it."),
        ("Insomnia", "Trouble falling asleep is common. A fixed bedtime, a dark quiet bedroom and no caffeine after noon improve rest."),
        ("Heartburn", "Stomach acid rising into the gullet causes a burning feeling behind the breastbone. Smaller meals and not lying flat after eating ease it."),
        ("Sprained ankle", "A twisted ankle swells and bruises. Rest, ice, compression and elevation reduce the swelling in the first days."),
        ("Dental plaque", "Brushing twice daily with fluoride toothpaste removes plaque and prevents decay."),
        ("Migraine", "Migraine brings a throbbing one-sided headache, often with nausea and sensitivity to light."),
        ("Anaemia", "Low iron leads to anaemia: tiredness, pale skin and breathlessness. Red meat, beans and leafy greens supply iron."),
        ("Hay fever", "Pollen allergy causes sneezing and itchy eyes in spring and summer. Antihistamines relieve the symptoms."),
    ];

    private static readonly (string Question, string Answer)[] Questions =
    [
        ("my chest is on fire when I finish dinner", "Heartburn"),
        ("I can't get to sleep at night", "Insomnia"),
        ("my foot rolled over and now it's puffy", "Sprained ankle"),
        ("what helps with a runny nose from flowers", "Hay fever"),
        ("why am I always so worn out and short of breath", "Anaemia"),
        ("how do I stop getting holes in my teeth", "Dental plaque"),
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hybrid_search_finds_answers_that_share_no_word_with_the_question_where_lexical_search_does_not()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();
        var ids = await IngestArticlesAsync(client);
        await Meaning.WaitUntilEmbeddedAsync(client, ids.Values, Cancel);

        var (lexical, hybrid) = (0, 0);
        var report = new List<string>();
        foreach (var (question, answer) in Questions)
        {
            var article = Articles.Single(article => article.Title == answer);
            Assert.Empty(Meaning.SharedWords(question, article.Title + " " + article.Text));
            var byWords = await TopDocumentsAsync(client, question, "lexical");
            var fused = await TopDocumentsAsync(client, question, "hybrid");
            lexical += byWords.Contains(ids[answer]) ? 1 : 0;
            hybrid += fused.Contains(ids[answer]) ? 1 : 0;
            report.Add($"{question}: lexical {byWords.Contains(ids[answer])}, hybrid {fused.Contains(ids[answer])}");
        }

        // Top 3 of 8 articles. Lexical can only find them by chance; meaning should find nearly all.
        Assert.True(hybrid > lexical && hybrid >= Questions.Length - 1, string.Join("\n", report));
    }

    [Fact]
    public async Task Each_hit_reports_its_lexical_and_semantic_rank_and_score_and_the_response_its_mode()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();
        var ids = await IngestArticlesAsync(client);
        await Meaning.WaitUntilEmbeddedAsync(client, ids.Values, Cancel);

        var hybrid = await SearchAsync(client, "migraine headache with nausea", "hybrid");
        var semantic = await SearchAsync(client, "migraine headache with nausea", "semantic");
        var lexical = await SearchAsync(client, "migraine headache with nausea", "lexical");
        var byDefault = await SearchAsync(client, "migraine headache with nausea", null);

        Assert.Equal(("hybrid", "semantic", "lexical", "hybrid"),
            (Mode(hybrid), Mode(semantic), Mode(lexical), Mode(byDefault)));
        var top = Results(hybrid)[0];
        Assert.Equal(ids["Migraine"], top.GetProperty("documentId").GetString());
        Assert.Equal(1, top.GetProperty("lexical").GetProperty("rank").GetInt32());
        Assert.Equal(1, top.GetProperty("semantic").GetProperty("rank").GetInt32());
        Assert.InRange(top.GetProperty("semantic").GetProperty("score").GetDouble(), 0.45, 1.0);
        // First in both lists: 1/61 from the words plus the semantic weight (1 by default)/61 from the meaning.
        Assert.Equal(2.0 / 61, top.GetProperty("score").GetDouble(), 5);
        Assert.All(Results(semantic), hit => Assert.Equal(JsonValueKind.Null, hit.GetProperty("lexical").ValueKind));
        Assert.All(Results(lexical), hit => Assert.Equal(JsonValueKind.Null, hit.GetProperty("semantic").ValueKind));
        var scores = Results(semantic).Select(hit => hit.GetProperty("semantic").GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(score => score), scores);
    }

    [Fact]
    public async Task An_unknown_mode_is_a_bad_request_that_names_the_parameter()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());

        var response = await api.CreateClient().GetAsync("/api/search?q=flu&mode=vector", Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await Documents.JsonAsync(response, Cancel)).GetProperty("errors").TryGetProperty("mode", out _));
    }

    [Fact]
    public async Task A_document_is_searchable_by_words_at_once_by_meaning_once_ready_and_by_neither_once_deleted()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();

        var id = await Documents.IngestAsync(client, Documents.Make("Heartburn", Articles[2].Text), Cancel);
        var byWords = await TopDocumentsAsync(client, "stomach acid", "lexical");
        await Meaning.WaitUntilEmbeddedAsync(client, [id], Cancel);
        var byMeaning = await TopDocumentsAsync(client, Questions[0].Question, "semantic");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/documents/{id}", Cancel)).StatusCode);

        Assert.Contains(id, byWords);
        Assert.Contains(id, byMeaning);
        Assert.Empty(await TopDocumentsAsync(client, Questions[0].Question, "semantic"));
    }

    [Fact]
    public async Task Another_replicas_ingest_and_delete_reach_this_replicas_vector_index_within_a_poll()
    {
        await using var replicas = new Replicas(2, await engine.SettingsAsync());
        var (writer, reader) = (replicas.Clients[0], replicas.Clients[1]);

        var id = await Documents.IngestAsync(writer, Documents.Make("Heartburn", Articles[2].Text), Cancel);
        await Meaning.WaitUntilEmbeddedAsync(reader, [id], Cancel);
        var found = await TopDocumentsAsync(reader, Questions[0].Question, "semantic");
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"/api/documents/{id}", Cancel)).StatusCode);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await Documents.JsonAsync(await reader.GetAsync("/health/detailed", Cancel), Cancel)).GetProperty("checks").EnumerateArray()
            .Single(check => check.GetProperty("name").GetString() == "semantic-search").GetProperty("data").GetProperty("indexedVectors").GetInt32() > 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the other replica's delete never reached this replica's index");
            await Task.Delay(100, Cancel);
        }

        Assert.Contains(id, found);
        Assert.Empty(await TopDocumentsAsync(reader, Questions[0].Question, "semantic"));
    }

    [Fact]
    public async Task Replicas_share_one_backlog_and_embed_every_chunk_once()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Embeddings:BatchSize"] = "2",
            ["Embeddings:BackgroundThreads"] = "2",
            ["Embeddings:PollInterval"] = "00:00:00.100",
        };
        await using var replicas = new Replicas(2, await engine.SettingsAsync(settings));
        var ids = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            ids.Add(await Documents.IngestAsync(replicas.Clients[i % 2], Documents.Numbered("backlog", i), Cancel));
        }

        foreach (var client in replicas.Clients)
        {
            await Meaning.WaitUntilEmbeddedAsync(client, ids, Cancel);
        }

        var health = new List<JsonElement>();
        foreach (var client in replicas.Clients)
        {
            health.Add(await SemanticHealthAsync(client));
        }

        Assert.Equal(ids.Count, health.Sum(data => data.GetProperty("embeddedChunks").GetInt64()));
        if (OperatingSystem.IsLinux())
        {
            Assert.All(health, data => Assert.Equal("true", data.GetProperty("backlogAtLowPriority").GetString()));
        }
    }

    [Fact]
    public async Task Re_embedding_takes_the_admin_token_and_makes_every_chunk_pending_until_it_has_a_new_vector()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync(new Dictionary<string, string?> { ["Backups:AdminToken"] = Replicas.AdminToken, ["Backups:ManifestKey"] = Replicas.ManifestKey }));
        var client = api.CreateClient();
        var ids = await IngestArticlesAsync(client);
        await Meaning.WaitUntilEmbeddedAsync(client, ids.Values, Cancel);
        var admin = api.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Replicas.AdminToken);

        var refused = await client.PostAsync("/backup/reembed", null, Cancel);
        var accepted = await admin.PostAsync("/backup/reembed", null, Cancel);
        var body = await Documents.JsonAsync(accepted, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(Articles.Length, body.GetProperty("pendingChunks").GetInt32());
        await Meaning.WaitUntilEmbeddedAsync(client, ids.Values, Cancel);
        Assert.Contains(ids["Heartburn"], await TopDocumentsAsync(client, Questions[0].Question, "semantic"));
    }

    [Fact]
    public async Task With_embeddings_off_search_is_lexical_and_says_so()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync(new Dictionary<string, string?> { ["Embeddings:Provider"] = "None" }));
        var client = api.CreateClient();
        var id = await Documents.IngestAsync(client, Documents.Make("Heartburn", Articles[2].Text), Cancel);

        var hybrid = await SearchAsync(client, "stomach acid", "hybrid");
        var semantic = await client.GetAsync("/api/search?q=stomach+acid&mode=semantic", Cancel);

        Assert.Equal("lexical", Mode(hybrid));
        Assert.Equal(id, Results(hybrid)[0].GetProperty("documentId").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, semantic.StatusCode);
        Assert.Equal("off", await Meaning.EmbeddingStateAsync(client, id, Cancel));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz", Cancel)).StatusCode);
    }

    [Fact]
    public async Task An_embedding_endpoint_that_does_not_answer_leaves_search_lexical_and_the_replica_ready()
    {
        var port = ModelStandIn.FreePort();
        await using var api = new ApiFactory(await engine.SettingsAsync(new Dictionary<string, string?>
        {
            ["Embeddings:Provider"] = "OpenAI",
            ["Embeddings:Endpoint"] = $"http://127.0.0.1:{port}/v1",
            ["Embeddings:Name"] = "nothing-listens",
            ["Embeddings:Timeout"] = "00:00:01",
            ["Embeddings:AttemptTimeout"] = "00:00:01",
        }));
        var client = api.CreateClient();
        var id = await Documents.IngestAsync(client, Documents.Make("Heartburn", Articles[2].Text), Cancel);

        var hybrid = await SearchAsync(client, "stomach acid", "hybrid");

        Assert.Equal("lexical", Mode(hybrid));
        Assert.Equal(id, Results(hybrid)[0].GetProperty("documentId").GetString());
        Assert.Equal("pending", await Meaning.EmbeddingStateAsync(client, id, Cancel));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz", Cancel)).StatusCode);
    }

    private static async Task<JsonElement> SemanticHealthAsync(HttpClient client) =>
        (await Documents.JsonAsync(await client.GetAsync("/health/detailed", Cancel), Cancel)).GetProperty("checks").EnumerateArray()
            .Single(check => check.GetProperty("name").GetString() == "semantic-search").GetProperty("data");

    private static async Task<Dictionary<string, string>> IngestArticlesAsync(HttpClient client)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (title, text) in Articles)
        {
            ids[title] = await Documents.IngestAsync(client, Documents.Make(title, text), Cancel);
        }

        return ids;
    }

    private static async Task<JsonElement> SearchAsync(HttpClient client, string query, string? mode)
    {
        var response = await client.GetAsync($"/api/search?q={Uri.EscapeDataString(query)}&k=3{(mode is null ? "" : $"&mode={mode}")}", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Documents.JsonAsync(response, Cancel);
    }

    private static async Task<List<string>> TopDocumentsAsync(HttpClient client, string query, string mode) =>
        [.. Results(await SearchAsync(client, query, mode)).Select(hit => hit.GetProperty("documentId").GetString()!)];

    private static List<JsonElement> Results(JsonElement response) => [.. response.GetProperty("results").EnumerateArray()];

    private static string? Mode(JsonElement response) => response.GetProperty("mode").GetString();
}

public sealed class SqliteSemanticSearchTests() : SemanticSearchTests(KnowledgeBaseUnderTest.Sqlite);

public sealed class PostgreSqlSemanticSearchTests(PostgreSqlFixture postgres) : SemanticSearchTests(postgres.Engine);
