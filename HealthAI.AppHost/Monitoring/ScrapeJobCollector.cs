using System.Globalization;
using HealthAI.AppHost.Monitoring.Prometheus;

namespace HealthAI.AppHost.Monitoring;

/// <summary>One scrape-target annotation, placed by a target: a fixed address, a DNS name, or both.</summary>
/// <param name="Annotation">The annotation of the app model: job, path, interval, labels.</param>
/// <param name="Target">The address and labels, when the target knows it.</param>
/// <param name="Discovery">The DNS name the target finds its addresses under, when it does not.</param>
public sealed record PlacedScrapeTarget(ScrapeTargetAnnotation Annotation, ScrapeTarget? Target, DnsDiscovery? Discovery = null);

/// <summary>
/// Turns the app model's <see cref="ScrapeTargetAnnotation"/>s into Prometheus jobs. The jobs' names,
/// paths and intervals come from the annotations alone; a target (the local run, compose, Kubernetes)
/// supplies only where each one is.
/// </summary>
public static class ScrapeJobCollector
{
    /// <summary>The local run's jobs: every annotated endpoint on <paramref name="targetHost"/> at its allocated port.</summary>
    public static async Task<IReadOnlyList<ScrapeJob>> CollectAsync(DistributedApplicationModel model, string targetHost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var addresses = new Dictionary<(string Resource, string Endpoint), string>();
        foreach (var resource in model.Resources.OfType<IResourceWithEndpoints>())
        {
            foreach (var annotation in resource.Annotations.OfType<ScrapeTargetAnnotation>())
            {
                var port = await resource.GetEndpoint(annotation.EndpointName).Property(EndpointProperty.Port).GetValueAsync(cancellationToken);
                addresses[(resource.Name, annotation.EndpointName)] = $"{targetHost}:{int.Parse(port ?? "0", CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)}";
            }
        }

        return Group(
            from resource in model.Resources.OfType<IResourceWithEndpoints>()
            from annotation in resource.Annotations.OfType<ScrapeTargetAnnotation>()
            select new PlacedScrapeTarget(annotation, new ScrapeTarget(addresses[(resource.Name, annotation.EndpointName)], LabelsOf(annotation, resource.Name))));
    }

    /// <summary>The local run's jobs, each annotated endpoint on <paramref name="targetHost"/> at the port <paramref name="portOf"/> gives.</summary>
    public static IReadOnlyList<ScrapeJob> Collect(DistributedApplicationModel model, string targetHost, Func<IResourceWithEndpoints, string, int> portOf)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(portOf);
        return Group(
            from resource in model.Resources.OfType<IResourceWithEndpoints>()
            from annotation in resource.Annotations.OfType<ScrapeTargetAnnotation>()
            let address = string.Create(CultureInfo.InvariantCulture, $"{targetHost}:{portOf(resource, annotation.EndpointName)}")
            select new PlacedScrapeTarget(annotation, new ScrapeTarget(address, LabelsOf(annotation, resource.Name))));
    }

    /// <summary>The annotation's labels and the resource's name, as every static target carries them.</summary>
    public static Dictionary<string, string> LabelsOf(ScrapeTargetAnnotation annotation, string resource)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        return new Dictionary<string, string>(annotation.Labels) { ["resource"] = resource };
    }

    /// <summary>One job per annotated job name, in name order, its targets in address order.</summary>
    public static IReadOnlyList<ScrapeJob> Group(IEnumerable<PlacedScrapeTarget> placed)
    {
        ArgumentNullException.ThrowIfNull(placed);
        return [.. placed
            .GroupBy(p => p.Annotation.Job, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ScrapeJob(
                g.Key,
                g.First().Annotation.MetricsPath,
                g.First().Annotation.Interval,
                [.. g.Select(p => p.Target).OfType<ScrapeTarget>().OrderBy(t => t.Address, StringComparer.Ordinal)],
                g.Select(p => p.Discovery).OfType<DnsDiscovery>().DistinctBy(d => (d.Name, d.Port)).SingleOrDefault()))];
    }
}
