using System.Collections.Concurrent;
using System.Net;

namespace HealthAI.Api.Tests;

public abstract class ConcurrentReplicaTests(KnowledgeBaseUnderTest engine)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Concurrent_ingest_from_many_clients_into_four_replicas_loses_nothing()
    {
        await using var replicas = new Replicas(4, await engine.SettingsAsync());
        const int clients = 16, documentsEach = 15;
        var acknowledged = new ConcurrentBag<string>();

        // Every client writes through every replica in turn, so all four contend for the one write lock.
        await Parallel.ForEachAsync(Enumerable.Range(0, clients), new ParallelOptions { MaxDegreeOfParallelism = clients, CancellationToken = Cancel },
            async (client, token) =>
            {
                for (var i = 0; i < documentsEach; i++)
                {
                    var replica = replicas.Clients[(client + i) % replicas.Clients.Count];
                    acknowledged.Add(await Documents.IngestAsync(replica, Documents.Numbered($"c{client}", i), token));
                }
            });

        Assert.Equal(clients * documentsEach, acknowledged.Distinct().Count());
        foreach (var replica in replicas.Clients)
        {
            Assert.Equal(clients * documentsEach, await Documents.TotalAsync(replica, Cancel));
        }

        foreach (var id in acknowledged)
        {
            Assert.Equal(HttpStatusCode.OK, (await replicas.Clients[0].GetAsync($"/api/documents/{id}", Cancel)).StatusCode);
        }
    }

    [Fact]
    public async Task The_same_document_sent_to_four_replicas_at_once_is_stored_once()
    {
        await using var replicas = new Replicas(4, await engine.SettingsAsync());
        var document = Documents.Make("Measles", "Two doses of the MMR vaccine protect against measles.");

        var responses = await Task.WhenAll(replicas.Clients.Select(client =>
            System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/documents", document, Cancel)));

        Assert.Single(responses, response => response.StatusCode == HttpStatusCode.Created);
        Assert.Equal(3, responses.Count(response => response.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, await Documents.TotalAsync(replicas.Clients[3], Cancel));
    }
}

public sealed class SqliteConcurrentReplicaTests() : ConcurrentReplicaTests(KnowledgeBaseUnderTest.Sqlite);

public sealed class PostgreSqlConcurrentReplicaTests(PostgreSqlFixture postgres) : ConcurrentReplicaTests(postgres.Engine);
