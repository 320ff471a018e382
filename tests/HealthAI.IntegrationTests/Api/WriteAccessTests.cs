using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace HealthAI.Api.Tests;

/// <summary>Writes need the editor token; reads, search and ask stay open to everyone.</summary>
public sealed class WriteAccessTests
{
    private const string Id = "0123456789abcdef0123456789abcdef";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> Writes => new()
    {
        // method, path, who: none, wrong or admin (the backup token opens /backup, not the knowledge base)
        { "POST", "/api/documents", "none" },
        { "POST", "/api/documents", "wrong" },
        { "POST", "/api/documents", "admin" },
        { "POST", "/api/documents/batch", "none" },
        { "POST", "/api/documents/batch", "wrong" },
        { "DELETE", $"/api/documents/{Id}", "none" },
        { "DELETE", $"/api/documents/{Id}", "admin" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_write_without_the_editor_token_is_401_with_a_bearer_challenge_and_changes_nothing(string method, string path, string who)
    {
        await using var replicas = new Replicas(1);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(path.EndsWith("batch", StringComparison.Ordinal)
                ? new { documents = new[] { Documents.Numbered("planted", 1) } }
                : Documents.Numbered("planted", 1));
        }

        if (who != "none")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", who == "admin" ? Replicas.AdminToken : "not-the-editor-token-0123");
        }

        var response = await replicas.Anonymous[0].SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await Documents.TotalAsync(replicas.Anonymous[0], Cancel));
    }

    [Fact]
    public async Task Reads_search_and_ask_need_no_token()
    {
        await using var replicas = new Replicas(1);
        var id = await Documents.IngestAsync(replicas.Clients[0], Documents.Make("Vitamin D", "Sunlight helps the skin make vitamin D."), Cancel);
        var anonymous = replicas.Anonymous[0];

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/documents", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/documents/{id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/search?q=vitamin", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/ask", new { question = "How is vitamin D made?" }, Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_editor_token_deletes()
    {
        await using var replicas = new Replicas(1);
        var id = await Documents.IngestAsync(replicas.Clients[0], Documents.Make("Iodine", "Iodine is needed for thyroid hormones."), Cancel);

        Assert.Equal(HttpStatusCode.NoContent, (await replicas.Clients[0].DeleteAsync($"/api/documents/{id}", Cancel)).StatusCode);
        Assert.Equal(0, await Documents.TotalAsync(replicas.Clients[0], Cancel));
    }

    [Fact]
    public async Task Without_a_configured_editor_token_writes_are_closed_with_503()
    {
        await using var replicas = new Replicas(1, new Dictionary<string, string?> { ["KnowledgeBase:EditorToken"] = "" });

        var response = await replicas.Clients[0].PostAsJsonAsync("/api/documents", Documents.Numbered("closed", 1), Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("EditorToken", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(0, await Documents.TotalAsync(replicas.Clients[0], Cancel));
    }
}
