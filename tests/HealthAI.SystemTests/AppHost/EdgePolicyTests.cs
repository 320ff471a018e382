using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.WebSockets;
using System.Security.Authentication;
using System.Text;

namespace HealthAI.AppHost.Tests;

/// <summary>The edge's policies, proven against real nginx and real HAProxy.</summary>
[Collection(HealthAIAppGroup.Name)]
public sealed class EdgePolicyTests(HealthAIAppFixture fixture)
{
    private static readonly string[] SecurityHeaders =
        ["X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Strict-Transport-Security", "X-XSS-Protection"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task A_flooding_client_gets_429_with_Retry_After_while_another_client_keeps_its_service(string edge)
    {
        var limited = await ClientAddressChecks.FloodingClientAloneIsLimitedAsync(
            fixture.Endpoint(edge, "https"), fixture.EdgeCertificate, Source(edge, 1, 1), Source(edge, 1, 2), Cancel);

        Assert.All(limited, r =>
        {
            Assert.True(int.TryParse(r.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture, out var seconds) && seconds > 0);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        });
        AssertSecurityHeaders(limited[0], "429");
    }

    [Theory]
    [InlineData("nginx", "/", HttpStatusCode.OK)]
    [InlineData("haproxy", "/", HttpStatusCode.OK)]
    [InlineData("nginx", "/no/such/page", HttpStatusCode.NotFound)]
    [InlineData("haproxy", "/no/such/page", HttpStatusCode.NotFound)]
    [InlineData("nginx", "/static/robots.txt", HttpStatusCode.OK)]
    [InlineData("haproxy", "/static/robots.txt", HttpStatusCode.OK)]
    public async Task Security_headers_are_on_every_response(string edge, string path, HttpStatusCode expected)
    {
        using var client = LoopbackClients.Create(Source(edge, 2, 1), fixture.EdgeCertificate);

        var response = await client.GetAsync(new Uri(fixture.Endpoint(edge, "https"), path), Cancel);

        Assert.Equal(expected, response.StatusCode);
        AssertSecurityHeaders(response, path);
        Assert.Equal("0", response.Headers.GetValues("X-XSS-Protection").Single());
        Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("X-Request-ID").Single()));
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task Static_files_are_cached_for_a_year_as_immutable(string edge)
    {
        using var client = LoopbackClients.Create(Source(edge, 2, 2), fixture.EdgeCertificate);

        var response = await client.GetAsync(new Uri(fixture.Endpoint(edge, "https"), "/static/robots.txt"), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Disallow", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var cache = response.Headers.CacheControl;
        Assert.NotNull(cache);
        Assert.True(cache.Public);
        Assert.Equal(TimeSpan.FromDays(365), cache.MaxAge);
        Assert.Contains(cache.Extensions, e => e.Name == "immutable");
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task The_question_page_is_revalidated_and_a_browser_asking_for_the_root_is_sent_to_it(string edge)
    {
        using var client = LoopbackClients.Create(Source(edge, 2, 3), fixture.EdgeCertificate);
        using var browser = new HttpRequestMessage(HttpMethod.Get, fixture.Endpoint(edge, "https"));
        browser.Headers.Accept.ParseAdd("text/html");

        var redirect = await client.SendAsync(browser, Cancel);
        var page = await client.GetAsync(new Uri(fixture.Endpoint(edge, "https"), "/static/index.html"), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/static/index.html", redirect.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.CacheControl?.NoCache, $"index.html has Cache-Control '{page.Headers.CacheControl}'");
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(Cancel), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task A_traceparent_crosses_the_edge_into_the_replica_s_trace(string edge)
    {
        using var client = LoopbackClients.Create(Source(edge, 8, 1), fixture.EdgeCertificate);
        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.Endpoint(edge, "https"));
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        var response = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("00-0af7651916cd43dd8448eb211c80319c-", response.Headers.GetValues("traceresponse").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task Plain_HTTP_is_redirected_to_HTTPS_keeping_path_and_query(string edge)
    {
        using var client = LoopbackClients.Create(Source(edge, 3, 1));
        var http = fixture.Endpoint(edge, "http");
        var https = fixture.Endpoint(edge, "https");

        var response = await client.GetAsync(new Uri(http, "/api/search?q=flu%20shot&k=3"), Cancel);

        // 308: a POST stays a POST.
        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        var location = response.Headers.Location;
        Assert.NotNull(location);
        Assert.Equal("https", location.Scheme);
        Assert.Equal(https.Port, location.Port);
        Assert.Equal("/api/search?q=flu%20shot&k=3", location.PathAndQuery);
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task The_edge_answers_its_own_health_on_plain_HTTP(string edge)
    {
        using var client = LoopbackClients.Create(Source(edge, 3, 2));

        var response = await client.GetAsync(new Uri(fixture.Endpoint(edge, "http"), "/nginx-health"), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", (await response.Content.ReadAsStringAsync(Cancel)).Trim());
    }

    [Theory]
    [InlineData("nginx", SslProtocols.Tls12)]
    [InlineData("nginx", SslProtocols.Tls13)]
    [InlineData("haproxy", SslProtocols.Tls12)]
    [InlineData("haproxy", SslProtocols.Tls13)]
    public async Task TLS_1_2_and_1_3_are_accepted(string edge, SslProtocols protocol)
    {
        using var client = LoopbackClients.Create(Source(edge, 4, (int)protocol % 200), fixture.EdgeCertificate, protocol);

        var response = await client.GetAsync(fixture.Endpoint(edge, "https"), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task TLS_1_1_is_refused(string edge)
    {
#pragma warning disable SYSLIB0039, CA5397 // The point is to offer the obsolete protocol and see it refused.
        using var client = LoopbackClients.Create(Source(edge, 5, 1), fixture.EdgeCertificate, SslProtocols.Tls11);
#pragma warning restore SYSLIB0039, CA5397

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(fixture.Endpoint(edge, "https"), Cancel));

        Assert.Equal(HttpRequestError.SecureConnectionError, error.HttpRequestError);
    }

    [Theory]
    [InlineData("nginx", "/monitoring/export")]
    [InlineData("haproxy", "/monitoring/export")]
    [InlineData("nginx", "/backup")]
    [InlineData("haproxy", "/backup")]
    public async Task Restricted_routes_are_403_outside_the_allow_list(string edge, string path)
    {
        using var outsider = LoopbackClients.Create(Source(edge, 6, 1), fixture.EdgeCertificate);

        var response = await outsider.GetAsync(new Uri(fixture.Endpoint(edge, "https"), path), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(response, path);
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task Restricted_routes_answer_inside_the_allow_list(string edge)
    {
        using var insider = LoopbackClients.Create("127.0.0.1", fixture.EdgeCertificate);

        var response = await insider.GetAsync(new Uri(fixture.Endpoint(edge, "https"), "/monitoring/export"), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("healthai_replica=", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        await ClientAddressChecks.AllowListTellsClientsApartAsync(fixture.Endpoint(edge, "https"), fixture.EdgeCertificate, "127.0.0.1", Source(edge, 6, 2), Cancel);
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task WebSockets_pass_through_the_edge(string edge)
    {
        using var socket = new ClientWebSocket();
        socket.Options.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None || certificate?.GetCertHashString() == fixture.EdgeCertificate.GetCertHashString();
        var https = fixture.Endpoint(edge, "https");
        var wss = new UriBuilder(https) { Scheme = "wss", Host = "127.0.0.1", Path = "/ws/echo" }.Uri;

        await socket.ConnectAsync(wss, Cancel);
        await socket.SendAsync(Encoding.UTF8.GetBytes("through the edge"), WebSocketMessageType.Text, true, Cancel);
        var buffer = new byte[256];
        var received = await socket.ReceiveAsync(buffer, Cancel);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Cancel);

        Assert.Equal("through the edge", Encoding.UTF8.GetString(buffer, 0, received.Count));
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task Upstream_connections_are_reused_across_requests(string edge)
    {
        const int requests = 120;
        var before = await UpstreamConnectionsOpenedAsync();
        var clock = Stopwatch.StartNew();

        var outcomes = await EdgeTraffic.SendAsync(fixture, edge, "/", requests, [.. Enumerable.Range(1, 6).Select(i => Source(edge, 7, i))], Cancel);
        var busy = clock.Elapsed;
        var afterTraffic = await UpstreamConnectionsOpenedAsync();
        // HAProxy's probes (eight servers, every 250 to 500 ms) and the scrapes open connections of their own, as many
        // as the time the requests took: an idle stretch as long counts them, so that a slow machine is not read as
        // requests opening connections.
        await Task.Delay(busy, Cancel);
        var probes = await UpstreamConnectionsOpenedAsync() - afterTraffic;
        var opened = afterTraffic - before - probes;

        Assert.All(outcomes, o => Assert.True(o.Succeeded, $"request failed: {o}"));
        // Requests must not open one each.
        Assert.True(opened < requests / 4, $"{requests} requests through {edge} opened {opened} upstream connections beyond the {probes} that probes and scrapes opened in as long ({busy.TotalSeconds:0.0} s)");
    }

    // Connections each replica has accepted so far: those closed (counted by the duration histogram) plus those open.
    private async Task<double> UpstreamConnectionsOpenedAsync()
    {
        using var client = new HttpClient();
        double total = 0;
        foreach (var replica in HealthAIAppFixture.Replicas)
        {
            var exposition = await client.GetStringAsync(new Uri(fixture.Endpoint(replica), "/monitoring/export"), Cancel);
            total += SumOf(exposition, "kestrel_connection_duration_seconds_count") + SumOf(exposition, "kestrel_active_connections");
        }

        return total;
    }

    private static double SumOf(string exposition, string metric) => exposition
        .Split('\n')
        .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
        .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    private static void AssertSecurityHeaders(HttpResponseMessage response, string what)
    {
        foreach (var header in SecurityHeaders)
        {
            Assert.True(response.Headers.Contains(header), $"{header} missing on {(int)response.StatusCode} for {what}");
        }
    }

    private static string Source(string edge, int test, int client) => $"127.{(edge == "nginx" ? 40 : 50) + test}.0.{client}";
}
