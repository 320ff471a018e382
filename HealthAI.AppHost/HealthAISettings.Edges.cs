using HealthAI.Contracts;
using HealthAI.Edge.Policy;
using HealthAI.Hosting;

namespace HealthAI.AppHost;

/// <summary>The edges in front of the replicas: their ports, and the knobs every target's edge policy takes.</summary>
public sealed class EdgeSettings
{
    /// <summary>Where nginx listens (0 = a free port).</summary>
    public EdgePortSettings Nginx { get; set; } = new() { Http = 8080, Https = 8443, Status = 8405 };

    /// <summary>Where HAProxy listens (0 = a free port).</summary>
    public EdgePortSettings Haproxy { get; set; } = new() { Http = 8081, Https = 8444, Status = 8404 };

    /// <summary>Networks allowed on /monitoring, /backup and the status pages; empty denies everyone.</summary>
    public List<string>? AllowedNetworks { get; set; }

    /// <summary>The per-client rate limit on the API routes.</summary>
    public EdgeRateLimitSettings RateLimit { get; set; } = new();

    /// <summary>How often and how long a failed request is retried on another upstream.</summary>
    public EdgeRetrySettings Retry { get; set; } = new();

    /// <summary>Upstream send and read timeouts by route name (the names of <c>EdgeRoutes.Default</c>, listed in docs/routes.md); unset routes keep theirs.</summary>
    public Dictionary<string, TimeSpan> RouteTimeouts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The allow-list in force: the configured one, or loopback and the private ranges.</summary>
    public IReadOnlyList<string> EffectiveAllowedNetworks => AllowedNetworks ?? [.. AccessPolicy.PrivateNetworks];

    /// <summary>
    /// Where the edges connect to the replicas from: the replicas honour <c>X-Forwarded-For</c> from these only.
    /// Unset means loopback in the local run (edges on the host's network, as processes or containers) and the private
    /// ranges in compose and Kubernetes (the edges' container or pod network).
    /// </summary>
    public List<string>? TrustedProxies { get; set; }

    /// <summary>
    /// The knobs as the edge policy takes them, with what the replicas' settings decide: the ask route waits for
    /// the model's budget when <paramref name="replicas"/> have one, the edge can replay a write of the API's largest
    /// single document, refuses bodies larger than the API accepts on each route, and removes the API's fault headers
    /// unless <paramref name="replicas"/> inject faults (a local drill).
    /// </summary>
    public EdgeTuning ToTuning(ReplicaSettings replicas)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        var model = replicas.Model;
        var routeTimeouts = new Dictionary<string, TimeSpan>(RouteTimeouts, StringComparer.Ordinal);
        if (model.AskRouteTimeout is { } ask)
        {
            routeTimeouts.TryAdd(EdgeRoutes.AskRouteName, ask);
        }

        return new()
        {
            RequestsPerSecond = RateLimit.RequestsPerSecond,
            Burst = RateLimit.Burst,
            RetryTries = Retry.Tries,
            RetryTimeout = Retry.Timeout,
            RouteTimeouts = routeTimeouts,
            ReplayableBodyBytes = KnowledgeBaseSection.DefaultMaxDocumentBytes,
            BodyLimits = new RequestBodyLimits
            {
                AskBytes = AskContract.MaxBodyBytes,
                DocumentBytes = KnowledgeBaseSection.DefaultMaxDocumentBytes,
                BatchBytes = KnowledgeBaseSection.DefaultMaxBatchBytes,
            },
            FaultHeaders = new FaultHeaders
            {
                Names = [FaultsSection.DelayHeader, FaultsSection.CrashAfterWriteHeader],
                Removed = !replicas.FaultInjection,
            },
        };
    }
}

/// <summary>The per-client-address rate limit (answered 429 with <c>Retry-After</c>).</summary>
public sealed class EdgeRateLimitSettings
{
    /// <summary>Sustained requests per second per client address.</summary>
    public int RequestsPerSecond { get; set; } = RateLimitPolicy.Default.RequestsPerSecond;

    /// <summary>Requests above the rate served at once before limiting starts.</summary>
    public int Burst { get; set; } = RateLimitPolicy.Default.Burst;
}

/// <summary>The retry budget of a request that fails on one upstream.</summary>
public sealed class EdgeRetrySettings
{
    /// <summary>Attempts per request, the first included; unset tries every replica once.</summary>
    public int? Tries { get; set; }

    /// <summary>Time after which no further attempt is started.</summary>
    public TimeSpan Timeout { get; set; } = RetryPolicy.Default.Timeout;
}

/// <summary>One edge's ports.</summary>
public sealed class EdgePortSettings
{
    /// <summary>Plain HTTP (redirects to HTTPS).</summary>
    public int Http { get; set; }

    /// <summary>HTTPS.</summary>
    public int Https { get; set; }

    /// <summary>The internal status endpoint on loopback.</summary>
    public int Status { get; set; }

    /// <summary>The ports as the edge hosting takes them.</summary>
    public EdgePorts ToEdgePorts() => new() { Http = Http, Https = Https, Status = Status };
}
