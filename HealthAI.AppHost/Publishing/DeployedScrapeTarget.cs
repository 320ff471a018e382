namespace HealthAI.AppHost.Publishing;

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

    /// <summary>An exporter in the default edge's network namespace: reached at the edge's name in compose, a sidecar of every edge pod in Kubernetes.</summary>
    EdgeSidecar,
}

/// <summary>One scrape-target annotation of the app model, with the port its resource listens on when deployed.</summary>
public sealed record DeployedScrapeTarget(string Resource, Monitoring.ScrapeTargetAnnotation Annotation, int Port, ScrapedPlacement Placement);
