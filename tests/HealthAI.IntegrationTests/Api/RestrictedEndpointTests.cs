using System.Net;
using Microsoft.AspNetCore.Http;

namespace HealthAI.Api.Tests;

/// <summary>
/// The replica refuses its restricted endpoints (detailed health, metrics, backups, faults) to clients outside
/// the allow-list itself, however the path is spelled, so a misconfigured edge is not the only guard.
/// </summary>
public sealed class RestrictedEndpointTests
{
    private const string Insider = "127.0.0.1";
    private const string Outsider = "127.0.0.2";
    private const string Edge = "127.0.0.1";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["NetworkAccess:AllowedNetworks:0"] = $"{Insider}/32",
        ["NetworkAccess:TrustedProxies:0"] = $"{Edge}/32",
        ["Faults:Enabled"] = "true",
        ["Backups:AdminToken"] = "restricted-endpoint-test-token",
        ["Backups:ManifestKey"] = Replicas.ManifestKey,
    };

    /// <summary>Spellings of every restricted endpoint; each must reach the endpoint for an insider or reach nothing.</summary>
    public static TheoryData<string> Spellings =>
    [
        "/health/detailed", "/HEALTH/DETAILED", "/Health/Detailed/", "/health/%64etailed",
        "/monitoring/export", "/MONITORING/EXPORT", "/Monitoring/export", "/%6Donitoring/export", "/%6donitoring/%65XPORT",
        "/monitoring%2Fexport", "//monitoring/export", "/./monitoring/export", "/x/../monitoring/export",
        "/backup", "/BACKUP", "/Backup/", "/%62ackup", "/%42ACKUP",
        "/faults", "/FAULTS", "/%66aults", "/Faults/",
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task An_outsider_is_refused_every_spelling_that_reaches_a_restricted_endpoint(string path)
    {
        await using var api = new ApiFactory(Settings);

        var insider = await GetAsync(api, path, Insider);
        var outsider = await GetAsync(api, path, Outsider);

        TestContext.Current.TestOutputHelper?.WriteLine($"{path}: insider {(int)insider.Response.StatusCode}, outsider {(int)outsider.Response.StatusCode}");
        if (insider.Response.StatusCode == StatusCodes.Status404NotFound)
        {
            // The spelling reaches no endpoint at all: nothing to protect, and the outsider learns nothing more.
            Assert.Equal(StatusCodes.Status404NotFound, outsider.Response.StatusCode);
        }
        else
        {
            Assert.Equal(StatusCodes.Status403Forbidden, outsider.Response.StatusCode);
            Assert.StartsWith("application/problem+json", outsider.Response.ContentType, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/health/detailed", StatusCodes.Status200OK)]
    [InlineData("/HEALTH/DETAILED", StatusCodes.Status200OK)]
    [InlineData("/%6Donitoring/export", StatusCodes.Status200OK)]
    [InlineData("/MONITORING/EXPORT", StatusCodes.Status200OK)]
    [InlineData("/BACKUP", StatusCodes.Status401Unauthorized)]
    [InlineData("/%66aults", StatusCodes.Status200OK)]
    public async Task An_insider_reaches_the_endpoint_however_the_path_is_spelled(string path, int expected)
    {
        await using var api = new ApiFactory(Settings);

        var insider = await GetAsync(api, path, Insider);

        Assert.Equal(expected, insider.Response.StatusCode);
    }

    [Fact]
    public async Task Open_endpoints_stay_open_to_outsiders()
    {
        await using var api = new ApiFactory(Settings);

        foreach (var path in new[] { "/healthz", "/readyz", "/api/search?q=fever" })
        {
            var outsider = await GetAsync(api, path, Outsider);
            Assert.True(outsider.Response.StatusCode == StatusCodes.Status200OK, $"{path} gave {outsider.Response.StatusCode} to an outsider");
        }
    }

    [Fact]
    public async Task Only_a_trusted_proxy_s_X_Forwarded_For_names_the_client()
    {
        await using var api = new ApiFactory(Settings);

        var forwardedOutsider = await GetAsync(api, "/monitoring/export", Edge, forwardedFor: Outsider);
        var forwardedInsider = await GetAsync(api, "/monitoring/export", Edge, forwardedFor: Insider);
        // A client that appends its own claim still ends up judged by the address the edge added last.
        var spoofedThroughEdge = await GetAsync(api, "/monitoring/export", Edge, forwardedFor: $"{Insider}, {Outsider}");
        var spoofedDirectly = await GetAsync(api, "/monitoring/export", Outsider, forwardedFor: Insider);

        Assert.Equal(StatusCodes.Status403Forbidden, forwardedOutsider.Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, forwardedInsider.Response.StatusCode);
        Assert.Equal(StatusCodes.Status403Forbidden, spoofedThroughEdge.Response.StatusCode);
        Assert.Equal(StatusCodes.Status403Forbidden, spoofedDirectly.Response.StatusCode);
    }

    /// <summary>X-Forwarded-For values a trusted proxy may pass on whose client the replica cannot read (a second header when not null).</summary>
    public static TheoryData<string, string?> UnreadableForwardedFor => new()
    {
        { "\"", null },
        { "\", 198.51.100.7", null },
        { "not-an-address", null },
        { "198.51.100.7.1", null },
        { "", null },
        { Insider, "garbage" },
    };

    [Theory]
    [MemberData(nameof(UnreadableForwardedFor))]
    public async Task A_trusted_proxy_whose_forwarded_client_cannot_be_read_is_refused_restricted_endpoints(string forwardedFor, string? second)
    {
        await using var api = new ApiFactory(Settings);
        string[] values = second is null ? [forwardedFor] : [forwardedFor, second];

        var restricted = await GetAsync(api, "/health/detailed", Edge, headers => headers["X-Forwarded-For"] = values);
        var open = await GetAsync(api, "/healthz", Edge, headers => headers["X-Forwarded-For"] = values);

        // Without the check the proxy's own address, an insider's, would be judged and admitted.
        Assert.Equal(StatusCodes.Status403Forbidden, restricted.Response.StatusCode);
        Assert.StartsWith("application/problem+json", restricted.Response.ContentType, StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status200OK, open.Response.StatusCode);
    }

    [Fact]
    public async Task A_client_named_only_in_a_Forwarded_header_is_no_client_the_replica_can_judge()
    {
        await using var api = new ApiFactory(Settings);

        var onlyForwarded = await GetAsync(api, "/health/detailed", Edge, headers => headers["Forwarded"] = $"for={Insider}");
        var both = await GetAsync(api, "/health/detailed", Edge, headers =>
        {
            headers["Forwarded"] = $"for={Outsider}";
            headers["X-Forwarded-For"] = Insider;
        });
        var fromOutsider = await GetAsync(api, "/health/detailed", Outsider, headers => headers["X-Forwarded-For"] = "\"");

        Assert.Equal(StatusCodes.Status403Forbidden, onlyForwarded.Response.StatusCode);
        // X-Forwarded-For named the client; the Forwarded header is not read, as before.
        Assert.Equal(StatusCodes.Status200OK, both.Response.StatusCode);
        Assert.Equal(StatusCodes.Status403Forbidden, fromOutsider.Response.StatusCode);
    }

    [Fact]
    public async Task A_readable_last_entry_across_several_headers_names_the_client()
    {
        await using var api = new ApiFactory(Settings);

        var insider = await GetAsync(api, "/health/detailed", Edge, headers => headers["X-Forwarded-For"] = new[] { "garbage", Insider });
        var outsider = await GetAsync(api, "/health/detailed", Edge, headers => headers["X-Forwarded-For"] = new[] { Insider, Outsider });

        Assert.Equal(StatusCodes.Status200OK, insider.Response.StatusCode);
        Assert.Equal(StatusCodes.Status403Forbidden, outsider.Response.StatusCode);
    }

    [Fact]
    public async Task An_empty_allow_list_refuses_everyone_with_an_address()
    {
        // As the AppHost passes an empty list: the key with an empty value, no entries.
        var settings = Settings.Where(s => !s.Key.StartsWith("NetworkAccess:AllowedNetworks", StringComparison.Ordinal)).ToDictionary();
        settings["NetworkAccess:AllowedNetworks"] = "";
        await using var api = new ApiFactory(settings);

        var insider = await GetAsync(api, "/health/detailed", Insider);

        Assert.Equal(StatusCodes.Status403Forbidden, insider.Response.StatusCode);
    }

    private static Task<HttpContext> GetAsync(ApiFactory api, string rawPath, string client, string? forwardedFor = null) =>
        GetAsync(api, rawPath, client, headers =>
        {
            if (forwardedFor is not null)
            {
                headers["X-Forwarded-For"] = forwardedFor;
            }
        });

    private static Task<HttpContext> GetAsync(ApiFactory api, string rawPath, string client, Action<IHeaderDictionary> headers)
    {
        _ = api.Server;
        var query = rawPath.IndexOf('?', StringComparison.Ordinal);
        return api.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            // As Kestrel does: percent-decoded, except %2F, which stays encoded so it cannot become a separator.
            context.Request.Path = PathString.FromUriComponent(query < 0 ? rawPath : rawPath[..query]);
            context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(rawPath[query..]);
            context.Connection.RemoteIpAddress = IPAddress.Parse(client);
            headers(context.Request.Headers);
        }, Cancel);
    }
}
