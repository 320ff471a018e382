namespace HealthAI.Edge.Policy;

/// <summary>
/// The internal status port: nginx <c>stub_status</c> at <c>/stub_status</c>; HAProxy stats at <c>/stats</c>
/// (read-only, password protected) and its Prometheus exporter at <c>/metrics</c>.
/// Bound to loopback and limited to <see cref="AccessPolicy.AllowedNetworks"/>.
/// </summary>
/// <param name="StatsPassword">Password for HAProxy stats; there is deliberately no default.</param>
public sealed record StatusEndpointPolicy(string StatsPassword)
{
    /// <summary>
    /// When set, HAProxy reads the stats password from this environment variable at start instead of
    /// <see cref="StatsPassword"/>: published configurations carry no secret, the deployment injects it.
    /// </summary>
    public string? StatsPasswordVariable { get; init; }

    /// <summary>Bind address: loopback, so it is never published by accident.</summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>Port.</summary>
    public int Port { get; init; } = 8404;

    /// <summary>User name for HAProxy stats.</summary>
    public string StatsUser { get; init; } = "healthai";

    /// <summary>Path of nginx <c>stub_status</c>.</summary>
    public string StubStatusPath { get; init; } = "/stub_status";

    /// <summary>Path of HAProxy stats.</summary>
    public string StatsPath { get; init; } = "/stats";

    /// <summary>Path of HAProxy's Prometheus exporter.</summary>
    public string MetricsPath { get; init; } = "/metrics";
}
