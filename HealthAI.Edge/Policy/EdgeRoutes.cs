namespace HealthAI.Edge.Policy;

/// <summary>The HealthAI route table.</summary>
public static class EdgeRoutes
{
    /// <summary>One-year immutable caching for fingerprinted static assets.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>The edge's own health path (the path load balancers and probes conventionally use for nginx).</summary>
    public const string EdgeHealthPath = "/nginx-health";

    /// <summary>The replicas' liveness as clients reach it through the edge (a replica's own path is <c>/healthz</c>).</summary>
    public const string HealthPath = "/health";

    /// <summary>The ask route's name: with a model configured, its read timeout must cover the replicas' model budget (the AppHost derives and checks it).</summary>
    public const string AskRouteName = "api_ask";

    /// <summary>
    /// The API's admin group (backups, re-embedding): one restricted route, as the API declares it one group
    /// (<c>AdminRoutes</c>) guarded by the allowed networks and the admin token.
    /// </summary>
    public const string AdminPath = "/backup";

    /// <summary>Cache-Control for files that may change under the same name.</summary>
    public const string RevalidateCacheControl = "no-cache";

    /// <summary>
    /// <c>/nginx-health</c>, <c>/health</c>, the restricted <c>/health/detailed</c>, <c>/monitoring</c>,
    /// <c>/backup</c> and <c>/faults</c>, <c>/static/</c>, the API's search, ask, documents and WebSocket
    /// routes, each with the timeout it needs, and <c>/</c>.
    /// </summary>
    /// <param name="staticDirectory">Absolute directory served under <c>/static/</c>.</param>
    /// <param name="bodyLimits">What the API accepts on each route; null takes the API's defaults.</param>
    public static IReadOnlyList<EdgeRoute> Default(string staticDirectory, RequestBodyLimits? bodyLimits = null) => Routes(staticDirectory, bodyLimits ?? RequestBodyLimits.Default);

