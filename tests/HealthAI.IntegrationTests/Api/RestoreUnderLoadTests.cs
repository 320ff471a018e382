using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;

namespace HealthAI.Api.Tests;

/// <summary>A restore while four replicas ingest: every acknowledged write is live or in the safety backup.</summary>
public abstract class RestoreUnderLoadTests(KnowledgeBaseUnderTest engine)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_write_acknowledged_during_a_restore_is_live_or_in_the_safety_backup()
    {
        await using var replicas = new Replicas(4, await engine.SettingsAsync());
        for (var i = 0; i < 20; i++)
        {
            await Documents.IngestAsync(replicas.Clients[0], Documents.Numbered("before", i), Cancel);
        }

        var backupId = (await Documents.JsonAsync(await replicas.Admins[0].PostAsync("/backup", null, Cancel), Cancel)).GetProperty("id").GetString();
        var acknowledged = new ConcurrentBag<string>();
        var held = 0;
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var response = await replicas.Clients[w].PostAsJsonAsync("/api/documents", Documents.Numbered($"during-{w}", n), Cancel);
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    acknowledged.Add((await Documents.JsonAsync(response, Cancel)).GetProperty("id").GetString()!);
                }
                else
                {
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                    Assert.True(response.Headers.RetryAfter is not null, "a held write must say when to retry");
                    Interlocked.Increment(ref held);
                }
            }
        })).ToArray();

        // Counted writes, not a fixed time: on a loaded machine a few hundred milliseconds may see no write at all.
        await WritesAsync(acknowledged, MinimumWritesEachSide, writers);
        var restore = await Documents.JsonAsync(await replicas.Admins[1].PostAsync($"/backup/{backupId}/restore", null, Cancel), Cancel);
        await WritesAsync(acknowledged, acknowledged.Count + MinimumWritesEachSide, writers);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var safety = Path.Combine(replicas.BackupsDirectory, restore.GetProperty("safetyBackupId").GetString()!, engine.BackupFileName);
        var inSafety = await engine.DocumentIdsInBackupAsync(safety);
        var lost = new List<string>();
        foreach (var id in acknowledged.Distinct())
        {
            if (!inSafety.Contains(id) && (await replicas.Clients[3].GetAsync($"/api/documents/{id}", Cancel)).StatusCode != HttpStatusCode.OK)
            {
                lost.Add(id);
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"restore under load: {acknowledged.Count} acknowledged, {held} held with 503, {lost.Count} lost");
        Assert.True(acknowledged.Count >= 2 * MinimumWritesEachSide, $"too few writes ({acknowledged.Count}) to prove anything");
        Assert.Empty(lost);
    }

    private const int MinimumWritesEachSide = 12;

    // Until the writers have had this many writes acknowledged (a writer that failed ends the wait with its error).
    private static async Task WritesAsync(ConcurrentBag<string> acknowledged, int count, Task[] writers)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (acknowledged.Count < count && DateTime.UtcNow < deadline && !writers.Any(writer => writer.IsCompleted))
        {
            await Task.Delay(25, Cancel);
        }
    }

}

public sealed class SqliteRestoreUnderLoadTests() : RestoreUnderLoadTests(KnowledgeBaseUnderTest.Sqlite);

public sealed class PostgreSqlRestoreUnderLoadTests(PostgreSqlFixture postgres) : RestoreUnderLoadTests(postgres.Engine);
