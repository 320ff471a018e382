using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HealthAI.AppHost.Tests;

/// <summary>
/// Keyed writes through each real edge while the replica that took one is killed after committing it
/// and before answering: the edge retries on another replica, which answers with the stored outcome.
/// </summary>
[Collection(HealthAIAppGroup.Name)]
public sealed class IdempotencyThroughEdgeTests(HealthAIAppFixture fixture) : IAsyncLifetime
{
    // The API's test-only fault (FaultInjectionOptions.CrashAfterWriteHeader) and its replay marker.
    private const string CrashAfterWrite = "X-HealthAI-Fault-Crash-After-Write";
    private const string Replayed = "Idempotent-Replayed";
    private const string Key = "Idempotency-Key";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    // The killed replica is started again for the tests that follow.
    public async ValueTask DisposeAsync() => await fixture.RestoreAsync(CancellationToken.None);

    [Theory]
    [InlineData("nginx", "haproxy")]
    [InlineData("haproxy", "nginx")]
    public async Task A_keyed_write_whose_replica_dies_after_committing_is_answered_once_with_the_stored_outcome(string edge, string otherEdge)
    {
        using var client = fixture.System.EditorClient(edge == "nginx" ? "127.63.0.1" : "127.63.1.1");
        var key = Guid.NewGuid().ToString("N");
        var document = new
        {
            title = $"Idempotency through {edge} {key[..8]}",
            text = $"A document whose first replica dies after storing it, run {key}. It must exist once and be acknowledged once.",
            source = "tests",
        };
        var running = HealthAIAppFixture.Replicas.Count(fixture.System.IsRunning);

        using var first = await SendAsync(client, fixture.Endpoint(edge, "https"), key, document, crash: true);
        var firstBody = await first.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        // Created by the replica that died; answered by another from the stored outcome, not written again.
        Assert.True(first.Headers.Contains(Replayed), $"{edge}: the answer should be the stored outcome: {firstBody}");
        await WaitUntilAsync(() => HealthAIAppFixture.Replicas.Count(fixture.System.IsRunning) == running - 1, "a replica to have been killed");

        using var other = fixture.System.EditorClient(edge == "nginx" ? "127.63.0.2" : "127.63.1.2");
        using var replay = await SendAsync(other, fixture.Endpoint(otherEdge, "https"), key, document, crash: false);
        using var reused = await SendAsync(other, fixture.Endpoint(otherEdge, "https"), key, document with { text = document.text + " Changed." }, crash: false);

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(firstBody, await replay.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        var id = JsonDocument.Parse(firstBody).RootElement.GetProperty("id").GetString();
        using var direct = new HttpClient();
        var page = await direct.GetFromJsonAsync<JsonElement>(new Uri(fixture.Endpoint("healthai-app-backup"), "/api/documents?limit=100"), Cancel);
        Assert.Single(page.GetProperty("items").EnumerateArray(), item => item.GetProperty("title").GetString() == document.title);
        Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync(new Uri(fixture.Endpoint("healthai-app-backup"), $"/api/documents/{id}"), Cancel)).StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Uri edge, string key, object document, bool crash)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(edge, "/api/documents")) { Content = JsonContent.Create(document) };
        request.Headers.Add(Key, key);
        if (crash)
        {
            request.Headers.Add(CrashAfterWrite, "true");
        }

        return await client.SendAsync(request, Cancel);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(100, Cancel);
        }
    }
}