    private static IReadOnlyList<EdgeRoute> Routes(string staticDirectory, RequestBodyLimits bodyLimits) =>
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
            Path = HealthPath,
            Match = PathMatch.Exact,
            UpstreamPath = "/healthz",
            Timeouts = RouteTimeouts.Of(ShortReadTimeout),
            MaxRequestBodyBytes = bodyLimits.NoBodyBytes,
        },
        new()
        {
            // Versions, paths, free space and exception messages: for operators, not for the internet.
            Name = "health_detailed",
            Path = "/health/detailed",
            Timeouts = RouteTimeouts.Of(TimeSpan.FromSeconds(10)),
            Restricted = true,
            MaxRequestBodyBytes = bodyLimits.NoBodyBytes,
        },
        new()
        {
            Name = "monitoring",
            Path = "/monitoring",
            Timeouts = RouteTimeouts.Of(TimeSpan.FromSeconds(60)),
            Restricted = true,
            MaxRequestBodyBytes = bodyLimits.NoBodyBytes,
        },
        new()
        {
            Name = "backup",
            Path = AdminPath,
            Timeouts = RouteTimeouts.Of(TimeSpan.FromSeconds(300)),
            Restricted = true,
            // Every admin call is a bodiless POST or a GET: a backup is taken, never uploaded.
            MaxRequestBodyBytes = bodyLimits.NoBodyBytes,
        },
        new()
        {
            // The test-only fault switch (mapped only when a replica enables it): never for outsiders.
            Name = "faults",
            Path = "/faults",
            Timeouts = RouteTimeouts.Of(TimeSpan.FromSeconds(10)),
            Restricted = true,
            MaxRequestBodyBytes = bodyLimits.NoBodyBytes,
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
            MaxRequestBodyBytes = bodyLimits.NoBodyBytes,
        },
        new()
        {
            Name = "static",
            Path = "/static/",
            Kind = RouteKind.Static,
            StaticDirectory = staticDirectory,
            CacheControl = ImmutableCacheControl,
            MaxRequestBodyBytes = bodyLimits.NoBodyBytes,
        },
        new()
        {
            // A search reads an FTS index: milliseconds. A short read timeout is what bounds the wait of
            // a search caught on a hanging replica before it is replayed on another.
            Name = "api_search",
            Path = "/api/search",
            Timeouts = RouteTimeouts.Of(ShortReadTimeout),
            RateLimited = true,
            MaxRequestBodyBytes = bodyLimits.NoBodyBytes,
        },
        new()
        {
            // Asking only reads, so any ask may be replayed. An extractive answer takes milliseconds; with a model
            // configured the AppHost sets the model's budget plus a margin (HealthAI:Replicas:Model), and HAProxy's
            // probes take a hanging replica out within 2 s.
            Name = AskRouteName,
            Path = "/api/ask",
            Match = PathMatch.Exact,
            Timeouts = RouteTimeouts.Of(ShortReadTimeout),
            WaitsOutPrimarySwitch = true,
            SafeToRepeat = true,
            RateLimited = true,
            MaxRequestBodyBytes = bodyLimits.AskBytes,
        },
        new()
        {
            // A batch is up to the API's 4 MiB: storing one takes 1 to 4 s on 2 busy cores, behind the knowledge
            // base's busy wait. It is content-addressed like a single ingest, so it may be replayed, and HAProxy's
            // probes take a hanging replica out of rotation within about 2 s; a batch already on it waits the timeout.
            Name = "api_documents_batch",
            Path = "/api/documents/batch",
            Match = PathMatch.Exact,
            Timeouts = RouteTimeouts.Of(BatchReadTimeout),
            SafeToRepeat = true,
            WritesNeedPrimary = true,
            RateLimited = true,
            MaxRequestBodyBytes = bodyLimits.BatchBytes + bodyLimits.Margin,
            WritesNeedAuthorization = true,
        },
        new()
        {
            // Documents are content-addressed and stored with "on conflict do nothing": a replayed ingest stores
            // nothing twice, a replayed delete leaves the document deleted. One document is stored in milliseconds,
            // once the replica has the knowledge base's write lock (WriteReadTimeout).
            Name = "api_documents",
            Path = "/api/documents",
            Timeouts = RouteTimeouts.Of(WriteReadTimeout),
            SafeToRepeat = true,
            WritesNeedPrimary = true,
            RateLimited = true,
            MaxRequestBodyBytes = bodyLimits.DocumentBytes + bodyLimits.Margin,
            WritesNeedAuthorization = true,
        },
        new()
        {
            // A WebSocket's read timeout is how long it may stay idle, on both edges (HAProxy's tunnel timeout).
            Name = "websocket",
            Path = "/ws/",
            Timeouts = RouteTimeouts.Of(TimeSpan.FromSeconds(30)),
            RateLimited = true,
            MaxRequestBodyBytes = bodyLimits.NoBodyBytes,
            WebSocket = true,
        },
        new()
        {
            // The service info, the health endpoints and anything else: all answer in milliseconds.
            Name = "api",
            Path = "/",
            Timeouts = RouteTimeouts.Of(ShortReadTimeout),
            RateLimited = true,
            MaxRequestBodyBytes = bodyLimits.NoBodyBytes,
        },
    ];

    /// <summary>
    /// Read timeout of routes that answer in milliseconds: well above a loaded replica's worst pauses (over
    /// 3 s at the p99 while it warms up on two saturated cores), short enough that a request caught on a
    /// hanging replica is replayed within the 3 s the edges aim for. It is also how long nginx, which has
    /// no probes, needs to notice a hanging replica.
    /// </summary>
    public static TimeSpan ShortReadTimeout { get; } = TimeSpan.FromMilliseconds(2500);

    /// <summary>Read timeout of a batch ingest at the API's largest batch.</summary>
    public static TimeSpan BatchReadTimeout { get; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Read timeout of single-document writes. A write waits for the knowledge base's write lock, which on SQLite is
    /// one for all replicas: up to the busy timeout (5 s) behind other replicas' writes, or through a switch of
    /// primary on PostgreSQL, after which the replica answers 503 + Retry-After itself. A shorter route would replay
    /// the write on replicas waiting for the same lock; when the lock's holder hangs, the replays run out before it
    /// wakes and the write fails instead of waiting.
    /// </summary>
    public static TimeSpan WriteReadTimeout { get; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Read timeout of asks where the knowledge base can switch primary (<see cref="EdgeRoute.WaitsOutPrimarySwitch"/>).
    /// While it switches, a replica rides the switch out for up to its read budget (5 s), or finds there is no primary
    /// after its connect timeout (3 s), and then answers itself; a shorter route replays those requests on replicas
    /// caught in the same switch, and the extra load makes reads fail.
    /// </summary>
    public static TimeSpan SwitchReadTimeout { get; } = TimeSpan.FromSeconds(8);
}
