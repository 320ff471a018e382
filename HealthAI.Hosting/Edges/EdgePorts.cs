namespace HealthAI.Hosting;

/// <summary>Where an edge listens. Zero means "any free port", which is what tests ask for.</summary>
public sealed record EdgePorts
{
    /// <summary>Plain HTTP: redirects to HTTPS, except the edge's own health endpoint.</summary>
    public int Http { get; init; }

    /// <summary>HTTPS: the application.</summary>
    public int Https { get; init; }

    /// <summary>The internal status endpoint on loopback (nginx stub_status, HAProxy stats and exporter).</summary>
    public int Status { get; init; }
}
