using HealthAI.Edge.Policy;

namespace HealthAI.Hosting;

/// <summary>
/// What a target (the local run, compose, Kubernetes) supplies to an edge's policy: addresses, paths, ports and
/// the kind of knowledge base it deploys, nothing else. Every other field comes from the app model and the settings.
/// </summary>
public sealed record EdgePlacement
{
    /// <summary>The upstreams as this target reaches them.</summary>
    public required IReadOnlyList<Upstream> Upstreams { get; init; }

    /// <summary>Run directory and log files.</summary>
    public required EdgeHostPaths HostPaths { get; init; }

    /// <summary>The folder served at <c>/static/</c>.</summary>
    public required string StaticDirectory { get; init; }

    /// <summary>Certificate and key as the tool reads them; null for plain HTTP.</summary>
    public TlsPolicy? Tls { get; init; }

    /// <summary>Where the request log stream goes (<see cref="RequestLogStreamPolicy.Address"/>); null: loopback.</summary>
    public string? RequestLogAddress { get; init; }

    /// <summary>The address the public and status listeners bind.</summary>
    public required string ListenAddress { get; init; }

    /// <summary>Plain HTTP port the edge binds.</summary>
    public required int HttpPort { get; init; }

    /// <summary>HTTPS port the edge binds.</summary>
    public required int HttpsPort { get; init; }

    /// <summary>The HTTPS port clients reach (a container's 8443 published as 443); null when it is <see cref="HttpsPort"/>.</summary>
    public int? PublishedHttpsPort { get; init; }

    /// <summary>
    /// Whether this target's knowledge base can switch primary (PostgreSQL): the routes that wait out a switch
    /// (<see cref="EdgeRoute.WaitsOutPrimarySwitch"/>) then get <see cref="EdgeRoutes.SwitchReadTimeout"/>. SQLite has
    /// no primary to switch, and those routes keep their short timeouts.
    /// </summary>
    public bool KnowledgeBaseSwitchesPrimary { get; init; }

    /// <summary>The status port.</summary>
    public required int StatusPort { get; init; }

    /// <summary>HAProxy's stats password, or a placeholder when <see cref="StatsPasswordVariable"/> carries it.</summary>
    public required string StatsPassword { get; init; }

    /// <summary>The environment variable HAProxy reads the stats password from, in published deployments.</summary>
    public string? StatsPasswordVariable { get; init; }
}
