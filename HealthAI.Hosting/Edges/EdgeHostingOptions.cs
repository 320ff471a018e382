namespace HealthAI.Hosting;

/// <summary>How an edge is hosted: where it listens and where it keeps its certificate; the run's <see cref="ToolPlacement"/> says in which form.</summary>
public sealed record EdgeHostingOptions
{
    /// <summary>Where the edge listens; zero ports are given free ones at start.</summary>
    public EdgePorts Ports { get; init; } = new();

    /// <summary>Where the local certificate is kept, so that a client can trust it once.</summary>
    public required string CertificateDirectory { get; init; }
}
