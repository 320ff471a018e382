using System.Net;
using System.Text.Json;

namespace HealthAI.Api.Tests;

public sealed class HealthTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Readiness_fails_when_the_data_volume_is_not_writable()
    {
        using var folder = new TempDirectory();
        var blocker = Path.Combine(folder.Path, "not-a-directory");
        await File.WriteAllTextAsync(blocker, "a file where the data directory should be", Cancel);
        await using var api = new ApiFactory(new Dictionary<string, string?>
        {
            ["KnowledgeBase:DataDirectory"] = Path.Combine(blocker, "data"),
            ["Backups:Directory"] = Path.Combine(folder.Path, "backups"),
        });
        var client = api.CreateClient();

        var ready = await client.GetAsync("/readyz", Cancel);
        var live = await client.GetAsync("/healthz", Cancel);
        var ingest = await client.PostAsync("/api/documents", JsonContent("{\"title\":\"t\",\"text\":\"x\"}"), Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ingest.StatusCode);
        Assert.Equal("application/problem+json", ingest.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Readiness_fails_when_the_knowledge_base_cannot_be_opened()
    {
        await using var replicas = new Replicas(1);
        Assert.Equal(HttpStatusCode.OK, (await replicas.Clients[0].GetAsync("/readyz", Cancel)).StatusCode);

        await File.WriteAllTextAsync(Path.Combine(replicas.DataDirectory, "CURRENT"), "garbage", Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await replicas.Clients[0].GetAsync("/readyz", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_missing_generation_pointer_beside_existing_data_makes_the_replica_not_ready_instead_of_empty()
    {
        await using var replicas = new Replicas(1);
        await Documents.IngestAsync(replicas.Clients[0], Documents.Make("Zinc", "Zinc supports the immune system."), Cancel);

        File.Delete(Path.Combine(replicas.DataDirectory, "CURRENT"));
        var ready = await replicas.Clients[0].GetAsync("/readyz", Cancel);
        var list = await replicas.Clients[0].GetAsync("/api/documents", Cancel);
        var backup = await replicas.Admins[0].PostAsync("/backup", null, Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, list.StatusCode);
        Assert.True(list.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, backup.StatusCode);
        Assert.False(File.Exists(Path.Combine(replicas.DataDirectory, "CURRENT")), "the pointer must not be recreated as an empty generation");
        Assert.DoesNotContain(Directory.EnumerateDirectories(replicas.BackupsDirectory), folder => !Path.GetFileName(folder).StartsWith('.'));
    }

    [Fact]
    public async Task Detailed_health_shows_documents_database_size_last_backup_age_and_free_space()
    {
        await using var replicas = new Replicas(1);
        await Documents.IngestAsync(replicas.Clients[0], Documents.Make("Iron", "Iron carries oxygen in the blood."), Cancel);
        await replicas.Admins[0].PostAsync("/backup", null, Cancel);

        var checks = await ChecksAsync(replicas.Clients[0]);

        var knowledge = checks["knowledge-base"].GetProperty("data");
        Assert.Equal(1, knowledge.GetProperty("documents").GetInt64());
        Assert.True(knowledge.GetProperty("databaseBytes").GetInt64() > 0);
        Assert.True(checks["data-volume"].GetProperty("data").GetProperty("freeBytes").GetInt64() > 0);
        var backups = checks["backups"].GetProperty("data");
        Assert.InRange(backups.GetProperty("lastBackupAgeSeconds").GetDouble(), 0, 60);
        Assert.True(backups.GetProperty("freeBytes").GetInt64() > 0);
    }

    [Fact]
    public async Task Low_free_space_is_reported_as_degraded_but_the_replica_stays_ready()
    {
        await using var replicas = new Replicas(1, new Dictionary<string, string?>
        {
            ["KnowledgeBase:MinFreeBytes"] = long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Backups:MinFreeBytes"] = long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var checks = await ChecksAsync(replicas.Clients[0]);

        Assert.Equal("Degraded", checks["data-volume"].GetProperty("status").GetString());
        Assert.Equal("Degraded", checks["backups"].GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await replicas.Clients[0].GetAsync("/readyz", Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_last_backup_time_and_duration_are_exported_as_metrics()
    {
        await using var replicas = new Replicas(1);
        await replicas.Admins[0].PostAsync("/backup", null, Cancel);

        var metrics = await replicas.Clients[0].GetStringAsync("/monitoring/export", Cancel);

        Assert.Contains("healthai_backup_last_success_time_seconds{", metrics, StringComparison.Ordinal);
        Assert.Contains("healthai_backup_last_success_duration_seconds{", metrics, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, JsonElement>> ChecksAsync(HttpClient client)
    {
        using var report = JsonDocument.Parse(await client.GetStringAsync("/health/detailed", Cancel));
        return report.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(check => check.GetProperty("name").GetString()!, check => check.Clone());
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
