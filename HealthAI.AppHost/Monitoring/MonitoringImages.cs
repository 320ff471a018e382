namespace HealthAI.AppHost.Monitoring;

/// <summary>Pinned upstream images of the monitoring tools that have no Debian package (Grafana: it needs a registry), shared by the run and the publishers.</summary>
public static class MonitoringImages
{
    /// <summary>Grafana OSS.</summary>
    public const string Grafana = "docker.io/grafana/grafana-oss";

    /// <inheritdoc cref="Grafana"/>
    public const string GrafanaTag = "11.6.1";
}
