using HealthAI.AppHost.Monitoring;

namespace Aspire.Hosting;

/// <summary>Declares what Prometheus scrapes, on the resource that exposes it.</summary>
public static class ScrapeTargetExtensions
{
    /// <summary>Has Prometheus scrape <paramref name="endpointName"/> at <paramref name="metricsPath"/> as <paramref name="job"/>.</summary>
    public static IResourceBuilder<T> WithScrapeTarget<T>(
        this IResourceBuilder<T> resource,
        string job,
        string endpointName,
        string metricsPath = "/metrics",
        IReadOnlyDictionary<string, string>? labels = null,
        TimeSpan? interval = null)
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointName);
        return resource.WithAnnotation(new ScrapeTargetAnnotation(job, endpointName, metricsPath, labels ?? new Dictionary<string, string>(), interval));
    }
}
