namespace HealthAI.Hosting;

/// <summary>How an edge is hosted: where it listens, in which runtime, where it keeps its files.</summary>
public sealed record EdgeHostingOptions
{
    /// <summary>Where the edge listens; zero ports are given free ones at start.</summary>
    public EdgePorts Ports { get; init; } = new();

    /// <summary>Host process, container, or whichever the machine offers.</summary>
    public ResourceRuntime Runtime { get; init; } = ResourceRuntime.Auto;

    /// <summary>Where the local certificate is kept, so that a client can trust it once.</summary>
    public required string CertificateDirectory { get; init; }
}
