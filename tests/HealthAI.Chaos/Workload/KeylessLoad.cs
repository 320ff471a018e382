using System.Text;
using System.Text.Json;
using HealthAI.Testing.Load;

namespace HealthAI.Chaos.Workload;

/// <summary>
/// Writes as the question page and a plain API client send them: <c>POST /api/ask</c> and
/// <c>POST /api/documents</c> without an <c>Idempotency-Key</c>, half each. The edges may replay them only
/// because their routes are marked safe to repeat (asking reads; documents are content-addressed).
/// </summary>
internal static class KeylessLoad
{
    public const string Ask = "keyless-ask";
    public const string Ingest = "keyless-ingest";

    public static DrillLoad Load { get; } = new(new LoadMix(
    [
        new LoadRequestKind(Ask, 50, (target, i) => new HttpRequestMessage(HttpMethod.Post, new Uri(target, "/api/ask"))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { question = Choose(ChaosCorpus.Questions, i) }), Encoding.UTF8, "application/json"),
        }),
        new LoadRequestKind(Ingest, 50, (target, i) => new HttpRequestMessage(HttpMethod.Post, new Uri(target, "/api/documents"))
        {
            Content = new StringContent(Choose(ChaosCorpus.Documents, i).Json, Encoding.UTF8, "application/json"),
        }),
    ]));

    private static T Choose<T>(IReadOnlyList<T> items, long index) =>
        items[(int)(LoadMix.Scramble((ulong)index ^ 0xC0FFEE) % (ulong)items.Count)];
}
