using System.Globalization;

using HealthAI.AppHost.Publishing;

namespace HealthAI.AppHost.Monitoring.Prometheus;

/// <summary>Renders <c>prometheus.yml</c> from a <see cref="PrometheusSetup"/>: model in, YAML out, no I/O.</summary>
public static class PrometheusConfigRenderer
{
    /// <summary>The configuration text.</summary>
    public static string Render(PrometheusSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var document = new PrometheusConfigDocument
        {
            Global = new GlobalSection
            {
                ScrapeInterval = Duration(setup.ScrapeInterval),
                EvaluationInterval = Duration(setup.EvaluationInterval),
                ExternalLabels = setup.ExternalLabels is { Count: > 0 } labels ? new SortedDictionary<string, string>(labels.ToDictionary(), StringComparer.Ordinal) : null,
            },
            RuleFiles = [.. setup.RuleFiles],
            Alerting = setup.Alertmanagers.Count == 0 ? null : new AlertingSection
            {
                Alertmanagers = [new AlertmanagerSection { StaticConfigs = [new StaticConfigSection { Targets = [.. setup.Alertmanagers] }] }],
            },
            ScrapeConfigs = [.. setup.Jobs.Select(job => new ScrapeConfigSection
            {
                JobName = job.Name,
                ScrapeInterval = job.Interval is { } interval ? Duration(interval) : null,
                MetricsPath = job.MetricsPath,
                // One static config per target: each target carries its own labels (replica, role).
                StaticConfigs = [.. job.Targets.Select(target => new StaticConfigSection
                {
                    Targets = [target.Address],
                    Labels = target.Labels.Count == 0 ? null : new SortedDictionary<string, string>(target.Labels.ToDictionary(), StringComparer.Ordinal),
                })],
                DnsSdConfigs = job.Discovery is { } dns ? [new DnsSdConfigSection { Names = [dns.Name], Type = "A", Port = dns.Port }] : null,
                RelabelConfigs = job.Discovery is { } discovered ? DiscoveredLabels(discovered) : null,
            })],
        };
        return "# Rendered by the HealthAI AppHost from its app model: change the model, not this file.\n" + YamlSerializers.SnakeCase.Serialize(document);
    }

    // DNS-discovered targets carry no labels of their own: give them the discovery's labels, and their
    // address as the resource, but only where a label is still empty, so static targets keep theirs.
    private static List<RelabelConfigSection> DiscoveredLabels(DnsDiscovery discovery) =>
    [
        .. discovery.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new RelabelConfigSection
        {
            SourceLabels = [l.Key],
            Regex = "",
            TargetLabel = l.Key,
            Replacement = l.Value,
        }),
        new RelabelConfigSection
        {
            SourceLabels = ["resource", "__address__"],
            Separator = ";",
            Regex = ";(.+)",
            TargetLabel = "resource",
            Replacement = "$1",
        },
    ];

    /// <summary>A Prometheus duration: whole seconds as <c>15s</c>, anything finer in milliseconds.</summary>
    public static string Duration(TimeSpan value) => value.TotalMilliseconds % 1000 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{(long)value.TotalSeconds}s")
        : string.Create(CultureInfo.InvariantCulture, $"{(long)value.TotalMilliseconds}ms");
}
