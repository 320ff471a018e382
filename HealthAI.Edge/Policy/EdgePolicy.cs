namespace HealthAI.Edge.Policy;

/// <summary>
/// The whole edge policy: one model that <c>NginxConfigRenderer</c> and <c>HaproxyConfigRenderer</c> render.
/// Build it with <see cref="Default"/> and adjust with <c>with</c>; renderers call <see cref="EnsureValid"/>.
/// </summary>
public sealed record EdgePolicy
{
    /// <summary>API replicas, primaries and backups, in a stable order.</summary>
    public required IReadOnlyList<Upstream> Upstreams { get; init; }

    /// <summary>Files of the host process.</summary>
    public required EdgeHostPaths HostPaths { get; init; }

    /// <summary>Internal status port and stats credentials.</summary>
    public required StatusEndpointPolicy Status { get; init; }

    /// <summary>Name of the upstream group (nginx <c>upstream</c>, HAProxy <c>backend</c>).</summary>
    public string UpstreamGroupName { get; init; } = DefaultUpstreamGroupName;

    /// <summary>The upstream group's name unless a policy sets its own (what the AppHost's edges use).</summary>
    public const string DefaultUpstreamGroupName = "healthai_backend";

    /// <summary>The upstream group of the writes of routes with <see cref="EdgeRoute.WritesNeedPrimary"/>: the same replicas, judged apart.</summary>
    public string WriteUpstreamGroupName => UpstreamGroupName + "_writes";

