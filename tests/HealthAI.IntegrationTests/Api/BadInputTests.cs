using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace HealthAI.Api.Tests;

/// <summary>One replica for the whole table: bad requests must not change what it holds.</summary>
public sealed class BadInputReplica : IAsyncLifetime
{
    private Replicas? _replicas;

    public HttpClient Client => _replicas!.Anonymous[0];

    public HttpClient Editor => _replicas!.Clients[0];

    public ValueTask InitializeAsync()
    {
        _replicas = new Replicas(1);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _replicas!.DisposeAsync();
    }
}

public sealed class BadInputTests(BadInputReplica replica) : IClassFixture<BadInputReplica>
{
    private const string None = "none";
    private const string Right = "right";
    private const string Wrong = "wrong";
    private const string Editor = "editor";
    private const string Json = "application/json";
    private const string UnknownBackup = "20990101T000000000Z-abcdef";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string?, string?, string, int> Cases => new()
    {
        // method, path, content type, body, token, expected status
        { "POST", "/api/documents", Json, Document(new string('a', 300_000)), Editor, 413 },
        { "POST", "/api/documents", "text/markdown", "# Big\n\n" + new string('a', 300_000), Editor, 413 },
        { "POST", "/api/documents/batch", Json, "{\"documents\":[" + string.Join(',', Enumerable.Repeat(Document(new string('b', 100_000)), 45)) + "]}", Editor, 413 },
        { "POST", "/api/ask", Json, "{\"question\":\"" + new string('q', 20_000) + "\"}", None, 413 },
        { "POST", "/api/documents", Json, "{\"title\": \"Unclosed\", \"text\": ", Editor, 400 },
        { "POST", "/api/documents", Json, "[1, 2, 3]", Editor, 400 },
        { "POST", "/api/documents", Json, "{\"title\": 42, \"text\": \"numbers are not titles\"}", Editor, 400 },
        { "POST", "/api/documents/batch", Json, "{\"documents\": {", Editor, 400 },
        { "POST", "/api/documents/batch", Json, "{\"documents\": []}", Editor, 400 },
        { "POST", "/api/ask", Json, "{\"question\": ", None, 400 },
        { "POST", "/api/documents", "application/xml", "<document/>", Editor, 415 },
        { "POST", "/api/documents", null, "no content type", Editor, 415 },
        { "POST", "/api/documents", "text/plain; charset=iso-8859-1", "latin", Editor, 415 },
        { "POST", "/api/documents/batch", "text/plain", "not a batch", Editor, 415 },
        { "POST", "/api/ask", "text/plain", "How do I sleep better?", None, 415 },
        { "POST", "/api/documents", Json, "{\"text\": \"no title\"}", Editor, 400 },
        { "POST", "/api/documents", Json, "{\"title\": \"No text\", \"text\": \"   \"}", Editor, 400 },
        { "POST", "/api/documents", Json, "{\"title\": \"Bad tag\", \"text\": \"t\", \"tags\": [\"../etc\"]}", Editor, 400 },
        { "POST", "/api/documents", "text/plain", "plain text with no title in the query", Editor, 400 },
        { "GET", "/api/documents/not-a-hex-id", null, null, None, 400 },
        { "GET", "/api/documents/..%2F..%2Fetc%2Fpasswd", null, null, None, 400 },
        { "DELETE", "/api/documents/..%2F..%2Fetc%2Fpasswd", null, null, Editor, 400 },
        { "GET", "/api/documents/0123456789abcdef0123456789abcdef", null, null, None, 404 },
        { "GET", "/api/documents?limit=0", null, null, None, 400 },
        { "GET", "/api/documents?limit=abc", null, null, None, 400 },
        { "GET", "/api/documents?offset=-1", null, null, None, 400 },
        { "GET", "/api/search", null, null, None, 400 },
        { "GET", "/api/search?q=%21%21%21", null, null, None, 400 },
        { "GET", "/api/search?q=sleep&k=0", null, null, None, 400 },
        { "GET", "/api/search?q=sleep&k=101", null, null, None, 400 },
        { "GET", "/api/search?q=sleep&k=two", null, null, None, 400 },
        { "POST", "/api/ask", Json, "{\"question\": \"\"}", None, 400 },
        { "POST", "/api/ask", Json, "{\"question\": \"sleep?\", \"k\": 99}", None, 400 },
        { "POST", "/backup", null, null, None, 401 },
        { "GET", "/backup", null, null, Wrong, 401 },
        { "POST", "/backup/..%2F..%2Fetc%2Fpasswd/restore", null, null, None, 401 },
        { "GET", "/backup/..%2F..%2Fetc%2Fpasswd", null, null, Right, 400 },
        { "GET", "/backup/..%2F..%2Fetc%2Fpasswd/download", null, null, Right, 400 },
        // The client collapses dot segments before sending: what arrives is an unknown path.
        { "POST", "/backup/%2E%2E/verify", null, null, Right, 404 },
        { "GET", "/backup/../../etc/passwd", null, null, Right, 404 },
        { "GET", "/backup/20990101T000000000Z-abcdef.db", null, null, Right, 400 },
        { "POST", "/backup/20990101T000000000Z-ABCDEF/restore", null, null, Right, 400 },
        { "GET", $"/backup/{UnknownBackup}", null, null, Right, 404 },
        { "GET", $"/backup/{UnknownBackup}/download", null, null, Right, 404 },
        { "POST", $"/backup/{UnknownBackup}/verify", null, null, Right, 404 },
        { "POST", $"/backup/{UnknownBackup}/restore", null, null, Right, 404 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gets_the_right_status_as_problem_details(string method, string path, string? contentType, string? body, string token, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        if (token != None)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token switch
            {
                Right => Replicas.AdminToken,
                Editor => ApiFactory.EditorToken,
                _ => "wrong-token-0123456789abcdef",
            });
        }

        var response = await replica.Client.SendAsync(request, Cancel);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (status == 401)
        {
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Backup_answers_503_when_no_admin_token_is_configured()
    {
        await using var replicas = new Replicas(1, new Dictionary<string, string?> { ["Backups:AdminToken"] = "" });

        var response = await replicas.Admins[0].PostAsync("/backup", null, Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("not configured", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    private static string Document(string text) => $"{{\"title\":\"Large\",\"text\":\"{text}\"}}";
}
