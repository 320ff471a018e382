namespace HealthAI.Edge.Policy;

/// <summary>A path the edge answers, and how.</summary>
public sealed record EdgeRoute
{
    /// <summary>Identifier used in generated names (lower-case letters, digits, '_').</summary>
    public required string Name { get; init; }

    /// <summary>Request path, starting with '/'.</summary>
    public required string Path { get; init; }

    /// <summary>Exact or prefix match.</summary>
    public PathMatch Match { get; init; } = PathMatch.Prefix;

    /// <summary>Proxy, static files or the edge's own health.</summary>
    public RouteKind Kind { get; init; } = RouteKind.Proxy;

    /// <summary>Replaces <see cref="Path"/> when forwarding (e.g. <c>/health</c> → <c>/healthz</c>); null keeps it.</summary>
    public string? UpstreamPath { get; init; }

    /// <summary>Upstream timeouts.</summary>
    public RouteTimeouts Timeouts { get; init; } = RouteTimeouts.Of(TimeSpan.FromSeconds(30));

    /// <summary>
    /// Any request here may be replayed on another upstream even after a replica may have started it:
    /// the route only reads (<c>/api/ask</c>), or its writes are content-addressed and deduplicated
    /// (<c>/api/documents</c>). Elsewhere only GET, HEAD, OPTIONS, PUT, DELETE and keyed writes are.
    /// </summary>
    public bool SafeToRepeat { get; init; }

    /// <summary>Subject to the per-client rate limit.</summary>
    public bool RateLimited { get; init; }

    /// <summary>
    /// Its requests touch the knowledge base and answer in milliseconds, but where the knowledge base can switch
    /// primary (PostgreSQL) a replica rides a switch out before it answers: there the route waits
    /// <see cref="EdgeRoutes.SwitchReadTimeout"/> instead of its own timeout (<c>EdgePlacement.KnowledgeBaseSwitchesPrimary</c> in HealthAI.Hosting).
    /// </summary>
    public bool WaitsOutPrimarySwitch { get; init; }

    /// <summary>
    /// Its writes (<see cref="EdgePolicy.WriteGroupMethods"/>) need the knowledge base's primary, which every replica loses at
    /// once while the database switches primary: they are all refused with 503 then, through no fault of any replica.
    /// Those writes go to an upstream group of their own (<see cref="EdgePolicy.WriteUpstreamGroupName"/>, the same
    /// replicas), so that their refusals, which the edge counts as failures to retry keyed writes on 503, take no replica
    /// out of rotation for reads.
    /// </summary>
    public bool WritesNeedPrimary { get; init; }

    /// <summary>
    /// Only clients in <see cref="AccessPolicy.AllowedNetworks"/> may use it; others get 403. Matched however the
    /// path is spelled: case-insensitively, on the percent-decoded path with dot segments and repeated slashes
    /// resolved, because the API's routing ignores case and Kestrel decodes and resolves the path too.
    /// </summary>
    public bool Restricted { get; init; }

    /// <summary>
    /// Writes (<see cref="EdgePolicy.WriteGroupMethods"/>) without an <c>Authorization</c> header are refused with 401 and
    /// <see cref="EdgePolicy.WriteChallenge"/> before their body is read, as the API would refuse them after it.
    /// </summary>
    public bool WritesNeedAuthorization { get; init; }

    /// <summary>Carries WebSockets: its read timeout is how long an upgraded connection may stay idle on both edges.</summary>
    public bool WebSocket { get; init; }

    /// <summary>Largest request body accepted (413 above it, from the declared length before any of it is read); null keeps the tool's default.</summary>
    public long? MaxRequestBodyBytes { get; init; }

    /// <summary>Absolute directory served by a <see cref="RouteKind.Static"/> route.</summary>
    public string? StaticDirectory { get; init; }

    /// <summary><c>Cache-Control</c> added to successful responses.</summary>
    public string? CacheControl { get; init; }

    /// <summary>Body of an <see cref="RouteKind.EdgeHealth"/> answer.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>Whether requests appear in the access log (probes every few seconds drown real traffic).</summary>
    public bool AccessLog { get; init; } = true;

    /// <summary>Whether the route forwards to the upstream group in nginx.</summary>
    public bool IsProxied => Kind == RouteKind.Proxy;
}