    /// <summary>
    /// Methods that send a request to a <see cref="EdgeRoute.WritesNeedPrimary"/> route to <see cref="WriteUpstreamGroupName"/>:
    /// every method that changes state, unlike <see cref="RetryPolicy.WriteMethods"/> (the ones replayed only with a key).
    /// </summary>
    public IReadOnlyList<string> WriteGroupMethods { get; init; } = ["POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Routes whose writes go to <see cref="WriteUpstreamGroupName"/>.</summary>
    public IReadOnlyList<EdgeRoute> RoutesWithWriteGroup => [.. Routes.Where(r => r.IsProxied && r.WritesNeedPrimary)];

    /// <summary>The <c>WWW-Authenticate</c> challenge of the edge's 401 to anonymous writes: the API's editor realm.</summary>
    public string WriteChallenge { get; init; } = "Bearer realm=\"healthai-editor\"";

    /// <summary>Headers that ask a replica for injected faults, removed from every request.</summary>
    public FaultHeaders FaultHeaders { get; init; } = FaultHeaders.Default;

    /// <summary>Routes whose writes need an <c>Authorization</c> header.</summary>
    public IReadOnlyList<EdgeRoute> RoutesWithAuthorizedWrites => [.. Routes.Where(r => r.IsProxied && r.WritesNeedAuthorization)];

    /// <summary>How long an upgraded WebSocket may stay idle: the longest read timeout of the WebSocket routes, 30 s without one.</summary>
    public TimeSpan WebSocketIdleTimeout =>
        Routes.Where(r => r.WebSocket).Select(r => r.Timeouts.Read).DefaultIfEmpty(TimeSpan.FromSeconds(30)).Max();

    /// <summary>nginx <c>server_name</c>; <c>_</c> answers any host.</summary>
    public string ServerName { get; init; } = "_";

    /// <summary>Balancing algorithm.</summary>
    public BalancingAlgorithm Balancing { get; init; } = BalancingAlgorithm.LeastConnections;

    /// <summary>Health from live traffic.</summary>
    public PassiveHealthPolicy PassiveHealth { get; init; } = PassiveHealthPolicy.Default;

    /// <summary>Health from probes (HAProxy only).</summary>
    public ActiveHealthPolicy ActiveHealth { get; init; } = ActiveHealthPolicy.Default;

    /// <summary>Retries on the next upstream.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>Idle upstream connections.</summary>
    public UpstreamKeepalivePolicy Keepalive { get; init; } = UpstreamKeepalivePolicy.Default;

    /// <summary>Per-client rate limit for routes with <see cref="EdgeRoute.RateLimited"/>.</summary>
    public RateLimitPolicy RateLimit { get; init; } = RateLimitPolicy.Default;

    /// <summary>Time limits and connection caps per client (slowloris).</summary>
    public ClientLimitsPolicy ClientLimits { get; init; } = ClientLimitsPolicy.Default;

    /// <summary>Routes; matched most specific first, whatever their order here.</summary>
    public required IReadOnlyList<EdgeRoute> Routes { get; init; }

    /// <summary>Networks allowed on restricted routes and the status port.</summary>
    public AccessPolicy Access { get; init; } = AccessPolicy.Default;

    /// <summary>Headers on every response.</summary>
    public IReadOnlyList<HttpHeader> SecurityHeaders { get; init; } = Policy.SecurityHeaders.Default;

    /// <summary>TLS termination; null serves plain HTTP only.</summary>
    public TlsPolicy? Tls { get; init; }

    /// <summary>Response compression.</summary>
    public CompressionPolicy Compression { get; init; } = CompressionPolicy.Default;

    /// <summary>The per-request line for the exporter that counts requests by status; null sends none (nginx only).</summary>
    public RequestLogStreamPolicy? RequestLogStream { get; init; }

    /// <summary>Request id handling.</summary>
    public RequestIdPolicy RequestId { get; init; } = RequestIdPolicy.Default;

    /// <summary>Public listeners.</summary>
    public EdgeListeners Listeners { get; init; } = EdgeListeners.Default;

    /// <summary>Account to switch to when started as root; null renders no user directive.</summary>
    public RunAsAccount? RunAs { get; init; }

    /// <summary>Errors the edge answers itself, as problem details.</summary>
    public IReadOnlyList<EdgeProblem> Problems => EdgeProblem.Standard(RateLimit.RetryAfterSeconds, WriteChallenge);

    /// <summary>Routes in match order: exact paths first, then prefixes longest first.</summary>
    public IReadOnlyList<EdgeRoute> RoutesBySpecificity =>
        [.. Routes.OrderBy(r => r.Match == PathMatch.Exact ? 0 : 1).ThenByDescending(r => r.Path.Length).ThenBy(r => r.Path, StringComparer.Ordinal)];

    /// <summary>Routes only the allow-list may use.</summary>
    public IReadOnlyList<EdgeRoute> RestrictedRoutes => [.. Routes.Where(r => r.Restricted)];

    /// <summary>Routes under the rate limit.</summary>
    public IReadOnlyList<EdgeRoute> RateLimitedRoutes => [.. Routes.Where(r => r.RateLimited)];

    /// <summary>
    /// The HealthAI defaults: least connections, passive and active health, retries, rate limit, the standard
    /// routes with <c>/static/</c> served from <see cref="EdgeHostPaths.DefaultStaticDirectory"/>, private
    /// networks on the allow-list.
    /// </summary>
    /// <param name="upstreams">Replicas; at least one primary.</param>
    /// <param name="hostPaths">Run directory and logs.</param>
    /// <param name="statsPassword">Password of HAProxy stats.</param>
    /// <param name="tls">Certificate and key; null for plain HTTP.</param>
    public static EdgePolicy Default(IEnumerable<Upstream> upstreams, EdgeHostPaths hostPaths, string statsPassword, TlsPolicy? tls = null)
    {
        ArgumentNullException.ThrowIfNull(upstreams);
        ArgumentNullException.ThrowIfNull(hostPaths);
        ArgumentNullException.ThrowIfNull(statsPassword);
        return new EdgePolicy
        {
            Upstreams = [.. upstreams],
            HostPaths = hostPaths,
            Status = new StatusEndpointPolicy(statsPassword),
            Routes = EdgeRoutes.Default(hostPaths.DefaultStaticDirectory),
            Tls = tls,
        };
    }

    /// <summary>Every problem with the policy, each naming the bad setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate() => EdgePolicyValidator.Validate(this);

    /// <summary>Throws <see cref="InvalidOperationException"/> listing every problem, if there is any.</summary>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid edge policy:" + string.Concat(errors.Select(e => "\n - " + e)));
        }
    }
}
