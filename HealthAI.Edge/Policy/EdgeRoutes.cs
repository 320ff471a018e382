namespace HealthAI.Edge.Policy;

/// <summary>The HealthAI route table.</summary>
public static class EdgeRoutes
{
    /// <summary>One-year immutable caching for fingerprinted static assets.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>The edge's own health path (kept from the seed so existing probes work).</summary>
    public const string EdgeHealthPath = "/nginx-health";

    /// <summary>Cache-Control for files that may change under the same name.</summary>
    public const string RevalidateCacheControl = "no-cache";

    /// <summary>
    /// <c>/nginx-health</c>, <c>/health</c>, the restricted <c>/health/detailed</c>, <c>/monitoring</c>,
    /// <c>/backup</c> and <c>/faults</c>, <c>/static/</c> and <c>/</c>.
    /// </summary>
    /// <param name="staticDirectory">Absolute directory served under <c>/static/</c>.</param>
    public static IReadOnlyList<EdgeRoute> Default(string staticDirectory) =>
    [
        new()
        {
            Name = "edge_health",
            Path = EdgeHealthPath,
            Match = PathMatch.Exact,
            Kind = RouteKind.EdgeHealth,
            ResponseBody = "healthy",
            AccessLog = false,
        },
        new()
        {
            Name = "health",
            Path = "/health",
            Match = PathMatch.Exact,
            UpstreamPath = "/healthz",
            Timeouts = RouteTimeouts.Of(TimeSpan.FromSeconds(5)),
        },
        new()
        {
            // Versions, paths, free space and exception messages: for operators, not for the internet.
            Name = "health_detailed",
            Path = "/health/detailed",
            Timeouts = RouteTimeouts.Of(TimeSpan.FromSeconds(10)),
            Restricted = true,
        },
        new()
        {
            Name = "monitoring",
            Path = "/monitoring",
            Timeouts = RouteTimeouts.Of(TimeSpan.FromSeconds(60)),
            Restricted = true,
        },
        new()
        {
            Name = "backup",
            Path = "/backup",
            Timeouts = RouteTimeouts.Of(TimeSpan.FromSeconds(300)),
            Restricted = true,
            MaxRequestBodyBytes = 512L * 1024 * 1024,
        },
        new()
        {
            // The test-only fault switch (mapped only when a replica enables it): never for outsiders.
            Name = "faults",
            Path = "/faults",
            Timeouts = RouteTimeouts.Of(TimeSpan.FromSeconds(10)),
            Restricted = true,
        },
        new()
        {
            // The page's entry point: its assets carry content hashes and are immutable, but the page
            // itself must be revalidated or a browser would keep an old one for a year.
            Name = "static_index",
            Path = "/static/index.html",
            Match = PathMatch.Exact,
            Kind = RouteKind.Static,
            StaticDirectory = staticDirectory.TrimEnd('/') + "/index.html",
            CacheControl = RevalidateCacheControl,
        },
        new()
        {
            Name = "static",
            Path = "/static/",
            Kind = RouteKind.Static,
            StaticDirectory = staticDirectory,
            CacheControl = ImmutableCacheControl,
        },
        new()
        {
            Name = "api",
            Path = "/",
            Timeouts = RouteTimeouts.Of(TimeSpan.FromSeconds(30)),
            RateLimited = true,
            MaxRequestBodyBytes = 10L * 1024 * 1024,
        },
    ];
}
