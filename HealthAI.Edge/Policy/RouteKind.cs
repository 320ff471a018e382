namespace HealthAI.Edge.Policy;

/// <summary>What the edge does with a request that matches a route.</summary>
public enum RouteKind
{
    /// <summary>Forward to the upstream group.</summary>
    Proxy,

    /// <summary>Serve files from a directory (nginx; HAProxy forwards these to the upstreams).</summary>
    Static,

    /// <summary>The edge's own liveness: answered by the edge, never forwarded, never logged.</summary>
    EdgeHealth,
}
