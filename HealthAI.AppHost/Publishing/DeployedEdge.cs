using HealthAI.Edge.Hosting;

namespace HealthAI.AppHost.Publishing;

/// <summary>An edge of the app model as the publishers see it.</summary>
/// <param name="Name">The resource name, which is also the service name.</param>
/// <param name="Tool">nginx or HAProxy.</param>
/// <param name="Configuration">What the edge fronts and the operator's knobs, as the local run has them.</param>
/// <param name="ModelPorts">The edge's ports in the app model (the settings): where an alternative edge is published.</param>
/// <param name="IsDefault">Whether this is the edge every target deploys, published on 80 and 443.</param>
public sealed record DeployedEdge(string Name, EdgeTool Tool, EdgeConfiguration Configuration, EdgePorts ModelPorts, bool IsDefault)
{
    /// <summary>The compose profile an alternative edge runs under; null for the default edge.</summary>
    public string? Profile => IsDefault ? null : Name;

    /// <summary>The port the edge's status listener binds in every target.</summary>
    public int StatusPort => ModelPorts.Status;
}

/// <summary>A resource reached by name and port inside a deployment.</summary>
public sealed record DeployedService(string Name, int Port)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name}:{Port}");
}

/// <summary>How a scraped resource is placed, which decides how each target addresses it.</summary>
public enum ScrapedPlacement
{
    /// <summary>A primary replica: its own service in compose, a pod behind the primaries' Service in Kubernetes.</summary>
    Primary,

    /// <summary>A resource with a service of its own in every target.</summary>
    Service,

    /// <summary>An alternative edge: a compose profile that may be off, absent from Kubernetes.</summary>
    AlternativeEdge,

    /// <summary>The default edge's exporter: a service in compose, a sidecar of every edge pod in Kubernetes.</summary>
    EdgeExporter,
}

/// <summary>One scrape-target annotation of the app model, with the port its resource listens on when deployed.</summary>
public sealed record DeployedScrapeTarget(string Resource, Monitoring.ScrapeTargetAnnotation Annotation, int Port, ScrapedPlacement Placement);
