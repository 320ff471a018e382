using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HealthAI.Api.Tests;

/// <summary>Documents for tests, and the calls that store and read them.</summary>
internal static class Documents
{
    public static object Make(string title, string text, string source = "tests", params string[] tags) =>
        new { title, text, source, tags };

    public static object Numbered(string run, int number) => Make(
        $"Test article {run} {number}",
        $"Article {number} of run {run} explains hydration marker{number} and sleep. Drinking water supports kidney function. " +
        "Regular movement improves mood and heart health.");

    /// <summary>Stores a document and returns its id (the answer must be 201 or 200).</summary>
    public static async Task<string> IngestAsync(HttpClient client, object document, CancellationToken cancellationToken)
    {
        var response = await client.PostAsJsonAsync("/api/documents", document, cancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK,
            $"ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("id").GetString()!;
    }

    public static async Task<long> TotalAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var page = JsonDocument.Parse(await client.GetStringAsync("/api/documents?limit=1", cancellationToken));
        return page.RootElement.GetProperty("total").GetInt64();
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.Clone();
    }
}
