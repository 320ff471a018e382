namespace HealthAI.Edge.Policy;

/// <summary>
/// What one client may hold on the edge, so slow or many connections from one address (slowloris) cannot
/// starve everyone else: time limits for each phase of a request and a per-address connection cap.
/// </summary>
public sealed record ClientLimitsPolicy
{
    /// <summary>Longest time a client may take to send the request line and headers (nginx <c>client_header_timeout</c>, HAProxy <c>timeout http-request</c>).</summary>
    public TimeSpan HeaderTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest silence while the client sends a body (nginx <c>client_body_timeout</c>, part of HAProxy's <c>timeout client</c>).</summary>
    public TimeSpan BodyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest time a client may leave a response unread (nginx <c>send_timeout</c>, part of HAProxy's <c>timeout client</c>).</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Connections one client address may hold at once. HAProxy refuses the connection beyond it; nginx counts
    /// only connections whose headers have arrived (slow-header ones are bounded by <see cref="HeaderTimeout"/>)
    /// and answers 429.
    /// </summary>
    public int MaxConnectionsPerClient { get; init; } = 128;

    /// <summary>Connections the edge accepts in all (nginx <c>worker_connections</c> per worker, HAProxy <c>maxconn</c>).</summary>
    public int MaxConnections { get; init; } = 4096;

    /// <summary>HAProxy's one client-side inactivity timeout covers both the body and the response.</summary>
    public TimeSpan ClientInactivityTimeout => BodyTimeout > SendTimeout ? BodyTimeout : SendTimeout;

    /// <summary>10 s for headers, 30 s of silence on a body or a response, 128 connections per address (a browser opens 6).</summary>
    public static ClientLimitsPolicy Default { get; } = new();
}
