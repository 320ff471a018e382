using HealthAI.Hosting;

namespace HealthAI.AppHost.Monitoring;

/// <summary>Grafana's environment, the same in the local run, compose and Kubernetes; each supplies the password and Prometheus' address.</summary>
public static class GrafanaSettings
{
    /// <summary>The variable that carries the admin password, always from a secret.</summary>
    public const string AdminPasswordVariable = "GF_SECURITY_ADMIN_PASSWORD";

    /// <summary>The variable the provisioned datasource reads Prometheus' URL from.</summary>
    public const string PrometheusUrlVariable = "PROMETHEUS_URL";

    /// <summary>The port Grafana listens on inside its image.</summary>
    public const int ContainerPort = 3000;

    /// <summary>The address Grafana listens on.</summary>
    public const string ListenAddressVariable = "GF_SERVER_HTTP_ADDR";

    /// <summary>The port Grafana listens on (<see cref="ContainerPort"/> unless set).</summary>
    public const string ListenPortVariable = "GF_SERVER_HTTP_PORT";

    /// <summary>The secret parameter of <paramref name="grafana"/>'s admin password.</summary>
    public static string AdminPasswordParameter(string grafana) => $"{grafana}-admin-password";

    /// <summary>The settings that are neither secret nor an address: a named admin, no anonymous access, no phoning home.</summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["GF_SECURITY_ADMIN_USER"] = "admin",
        ["GF_AUTH_ANONYMOUS_ENABLED"] = "false",
        ["GF_ANALYTICS_REPORTING_ENABLED"] = "false",
    };

    /// <summary>
    /// How Grafana <paramref name="name"/> runs deployed: its upstream image, the provisioning and dashboards kept
    /// in <paramref name="repositoryFiles"/>, its password from a secret, <paramref name="prometheus"/>'s address.
    /// </summary>
    public static MonitoringServiceAnnotation Deployed(string name, IResource prometheus, string repositoryFiles) => new()
    {
        Kind = MonitoringServiceKind.Grafana,
        Image = $"{HealthAIImageTags.Grafana}:{HealthAIImageTags.GrafanaTag}",
        ReadinessPath = "/api/health",
        ConfigMounts =
        [
            new("datasources", "grafana/provisioning/datasources", "/etc/grafana/provisioning/datasources", Path.Combine(repositoryFiles, "provisioning", "datasources")),
            new("dashboard-provider", "grafana/provisioning/dashboards", "/etc/grafana/provisioning/dashboards", Path.Combine(repositoryFiles, "provisioning", "dashboards")),
            new("dashboards", "grafana/dashboards", "/var/lib/grafana/dashboards", Path.Combine(repositoryFiles, "dashboards")),
        ],
        Data = new MonitoringDataMount("/var/lib/grafana", Persistent: true),
        Environment = Environment,
        Secrets = [new MonitoringSecretVariable(AdminPasswordVariable, AdminPasswordParameter(name))],
        ServiceUrls = [new MonitoringServiceUrl(PrometheusUrlVariable, prometheus)],
        OperatorFacing = true,
        // The upstream image's own account.
        RunAsUser = 472,
        Resources = new Publishing.ComputeResources("100m", "128Mi", "500m", "512Mi"),
    };
}
