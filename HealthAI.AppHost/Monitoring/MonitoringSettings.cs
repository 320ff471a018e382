namespace HealthAI.AppHost.Monitoring;

/// <summary>Where the monitoring stack listens and how often it looks. Ports of 0 take free ports.</summary>
public sealed class MonitoringSettings
{
    /// <summary>Prometheus' web UI and API.</summary>
    public int PrometheusPort { get; set; } = 9090;

    /// <summary>Alertmanager's web UI and API.</summary>
    public int AlertmanagerPort { get; set; } = 9093;

    /// <summary>The nginx exporter, which turns nginx's stub_status into metrics.</summary>
    public int NginxExporterPort { get; set; } = 9113;

    /// <summary>mtail's metrics: nginx's requests by status, counted from its request log stream.</summary>
    public int NginxRequestMetricsPort { get; set; } = 3903;

    /// <summary>The loopback UDP port nginx sends its request log stream to, and mtail reads.</summary>
    public int NginxRequestLogPort { get; set; } = 5140;

    /// <summary>Grafana (container runtimes only).</summary>
    public int GrafanaPort { get; set; } = 3000;

    /// <summary>How often Prometheus scrapes infrastructure targets.</summary>
    public TimeSpan ScrapeInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often Prometheus scrapes the API replicas.</summary>
    public TimeSpan ApiScrapeInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often alert rules are evaluated.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Where operators read the runbooks: every alert's <c>runbook_url</c> is this followed by the alert's anchor
    /// (<see cref="Runbooks"/>). The default is the file's path in the repository; a deployment sets the address
    /// its repository host serves the file at.
    /// </summary>
    public string RunbooksUrl { get; set; } = Runbooks.DefaultUrl;
}
