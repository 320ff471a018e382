using System.Net;
using HealthAI.ServiceDefaults;

namespace HealthAI.AppHost.Tests;

/// <summary>
/// Restricted routes stay restricted however the path is spelled, on real nginx and real HAProxy, and the
/// replicas refuse outsiders themselves. The launcher allows only 127.0.0.1/32, so other loopback addresses
/// are outsiders.
/// </summary>
[Collection(HealthAIAppGroup.Name)]
public sealed class RestrictedPathTests(HealthAIAppFixture fixture)
{
    /// <summary>Each spelling names a restricted endpoint to Kestrel (case-insensitive routing, percent-decoding, dot segments).</summary>
    public static TheoryData<string, string> Spellings()
    {
        string[] paths =
        [
            "/monitoring/export", "/MONITORING/EXPORT", "/Monitoring/export", "/%6Donitoring/export", "/%6donitoring/%65xport",
            "/monitoring%2Fexport", "/%2Fmonitoring/export", "//monitoring/export", "/./monitoring/export", "/x/../monitoring/export",
            "/x/%2e%2e/monitoring/export", "/static/../monitoring/export",
            "/health/detailed", "/HEALTH/DETAILED", "/health/%64etailed", "/health//detailed", "/health/./detailed",
            "/backup", "/BACKUP", "/%62ackup", "/%42ackup/", "//backup", "/./backup", "/x/../backup",
            "/faults", "/FAULTS", "/%66aults", "//faults",
        ];
        var data = new TheoryData<string, string>();
        foreach (var edge in HealthAIAppFixture.Edges)
        {
            foreach (var path in paths)
            {
                data.Add(edge, path);
            }
        }

        return data;
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task The_edge_refuses_an_outsider_every_spelling_of_a_restricted_path(string edge, string path)
    {
        using var outsider = LoopbackClients.Create(Source(edge, 1), fixture.EdgeCertificate);
        using var insider = LoopbackClients.Create("127.0.0.1", fixture.EdgeCertificate);

        var refused = await outsider.GetAsync(RawUri(edge, path), Cancel);
        var allowed = await insider.GetAsync(RawUri(edge, path), Cancel);

        TestContext.Current.TestOutputHelper?.WriteLine($"{edge} {path}: outsider {(int)refused.StatusCode}, insider {(int)allowed.StatusCode}");
        // The edge answers (no replica header): the request never reached a replica. HAProxy cannot resolve '..'
        // without its experimental normalize-uri, so it refuses paths that climb with 400 for everyone.
        var climbs = ClimbsOnHaproxy(edge, path);
        Assert.Equal(climbs ? HttpStatusCode.BadRequest : HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(refused.Headers.Contains(ReplicaHeaders.Instance), $"{edge} let {path} reach a replica");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual(HttpStatusCode.Forbidden, allowed.StatusCode);
    }

    [Theory]
    [InlineData("nginx", "/MONITORING/EXPORT")]
    [InlineData("haproxy", "/MONITORING/EXPORT")]
    [InlineData("nginx", "/%6Donitoring/export")]
    [InlineData("haproxy", "/%6Donitoring/export")]
    [InlineData("nginx", "/x/../monitoring/export")]
    public async Task An_insider_gets_the_restricted_endpoint_however_it_is_spelled(string edge, string path)
    {
        using var insider = LoopbackClients.Create("127.0.0.1", fixture.EdgeCertificate);

        var response = await insider.GetAsync(RawUri(edge, path), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("healthai_replica=", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/monitoring/export")]
    [InlineData("/MONITORING/EXPORT")]
    [InlineData("/health/detailed")]
    [InlineData("/Health/Detailed")]
    [InlineData("/backup")]
    [InlineData("/%62ackup")]
    [InlineData("/faults")]
    public async Task A_replica_refuses_an_outsider_that_bypasses_the_edge(string path)
    {
        using var outsider = LoopbackClients.Create("127.72.0.1");
        var replica = fixture.Endpoint(HealthAIAppFixture.Primaries[0]);

        var direct = await outsider.GetAsync(RawUri(replica, path), Cancel);
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, RawUri(replica, path));
        spoofed.Headers.Add("X-Forwarded-For", "127.0.0.1");
        var forged = await outsider.SendAsync(spoofed, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
        Assert.Equal("application/problem+json", direct.Content.Headers.ContentType?.MediaType);
        // Only the edges' addresses are trusted proxies: an outsider's own X-Forwarded-For is ignored.
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    [Fact]
    public async Task Open_endpoints_stay_open_to_outsiders_through_both_edges()
    {
        foreach (var edge in HealthAIAppFixture.Edges)
        {
            using var outsider = LoopbackClients.Create(Source(edge, 2), fixture.EdgeCertificate);
            foreach (var path in new[] { "/health", "/", "/api/search?q=fever", "/static/robots.txt" })
            {
                var response = await outsider.GetAsync(RawUri(edge, path), Cancel);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{edge} {path}: {(int)response.StatusCode}");
            }
        }
    }

    [Theory]
    [InlineData("nginx", "/stub_status", HttpStatusCode.Forbidden)]
    [InlineData("nginx", "/STUB_STATUS", HttpStatusCode.NotFound)]
    [InlineData("nginx", "/%73tub_status", HttpStatusCode.Forbidden)]
    [InlineData("haproxy", "/stats", HttpStatusCode.Forbidden)]
    [InlineData("haproxy", "/STATS", HttpStatusCode.Forbidden)]
    [InlineData("haproxy", "/metrics", HttpStatusCode.Forbidden)]
    [InlineData("haproxy", "/%6Detrics", HttpStatusCode.Forbidden)]
    public async Task Status_pages_refuse_outsiders_however_the_path_is_spelled(string edge, string path, HttpStatusCode expected)
    {
        using var outsider = LoopbackClients.Create(Source(edge, 3));

        var response = await outsider.GetAsync(RawUri(fixture.Endpoint(edge, "status"), path), Cancel);

        // HAProxy refuses the whole status listener; nginx's status server serves one exact path, 404 for any other.
        Assert.Equal(expected, response.StatusCode);
    }

    private static bool ClimbsOnHaproxy(string edge, string path) =>
        edge == "haproxy" && (path.Contains("/../", StringComparison.Ordinal) || path.Contains("/%2e%2e/", StringComparison.OrdinalIgnoreCase));

    private Uri RawUri(string edge, string path) => RawUri(fixture.Endpoint(edge, "https"), path);

    // Without this, System.Uri would resolve '/./' and '/../' and unescape '%6D' before the request left.
    private static Uri RawUri(Uri endpoint, string path) =>
        new(endpoint.GetLeftPart(UriPartial.Authority) + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    private static string Source(string edge, int test) => $"127.{(edge == "nginx" ? 70 : 71)}.0.{test}";
}
