using YamlDotNet.Serialization;

namespace HealthAI.AppHost.Monitoring.Prometheus;

// The shape of prometheus.yml, as YamlDotNet serializes it; property names follow Prometheus' keys.
internal sealed class PrometheusConfigDocument
{
    public required GlobalSection Global { get; init; }

    public required List<string> RuleFiles { get; init; }

    public AlertingSection? Alerting { get; init; }

    public required List<ScrapeConfigSection> ScrapeConfigs { get; init; }
}

internal sealed class GlobalSection
{
    public required string ScrapeInterval { get; init; }

    public required string EvaluationInterval { get; init; }

    public SortedDictionary<string, string>? ExternalLabels { get; init; }
}

internal sealed class AlertingSection
{
    public required List<AlertmanagerSection> Alertmanagers { get; init; }
}

internal sealed class AlertmanagerSection
{
    public required List<StaticConfigSection> StaticConfigs { get; init; }
}

internal sealed class ScrapeConfigSection
{
    public required string JobName { get; init; }

    public string? ScrapeInterval { get; init; }

    public required string MetricsPath { get; init; }

    [YamlMember(DefaultValuesHandling = DefaultValuesHandling.OmitEmptyCollections)]
    public required List<StaticConfigSection> StaticConfigs { get; init; }

    public List<DnsSdConfigSection>? DnsSdConfigs { get; init; }

    public List<RelabelConfigSection>? RelabelConfigs { get; init; }
}

internal sealed class DnsSdConfigSection
{
    public required List<string> Names { get; init; }

    public required string Type { get; init; }

    public required int Port { get; init; }
}

internal sealed class RelabelConfigSection
{
    public required List<string> SourceLabels { get; init; }

    public string? Separator { get; init; }

    public required string Regex { get; init; }

    public required string TargetLabel { get; init; }

    public required string Replacement { get; init; }
}

internal sealed class StaticConfigSection
{
    public required List<string> Targets { get; init; }

    [YamlMember(DefaultValuesHandling = DefaultValuesHandling.OmitEmptyCollections)]
    public SortedDictionary<string, string>? Labels { get; init; }
}
