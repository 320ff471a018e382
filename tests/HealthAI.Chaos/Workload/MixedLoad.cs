using System.Text;
using System.Text.Json;
using HealthAI.Testing.Load;

namespace HealthAI.Chaos.Workload;

/// <summary>
/// The harness's read/write mix: 70 % <c>GET /api/search</c>, 15 % <c>POST /api/ask</c>, 10 % idempotent
/// <c>POST /api/documents</c>, 5 % <c>GET /</c>. Every POST carries an <c>Idempotency-Key</c>, so the
/// edges may replay it on another replica after a connection error or a dying replica, as they do a GET.
/// </summary>
internal static class MixedLoad
{
    public const string Search = "search";
    public const string Ask = "ask";
    public const string Ingest = "ingest";
    private const string IdempotencyKey = "Idempotency-Key";

    public static LoadMix Mix { get; } = new(
    [
        new LoadRequestKind(Search, 70, (target, i) => new HttpRequestMessage(HttpMethod.Get,
            new Uri(target, $"/api/search?q={Uri.EscapeDataString(Choose(ChaosCorpus.SearchTerms, i))}"))),
        new LoadRequestKind(Ask, 15, (target, i) => AskRequest(target, i, Choose(ChaosCorpus.Questions, i))),
        new LoadRequestKind(Ingest, 10, (target, i) => IngestRequest(target, Choose(ChaosCorpus.Documents, i))),
        new LoadRequestKind(LoadMix.RootKind, 5, (target, _) => new HttpRequestMessage(HttpMethod.Get, target)),
    ]);

    public static LoadMix For(LoadShape shape) => shape == LoadShape.Root ? LoadMix.Root : Mix;

    public static HttpRequestMessage IngestRequest(Uri target, ChaosDocument document)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, "/api/documents"))
        {
            Content = new StringContent(document.Json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(IdempotencyKey, document.IdempotencyKey);
        return request;
    }

    // Per harness process, so keys never repeat across harness runs against one system.
    private static readonly string AskKeyPrefix = Guid.NewGuid().ToString("N");

    // Asking only reads: a replay costs a second answer and changes nothing, so it may carry a key and be
    // retried by the edges like a GET; without one, a question in flight on a killed replica fails. The key is
    // per request, the same on a client resend of that request.
    private static HttpRequestMessage AskRequest(Uri target, long index, string question)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, "/api/ask"))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { question }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(IdempotencyKey, $"ask-{AskKeyPrefix}-{index}");
        return request;
    }

    // The kind was picked from a scrambled index; scrambling again (salted) keeps the choice within a kind independent of it.
    private static T Choose<T>(IReadOnlyList<T> items, long index) =>
        items[(int)(LoadMix.Scramble((ulong)index ^ 0x5EED) % (ulong)items.Count)];
}
