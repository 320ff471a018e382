using HealthAI.Edge.Policy;

namespace HealthAI.Hosting;

/// <summary>
/// The inputs an edge's policy is built from when it starts. The builder methods fill it; the
/// rendered configuration is derived from it and the endpoints DCP allocated, never written by hand.
/// </summary>
public sealed class EdgeConfiguration(string runDirectory, EdgeCertificate? certificate, string statsPassword)
{
    /// <summary>Names of the endpoints every edge has.</summary>
    public const string HttpEndpointName = "http";

    /// <inheritdoc cref="HttpEndpointName"/>
    public const string HttpsEndpointName = "https";

    /// <inheritdoc cref="HttpEndpointName"/>
    public const string StatusEndpointName = "status";

    /// <summary>The folder holding the rendered configuration, pid, temp files and logs.</summary>
    public string RunDirectory { get; } = runDirectory;

    /// <summary>The certificate served on HTTPS, or null for an HTTP-only edge.</summary>
    public EdgeCertificate? Certificate { get; } = certificate;

    /// <summary>The password of the HAProxy stats page.</summary>
    public string StatsPassword { get; } = statsPassword;

    /// <summary>The endpoints the edge balances over.</summary>
    public List<EdgeUpstream> Upstreams { get; } = [];

    /// <summary>Networks allowed on restricted routes (<c>/monitoring</c>, <c>/backup</c>) and the status page.</summary>
    public IReadOnlyList<string> AllowedNetworks { get; set; } = AccessPolicy.PrivateNetworks;

    /// <summary>The operator's knobs: rate limit, retry budget, route timeouts.</summary>
    public EdgeTuning Tuning { get; set; } = EdgeTuning.Default;

    /// <summary>Whether the local run's knowledge base can switch primary (<see cref="EdgePlacement.KnowledgeBaseSwitchesPrimary"/>).</summary>
    public bool LocalKnowledgeBaseSwitchesPrimary { get; set; }

    /// <summary>
    /// The loopback UDP port of the exporter that counts this edge's requests by status (nginx only), or null for none;
    /// the same in every target, since that exporter always runs beside the edge.
    /// </summary>
    public int? RequestLogStreamPort { get; set; }

    /// <summary>The folder served at <c>/static/</c>, or null for the run directory's own.</summary>
    public string? StaticDirectory { get; set; }

    /// <summary>
    /// Upstreams (by resource name) taken out of rotation for a planned restart; the next render marks
    /// them drained, and a reload makes the running edge stop sending them new requests.
    /// </summary>
    public ISet<string> DrainedUpstreams { get; } = new SortedSet<string>(StringComparer.Ordinal);

    /// <summary>Overrides applied to the policy after it is built (tests tighten limits, for instance).</summary>
    public List<Func<EdgePolicy, EdgePolicy>> PolicyAdjustments { get; } = [];
}
