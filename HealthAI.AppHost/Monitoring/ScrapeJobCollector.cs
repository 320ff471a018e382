using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using HealthAI.AppHost.Monitoring.Prometheus;

namespace HealthAI.AppHost.Monitoring;

/// <summary>Turns every <see cref="ScrapeTargetAnnotation"/> in the app model into Prometheus jobs, with live ports.</summary>
internal static class ScrapeJobCollector
{
    public static async Task<IReadOnlyList<ScrapeJob>> CollectAsync(DistributedApplicationModel model, string targetHost, CancellationToken cancellationToken)
    {
        var targets = new List<(ScrapeTargetAnnotation Annotation, ScrapeTarget Target)>();
        foreach (var resource in model.Resources.OfType<IResourceWithEndpoints>())
        {
            foreach (var annotation in resource.Annotations.OfType<ScrapeTargetAnnotation>())
            {
                var endpoint = resource.GetEndpoint(annotation.EndpointName);
                var port = await endpoint.Property(EndpointProperty.Port).GetValueAsync(cancellationToken);
                var labels = new Dictionary<string, string>(annotation.Labels) { ["resource"] = resource.Name };
                targets.Add((annotation, new ScrapeTarget(string.Create(CultureInfo.InvariantCulture, $"{targetHost}:{port}"), labels)));
            }
        }

        return [.. targets
            .GroupBy(t => t.Annotation.Job, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ScrapeJob(g.Key, g.First().Annotation.MetricsPath, g.First().Annotation.Interval, [.. g.Select(t => t.Target).OrderBy(t => t.Address, StringComparer.Ordinal)]))];
    }
}
