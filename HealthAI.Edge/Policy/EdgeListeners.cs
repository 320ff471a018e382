namespace HealthAI.Edge.Policy;

/// <summary>Where the edge listens.</summary>
public sealed record EdgeListeners
{
    /// <summary>Public addresses (IP literals; <c>0.0.0.0</c> all IPv4, <c>::</c> all IPv6).</summary>
    public IReadOnlyList<string> PublicAddresses { get; init; } = ["0.0.0.0"];

    /// <summary>Plain HTTP port.</summary>
    public int HttpPort { get; init; } = 80;

    /// <summary>HTTPS port (used when TLS is configured).</summary>
    public int HttpsPort { get; init; } = 443;

    /// <summary>
    /// The HTTPS port clients reach, which plain HTTP redirects to, when it is not <see cref="HttpsPort"/>:
    /// a container binds 8443 and the deployment publishes it as 443.
    /// </summary>
    public int? RedirectHttpsPort { get; init; }

    /// <summary>The HTTPS port the redirect names.</summary>
    public int PublicHttpsPort => RedirectHttpsPort ?? HttpsPort;

    /// <summary>How long an idle client connection is kept open between requests.</summary>
    public TimeSpan ClientIdleTimeout { get; init; } = TimeSpan.FromSeconds(65);

    /// <summary>The defaults above.</summary>
    public static EdgeListeners Default { get; } = new();
}
