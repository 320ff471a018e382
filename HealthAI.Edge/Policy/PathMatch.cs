namespace HealthAI.Edge.Policy;

/// <summary>How a route's path is compared with the request path.</summary>
public enum PathMatch
{
    /// <summary>The request path equals the route path.</summary>
    Exact,

    /// <summary>The request path starts with the route path.</summary>
    Prefix,
}
