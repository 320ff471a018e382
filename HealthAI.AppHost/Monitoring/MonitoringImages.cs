namespace HealthAI.AppHost.Monitoring;

/// <summary>Pinned images of the monitoring tools that have no Debian-package form here, shared by the run and the publishers.</summary>
public static class MonitoringImages
{
    /// <summary>Grafana OSS.</summary>
    public const string Grafana = "docker.io/grafana/grafana-oss";

    /// <inheritdoc cref="Grafana"/>
    public const string GrafanaTag = "11.6.1";

    /// <summary>The nginx exporter.</summary>
    public const string NginxExporter = "docker.io/nginx/nginx-prometheus-exporter";

    /// <inheritdoc cref="NginxExporter"/>
    public const string NginxExporterTag = "1.4.2";
}
