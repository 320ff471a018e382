using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HealthAI.Api.Tests;

public abstract class AskTests(KnowledgeBaseUnderTest engine)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_model_the_answer_is_sentences_from_the_retrieved_chunks_with_citations_and_a_disclaimer()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync(new Dictionary<string, string?> { ["APP_INSTANCE"] = "2" }));
        var client = api.CreateClient();
        var text = "Washing hands with soap for at least 20 seconds removes most germs. Dry them with a clean towel afterwards.";
        var id = await Documents.IngestAsync(client, Documents.Make("Hand washing", text), Cancel);
        await Documents.IngestAsync(client, Documents.Make("Sleep", "Adults need seven or more hours of sleep each night."), Cancel);

        var answer = await AskAsync(client, "How long should I wash my hands with soap?");

        Assert.Equal("extractive", answer.GetProperty("answeredBy").GetString());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("fallbackReason").ValueKind);
        Assert.Equal("healthai-app-2", answer.GetProperty("instance").GetString());
        Assert.Contains("not medical advice", answer.GetProperty("disclaimer").GetString(), StringComparison.Ordinal);
        var sentences = answer.GetProperty("answer").GetString()!;
        Assert.Contains("Washing hands with soap for at least 20 seconds removes most germs. [1]", sentences, StringComparison.Ordinal);
        var citation = Assert.Single(answer.GetProperty("citations").EnumerateArray());
        Assert.Equal(1, citation.GetProperty("number").GetInt32());
        Assert.Equal(id, citation.GetProperty("documentId").GetString());
    }

    [Fact]
    public async Task Every_sentence_of_an_extractive_answer_comes_from_the_knowledge_base()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());
        var client = api.CreateClient();
        var texts = new[]
        {
            "Regular physical activity lowers blood pressure. Adults should aim for 150 minutes of moderate activity a week.",
            "High blood pressure often has no symptoms. Measuring it regularly is the only way to know.",
        };
        foreach (var (text, i) in texts.Select((text, i) => (text, i)))
        {
            await Documents.IngestAsync(client, Documents.Make($"Blood pressure {i}", text), Cancel);
        }

        var answer = (await AskAsync(client, "What lowers blood pressure?")).GetProperty("answer").GetString()!;

        var sentences = System.Text.RegularExpressions.Regex.Split(answer, @"\s*\[\d+\]\s*").Where(sentence => sentence.Length > 0);
        Assert.All(sentences, sentence => Assert.Contains(texts, text => text.Contains(sentence, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_question_the_knowledge_base_does_not_cover_is_answered_honestly_without_citations()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync());

        var answer = await AskAsync(api.CreateClient(), "What about quantum chromodynamics?");

        Assert.Equal(0, answer.GetProperty("citations").GetArrayLength());
        Assert.Contains("nothing on this question", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_model_answers_from_the_retrieved_context()
    {
        await using var model = await ModelStandIn.StartAsync(ModelBehaviour.Answers);
        await using var api = new ApiFactory(await engine.SettingsAsync(ModelSettings(model.Endpoint, timeout: "00:00:05")));
        var client = api.CreateClient();
        await Documents.IngestAsync(client, Documents.Make("Hand washing", "Wash hands with soap for at least 20 seconds."), Cancel);

        var answer = await AskAsync(client, "How long should I wash my hands?");

        Assert.Equal("model", answer.GetProperty("answeredBy").GetString());
        Assert.Equal("stand-in-model", answer.GetProperty("model").GetString());
        Assert.Equal(ModelStandIn.Reply, answer.GetProperty("answer").GetString());
        Assert.Single(answer.GetProperty("citations").EnumerateArray());
    }

    [Theory]
    [InlineData(ModelBehaviour.Fails)]
    [InlineData(ModelBehaviour.Hangs)]
    public async Task Ask_falls_back_to_the_extractive_answer_within_its_timeout_when_the_model_fails_or_hangs(ModelBehaviour behaviour)
    {
        await using var model = await ModelStandIn.StartAsync(behaviour);
        await using var api = new ApiFactory(await engine.SettingsAsync(ModelSettings(model.Endpoint, timeout: "00:00:02")));
        var client = api.CreateClient();
        await Documents.IngestAsync(client, Documents.Make("Hand washing", "Wash hands with soap for at least 20 seconds."), Cancel);

        var answer = await AskAsync(client, "How long should I wash my hands?");

        // The budget is 2 s for all attempts together: a hanging model is let go at the budget, and twice it
        // tells a call that was cut from one that was left to hang, however busy the machine. How fast the
        // rest of an answer is, is the ask benchmark's to measure.
        Assert.True(model.LongestHeld < TimeSpan.FromSeconds(4), $"the model was held for {model.LongestHeld}");
        Assert.Equal("extractive", answer.GetProperty("answeredBy").GetString());
        Assert.Contains("model did not answer", answer.GetProperty("fallbackReason").GetString(), StringComparison.Ordinal);
        Assert.Contains("20 seconds", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.True(model.Calls >= 1);
    }

    [Fact]
    public async Task Ask_falls_back_when_nothing_listens_at_the_model_endpoint()
    {
        await using var api = new ApiFactory(await engine.SettingsAsync(ModelSettings($"http://127.0.0.1:{ModelStandIn.FreePort()}/v1", timeout: "00:00:02")));
        var client = api.CreateClient();
        await Documents.IngestAsync(client, Documents.Make("Hand washing", "Wash hands with soap for at least 20 seconds."), Cancel);

        var answer = await AskAsync(client, "How long should I wash my hands?");

        Assert.Equal("extractive", answer.GetProperty("answeredBy").GetString());
        Assert.NotEqual(JsonValueKind.Null, answer.GetProperty("fallbackReason").ValueKind);
    }

    [Fact]
    public async Task A_model_that_keeps_failing_is_no_longer_called_once_its_circuit_opens()
    {
        await using var model = await ModelStandIn.StartAsync(ModelBehaviour.Fails);
        var settings = ModelSettings(model.Endpoint, timeout: "00:00:02");
        settings["Model:MaxRetries"] = "0";
        await using var api = new ApiFactory(await engine.SettingsAsync(settings));
        var client = api.CreateClient();
        await Documents.IngestAsync(client, Documents.Make("Hand washing", "Wash hands with soap for at least 20 seconds."), Cancel);

        for (var i = 0; i < 4; i++)
        {
            await AskAsync(client, "How long should I wash my hands?");
        }

        var callsWhenOpen = model.Calls;
        var answer = await AskAsync(client, "How long should I wash my hands?");

        Assert.Equal(callsWhenOpen, model.Calls);
        Assert.Contains("not being called", answer.GetProperty("fallbackReason").GetString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> ModelSettings(string endpoint, string timeout) => new()
    {
        ["Model:Endpoint"] = endpoint,
        ["Model:Name"] = "stand-in-model",
        ["Model:Timeout"] = timeout,
        ["Model:AttemptTimeout"] = "00:00:01",
    };

    private static async Task<JsonElement> AskAsync(HttpClient client, string question)
    {
        var response = await client.PostAsJsonAsync("/api/ask", new { question }, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Documents.JsonAsync(response, Cancel);
    }
}

public sealed class SqliteAskTests() : AskTests(KnowledgeBaseUnderTest.Sqlite);

public sealed class PostgreSqlAskTests(PostgreSqlFixture postgres) : AskTests(postgres.Engine);
