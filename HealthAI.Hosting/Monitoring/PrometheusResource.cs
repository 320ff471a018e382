namespace HealthAI.Hosting;

/// <summary>Prometheus in the local run: it scrapes every scrape target of the app model and sends its alerts to its Alertmanagers.</summary>
public sealed class PrometheusResource(string name, HostTool tool, ToolPlacement placement, string runDirectory)
    : HostToolResource(name, tool, placement, runDirectory)
{
    /// <summary>The Alertmanagers Prometheus sends its alerts to.</summary>
    public List<AlertmanagerResource> Alertmanagers { get; } = [];
}
