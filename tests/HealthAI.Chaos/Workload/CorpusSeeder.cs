using HealthAI.Chaos.Scenarios;
using HealthAI.Testing;

namespace HealthAI.Chaos.Workload;

/// <summary>Stores the corpus's seeded documents before the runs, so the mixed load's reads find data.</summary>
internal static class CorpusSeeder
{
    // Straight to a replica: the knowledge base is shared, and the edges' rate limit is for the load.
    private const string Replica = "healthai-app-1";
    private const int Attempts = 10;

    public static async Task SeedAsync(HealthAISystem system, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", system.EditorToken);
        var target = system.Endpoint(Replica, "http");
        foreach (var document in ChaosCorpus.Documents.Take(ChaosCorpus.SeededCount))
        {
            await IngestAsync(client, target, document, cancellationToken);
        }

        ChaosContext.Log($"seeded {ChaosCorpus.SeededCount} of {ChaosCorpus.Documents.Count} corpus documents through {Replica}");
    }

    // Retried: just after start-up, on a busy machine, the shared SQLite file can still be locked by the
    // other replicas' first writes (the API answers 503 then), and the ingest is idempotent.
    private static async Task IngestAsync(HttpClient client, Uri target, ChaosDocument document, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var request = MixedLoad.IngestRequest(target, document);
                using var response = await client.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode || attempt == Attempts)
                {
                    response.EnsureSuccessStatusCode();
                    return;
                }

                ChaosContext.Log($"seeding '{document.Title}': {(int)response.StatusCode}, retrying");
            }
            catch (HttpRequestException error) when (attempt < Attempts)
            {
                ChaosContext.Log($"seeding '{document.Title}': {error.Message}, retrying");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }
}
