using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAI.Api.Tests;

/// <summary>An <c>Idempotency-Key</c> is honoured by every replica: a replay is the first answer, never a second write.</summary>
public abstract class IdempotencyTests(KnowledgeBaseUnderTest engine)
{
    private const string Key = "Idempotency-Key";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_replay_on_another_replica_gets_the_first_status_and_body()
    {
        await using var replicas = new Replicas(4, await engine.SettingsAsync());
        var key = Guid.NewGuid().ToString("N");

        var first = await PostAsync(replicas.Clients[0], key, Documents.Numbered("replay", 1));
        var replay = await PostAsync(replicas.Clients[2], key, Documents.Numbered("replay", 1));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Cancel), await replay.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await Documents.TotalAsync(replicas.Clients[1], Cancel));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_stores_nothing()
    {
        await using var replicas = new Replicas(2, await engine.SettingsAsync());
        var key = Guid.NewGuid().ToString("N");
        await PostAsync(replicas.Clients[0], key, Documents.Numbered("reuse", 1));

        var reused = await PostAsync(replicas.Clients[1], key, Documents.Numbered("reuse", 2));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await Documents.TotalAsync(replicas.Clients[0], Cancel));
    }

    [Fact]
    public async Task Concurrent_duplicates_on_four_replicas_write_once_and_all_get_the_first_answer()
    {
        await using var replicas = new Replicas(4, await engine.SettingsAsync());
        var key = Guid.NewGuid().ToString("N");

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => PostAsync(replicas.Clients[i % 4], key, Documents.Numbered("race", 1))));
        var bodies = await Task.WhenAll(responses.Select(response => response.Content.ReadAsStringAsync(Cancel)));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        Assert.Single(bodies.Distinct());
        Assert.Single(responses, response => !response.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await Documents.TotalAsync(replicas.Clients[0], Cancel));
    }

    [Fact]
    public async Task A_replayed_delete_is_204_again_while_an_unkeyed_one_is_404()
    {
        await using var replicas = new Replicas(2, await engine.SettingsAsync());
        var id = await Documents.IngestAsync(replicas.Clients[0], Documents.Numbered("delete", 1), Cancel);
        var key = Guid.NewGuid().ToString("N");

        var first = await DeleteAsync(replicas.Clients[0], $"/api/documents/{id}", key);
        var replay = await DeleteAsync(replicas.Clients[1], $"/api/documents/{id}", key);
        var unkeyed = await replicas.Clients[1].DeleteAsync($"/api/documents/{id}", Cancel);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, replay.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unkeyed.StatusCode);
    }

    [Fact]
    public async Task A_key_used_for_an_ingest_cannot_delete()
    {
        await using var replicas = new Replicas(1, await engine.SettingsAsync());
        var key = Guid.NewGuid().ToString("N");
        var created = await Documents.JsonAsync(await PostAsync(replicas.Clients[0], key, Documents.Numbered("scope", 1)), Cancel);

        var delete = await DeleteAsync(replicas.Clients[0], $"/api/documents/{created.GetProperty("id").GetString()}", key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, delete.StatusCode);
        Assert.Equal(1, await Documents.TotalAsync(replicas.Clients[0], Cancel));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("k")]
    public async Task A_malformed_key_is_400(string key)
    {
        await using var replicas = new Replicas(1, await engine.SettingsAsync());
        var value = key == "k" ? new string('k', 256) : key;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = JsonContent.Create(Documents.Numbered("bad-key", 1)) };
        request.Headers.TryAddWithoutValidation(Key, value);

        var response = await replicas.Clients[0].SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await Documents.TotalAsync(replicas.Clients[0], Cancel));
    }

    [Fact]
    public async Task A_key_is_forgotten_after_its_retention_and_not_before()
    {
        var clock = new ShiftedClock();
        await using var api = new ApiFactory(await engine.SettingsAsync(), services: services => services.AddSingleton<TimeProvider>(clock));
        var client = api.CreateClient();
        var key = Guid.NewGuid().ToString("N");
        await PostAsync(client, key, Documents.Numbered("retention", 1));

        clock.Offset = TimeSpan.FromHours(23);
        var withinDay = await PostAsync(client, key, Documents.Numbered("retention", 2));
        clock.Offset = TimeSpan.FromHours(25);
        var afterDay = await PostAsync(client, key, Documents.Numbered("retention", 2));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, withinDay.StatusCode);
        Assert.Equal(HttpStatusCode.Created, afterDay.StatusCode);
        Assert.Equal(2, await Documents.TotalAsync(client, Cancel));
    }

    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string key, object document)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = JsonContent.Create(document) };
        request.Headers.Add(Key, key);
        return await client.SendAsync(request, Cancel);
    }

    private static async Task<HttpResponseMessage> DeleteAsync(HttpClient client, string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.Add(Key, key);
        return await client.SendAsync(request, Cancel);
    }
}

public sealed class SqliteIdempotencyTests() : IdempotencyTests(KnowledgeBaseUnderTest.Sqlite);

public sealed class PostgreSqlIdempotencyTests(PostgreSqlFixture postgres) : IdempotencyTests(postgres.Engine);
