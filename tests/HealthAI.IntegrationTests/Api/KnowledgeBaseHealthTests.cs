using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HealthAI.Api.Tests;

/// <summary>What readiness and detailed health say about the knowledge base, on either engine.</summary>
public abstract class KnowledgeBaseHealthTests(KnowledgeBaseUnderTest engine)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Detailed_health_reports_the_knowledge_base_and_the_replica_is_ready()
    {
        await using var replicas = new Replicas(1, await engine.SettingsAsync());
        await Documents.IngestAsync(replicas.Clients[0], Documents.Make("Iron", "Iron carries oxygen in the blood."), Cancel);

        using var report = JsonDocument.Parse(await replicas.Clients[0].GetStringAsync("/health/detailed", Cancel));
        var knowledge = report.RootElement.GetProperty("checks").EnumerateArray().Single(check => check.GetProperty("name").GetString() == "knowledge-base");

        Assert.Equal("Healthy", knowledge.GetProperty("status").GetString());
        var data = knowledge.GetProperty("data");
        Assert.Equal(1, data.GetProperty("documents").GetInt64());
        Assert.True(data.GetProperty("chunks").GetInt64() >= 1);
        Assert.True(data.GetProperty("databaseBytes").GetInt64() > 0);
        Assert.Equal(1, data.GetProperty("generation").GetInt64());
        Assert.True(data.GetProperty("schemaVersion").GetInt32() >= 1);
        Assert.Equal(HttpStatusCode.OK, (await replicas.Clients[0].GetAsync("/readyz", Cancel)).StatusCode);
    }
}

public sealed class SqliteKnowledgeBaseHealthTests() : KnowledgeBaseHealthTests(KnowledgeBaseUnderTest.Sqlite);

public sealed class PostgreSqlKnowledgeBaseHealthTests(PostgreSqlFixture postgres) : KnowledgeBaseHealthTests(postgres.Engine);

/// <summary>A PostgreSQL server that does not answer is an outage the replica reports, never a 500.</summary>
public sealed class PostgreSqlUnreachableTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_server_that_does_not_answer_makes_the_replica_not_ready_and_writes_503_with_retry_after()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["KnowledgeBase:Engine"] = "PostgreSql",
            ["KnowledgeBase:ConnectionString"] = $"Host=127.0.0.1;Port={ModelStandIn.FreePort()};Database=healthai;Username=healthai;Timeout=2",
        });
        var client = api.CreateClient();

        var ready = await client.GetAsync("/readyz", Cancel);
        var write = await client.PostAsJsonAsync("/api/documents", Documents.Make("Iron", "Iron carries oxygen in the blood."), Cancel);
        var search = await client.GetAsync("/api/search?q=iron", Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
        Assert.NotNull(write.Headers.RetryAfter);
        Assert.Equal("application/problem+json", write.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, search.StatusCode);
    }

    [Fact]
    public async Task A_server_that_answered_and_then_goes_away_leaves_the_replica_ready_and_degraded_through_a_switch()
    {
        var server = await PostgreSqlServer.StartAsync(cancellationToken: Cancel);
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["KnowledgeBase:Engine"] = "PostgreSql",
            ["KnowledgeBase:ConnectionString"] = await server.CreateDatabaseAsync("switch", Cancel),
        });
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz", Cancel)).StatusCode);

        // Every replica's database gone at once, as while a standby is promoted.
        await server.DisposeAsync();
        var ready = await client.GetAsync("/readyz", Cancel);
        using var report = JsonDocument.Parse(await client.GetStringAsync("/health/detailed", Cancel));
        var write = await client.PostAsJsonAsync("/api/documents", Documents.Make("Iron", "Iron carries oxygen in the blood."), Cancel);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var knowledge = report.RootElement.GetProperty("checks").EnumerateArray().Single(check => check.GetProperty("name").GetString() == "knowledge-base");
        Assert.Equal("Degraded", knowledge.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
        Assert.NotNull(write.Headers.RetryAfter);
    }

    [Fact]
    public async Task The_PostgreSQL_engine_without_a_connection_string_is_refused_at_start_naming_the_key()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["KnowledgeBase:Engine"] = "PostgreSql" });

        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        Assert.Contains("KnowledgeBase:ConnectionString", error.ToString(), StringComparison.Ordinal);
    }
}
