using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HealthAI.Api.Tests;

/// <summary>
/// A replica has at most <c>Model:MaxConcurrentCalls</c> model calls in flight; a question past them is answered 503
/// with Retry-After at once (an edge replays it on another replica), and extractive answers are never counted.
/// </summary>
public sealed class ModelConcurrencyTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_question_past_the_model_calls_in_flight_is_answered_503_with_Retry_After()
    {
        await using var model = await ModelStandIn.StartAsync(ModelBehaviour.Hangs);
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["Model:Endpoint"] = model.Endpoint,
            ["Model:Name"] = "stand-in-model",
            ["Model:Timeout"] = "00:00:03",
            ["Model:AttemptTimeout"] = "00:00:03",
            ["Model:MaxRetries"] = "0",
            ["Model:MaxConcurrentCalls"] = "1",
        });
        var client = api.CreateClient();
        await Documents.IngestAsync(client, Documents.Make("Hand washing", "Wash hands with soap for at least 20 seconds."), Cancel);

        var first = client.PostAsJsonAsync("/api/ask", new { question = "How long should I wash my hands?" }, Cancel);
        while (model.Calls == 0 && !first.IsCompleted)
        {
            await Task.Delay(20, Cancel);
        }

        var second = await client.PostAsJsonAsync("/api/ask", new { question = "How long should I wash my hands?" }, Cancel);
        var firstAnswer = await first;
        var afterwards = await client.PostAsJsonAsync("/api/ask", new { question = "How long should I wash my hands?" }, Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.True(second.Headers.RetryAfter is not null, "no Retry-After on the refused question");
        // The first question was let go at the model's budget and answered extractively; its slot is free again.
        Assert.Equal(HttpStatusCode.OK, firstAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.Equal(2, model.Calls);
    }

    [Fact]
    public async Task Extractive_answers_are_not_counted()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["Model:MaxConcurrentCalls"] = "1" });
        var client = api.CreateClient();
        await Documents.IngestAsync(client, Documents.Make("Hand washing", "Wash hands with soap for at least 20 seconds."), Cancel);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            client.PostAsJsonAsync("/api/ask", new { question = "How long should I wash my hands?" }, Cancel)));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        var first = await Documents.JsonAsync(answers[0], Cancel);
        Assert.Equal("extractive", first.GetProperty("answeredBy").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("fallbackReason").ValueKind);
    }
}
