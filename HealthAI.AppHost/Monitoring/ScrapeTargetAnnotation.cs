namespace HealthAI.AppHost.Monitoring;

/// <summary>
/// Marks an endpoint of a resource as something Prometheus scrapes. Prometheus' configuration is
/// rendered from these annotations, so a target can never be stale or forgotten.
/// </summary>
/// <param name="Job">The Prometheus job, which alert rules and dashboards select on.</param>
/// <param name="EndpointName">The resource's endpoint to scrape.</param>
/// <param name="MetricsPath">The path of the exposition.</param>
/// <param name="Labels">Labels added to every series of the target (replica name and role, for example).</param>
/// <param name="Interval">A scrape interval for this job, or null for the global one.</param>
public sealed record ScrapeTargetAnnotation(
    string Job,
    string EndpointName,
    string MetricsPath,
    IReadOnlyDictionary<string, string> Labels,
    TimeSpan? Interval = null) : IResourceAnnotation;
