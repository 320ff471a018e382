namespace HealthAI.Hosting;

/// <summary>Alertmanager in the local run: it routes the alerts of a <see cref="PrometheusResource"/>.</summary>
public sealed class AlertmanagerResource(string name, HostTool tool, ToolPlacement placement, string runDirectory)
    : HostToolResource(name, tool, placement, runDirectory);
