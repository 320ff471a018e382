using System.Net;
using HealthAI.Chaos.Scenarios;
using HealthAI.Testing;
using HealthAI.Testing.Load;

namespace HealthAI.Chaos.Workload;

/// <summary>
/// Half <c>GET /api/search</c>, half keyed <c>POST /api/documents</c> of a document no earlier request sent, so
/// every write is a new row that needs the knowledge base's primary. Once the load has stopped, every document
/// a client was told was stored (2xx) is read back: an acknowledged write that is missing is a lost one.
/// </summary>
internal static class KeyedWritesLoad
{
    public const string Search = "search";
    public const string Ingest = "keyed-ingest";

    // Straight to a replica: the knowledge base is shared, so any replica sees every stored document.
    private const string Reader = "healthai-app-1";

    /// <summary>A fresh load: its documents differ from those of every other load, also of earlier harness runs.</summary>
    public static DrillLoad Create()
    {
        var run = Guid.NewGuid().ToString("N")[..12];
        var mix = new LoadMix(
        [
            new LoadRequestKind(Search, 50, (target, i) => new HttpRequestMessage(HttpMethod.Get,
                new Uri(target, $"/api/search?q={Uri.EscapeDataString(ChaosCorpus.SearchTerms[(int)(i % ChaosCorpus.SearchTerms.Count)])}"))),
            new LoadRequestKind(Ingest, 50, (target, i) =>
            {
                var request = MixedLoad.IngestRequest(target, Document(run, i));
                request.Headers.ExpectContinue = true;
                return request;
            }),
        ]);
        return new DrillLoad(mix, (system, samples, cancellationToken) => LostAsync(system, run, samples, cancellationToken));
    }

    // A short article of realistic size (a few hundred bytes), unique to its run and request.
    private static ChaosDocument Document(string run, long index) => new(
        $"Keyed write {run} {index}",
        $"Note {index} of drill {run}. Hand hygiene before meals lowers the spread of infections. " +
        "Soap and water for twenty seconds remove most germs; alcohol gel helps when no sink is near. " +
        "Dry hands well, since damp skin passes on germs more easily.");

    private static async Task<IReadOnlyList<string>> LostAsync(HealthAISystem system, string run, IReadOnlyList<LoadSample> samples, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", system.EditorToken);
        var reader = system.Endpoint(Reader, "http");
        var acknowledged = samples.Where(sample => sample.Kind == Ingest && sample.Succeeded).ToList();
        var lost = new List<long>();
        foreach (var sample in acknowledged)
        {
            var id = Document(run, sample.Index).IdempotencyKey;
            using var response = await client.GetAsync(new Uri(reader, $"/api/documents/{id}"), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                lost.Add(sample.Index);
            }
            else
            {
                response.EnsureSuccessStatusCode();
            }
        }

        ChaosContext.Log($"  read back {acknowledged.Count} acknowledged documents; {lost.Count} missing");
        return lost.Count == 0 ? [] : [$"{lost.Count} of {acknowledged.Count} acknowledged documents are not stored (requests {string.Join(", ", lost.Take(10))})"];
    }
}
