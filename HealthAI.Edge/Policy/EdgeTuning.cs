namespace HealthAI.Edge.Policy;

/// <summary>
/// The operator's knobs of an edge policy: the same values reach the local run, compose and Kubernetes,
/// because every target builds its policy from them (<c>EdgePolicyDerivation</c> in HealthAI.Hosting).
/// </summary>
public sealed record EdgeTuning
{
    /// <summary>Sustained requests per second per client address on rate-limited routes.</summary>
    public int RequestsPerSecond { get; init; } = RateLimitPolicy.Default.RequestsPerSecond;

    /// <summary>Requests above the rate served at once before limiting starts.</summary>
    public int Burst { get; init; } = RateLimitPolicy.Default.Burst;

    /// <summary>Attempts per request, the first included; null tries every upstream of the app model once.</summary>
    public int? RetryTries { get; init; }

    /// <summary>Time, beyond a route's read timeout, during which further attempts may start (<see cref="RetryPolicy.Timeout"/>).</summary>
    public TimeSpan RetryTimeout { get; init; } = RetryPolicy.Default.Timeout;

    /// <summary>Upstream send and read timeouts by route name (<c>api</c>, <c>api_search</c>, <c>api_ask</c>, <c>api_documents</c>, <c>websocket</c>, <c>health</c>, <c>monitoring</c>, <c>backup</c>).</summary>
    public IReadOnlyDictionary<string, TimeSpan> RouteTimeouts { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>The largest request body the edge holds whole so that it can replay it (<see cref="RetryPolicy.ReplayableBodyBytes"/>).</summary>
    public long ReplayableBodyBytes { get; init; } = RetryPolicy.Default.ReplayableBodyBytes;

    /// <summary>What the API accepts on each route: the edge refuses larger bodies before reading them.</summary>
    public RequestBodyLimits BodyLimits { get; init; } = RequestBodyLimits.Default;

    /// <summary>The API's fault headers, removed from every request.</summary>
    public FaultHeaders FaultHeaders { get; init; } = FaultHeaders.Default;

    /// <summary>The defaults: the policy model's own.</summary>
    public static EdgeTuning Default { get; } = new();

    /// <summary><paramref name="policy"/> with these knobs; <paramref name="modelUpstreams"/> is how many upstreams the app model gives the edge.</summary>
    public EdgePolicy ApplyTo(EdgePolicy policy, int modelUpstreams)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy with
        {
            FaultHeaders = FaultHeaders,
            RateLimit = policy.RateLimit with { RequestsPerSecond = RequestsPerSecond, Burst = Burst },
            // Counted on the app model, not on the target's upstream list: Kubernetes puts the primaries
            // behind one Service, and the edge still may try as often as the run does.
            Retry = policy.Retry with { Tries = RetryTries ?? Math.Max(1, modelUpstreams), Timeout = RetryTimeout, ReplayableBodyBytes = ReplayableBodyBytes },
            Routes = [.. policy.Routes.Select(route => RouteTimeouts.TryGetValue(route.Name, out var timeout)
                ? route with { Timeouts = route.Timeouts with { Send = timeout, Read = timeout } }
                : route)],
        };
    }
}
