using HealthAI.AppHost.Monitoring;
using k8s;
using k8s.Models;
using static HealthAI.AppHost.Publishing.Kubernetes.KubernetesObjects;

namespace HealthAI.AppHost.Publishing.Kubernetes;

/// <summary>Prometheus, Alertmanager and Grafana as Kubernetes objects. A cluster that already runs them can drop these.</summary>
internal static class KubernetesMonitoringFactory
{
    public static IEnumerable<IKubernetesObject<V1ObjectMeta>> Create(DeploymentTopology topology, IReadOnlyDictionary<string, string> files)
    {
        var monitoring = topology.Monitoring;
        var prometheus = KubernetesLabels.For("prometheus", "monitoring");
        var alertmanager = KubernetesLabels.For("alertmanager", "monitoring");
        var grafana = KubernetesLabels.For("grafana", "monitoring");

        yield return ConfigMap("prometheus-config", prometheus, KubernetesManifestFactory.Folder(files, "prometheus"));
        yield return Deployment("prometheus", prometheus, 1, ToolPod("prometheus", InfrastructureTool.Prometheus, "/etc/prometheus", "/prometheus", monitoring.PrometheusPort, "prometheus-config"));
        yield return Service("prometheus", prometheus, [("http", monitoring.PrometheusPort, monitoring.PrometheusPort)]);

        yield return ConfigMap("alertmanager-config", alertmanager, KubernetesManifestFactory.Folder(files, "alertmanager"));
        yield return Deployment("alertmanager", alertmanager, 1, ToolPod("alertmanager", InfrastructureTool.Alertmanager, "/etc/alertmanager", "/alertmanager", monitoring.AlertmanagerPort, "alertmanager-config"));
        yield return Service("alertmanager", alertmanager, [("http", monitoring.AlertmanagerPort, monitoring.AlertmanagerPort)]);

        yield return ConfigMap("grafana-datasources", grafana, KubernetesManifestFactory.Folder(files, "grafana/provisioning/datasources"));
        yield return ConfigMap("grafana-dashboard-provider", grafana, KubernetesManifestFactory.Folder(files, "grafana/provisioning/dashboards"));
        yield return ConfigMap("grafana-dashboards", grafana, KubernetesManifestFactory.Folder(files, "grafana/dashboards"));
        yield return Deployment("grafana", grafana, 1, GrafanaPod(topology));
        yield return Service("grafana", grafana, [("http", monitoring.GrafanaPort, 3000)]);
    }

    private static V1PodSpec ToolPod(string name, InfrastructureTool tool, string configDirectory, string dataDirectory, int port, string configMap) => new()
    {
        SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, RunAsUser = 65534, FsGroup = 65534 },
        Containers =
        [
            new V1Container
            {
                Name = name,
                Image = tool.Image.ToString(),
                Args = tool.Arguments(configDirectory, dataDirectory, "0.0.0.0", port),
                Ports = [new V1ContainerPort { Name = "http", ContainerPort = port }],
                ReadinessProbe = HttpProbe(tool.ReadinessPath, port, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3),
                Resources = Resources("100m", "256Mi", "1", "1Gi"),
                SecurityContext = RestrictedContainer(),
                VolumeMounts =
                [
                    new V1VolumeMount { Name = "config", MountPath = configDirectory, ReadOnlyProperty = true },
                    new V1VolumeMount { Name = "data", MountPath = dataDirectory },
                ],
            },
        ],
        Volumes = [FromConfigMap("config", configMap), EmptyDirectory("data")],
    };

    private static V1PodSpec GrafanaPod(DeploymentTopology topology) => new()
    {
        SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, RunAsUser = 472, FsGroup = 472 },
        Containers =
        [
            new V1Container
            {
                Name = "grafana",
                Image = $"{MonitoringImages.Grafana}:{MonitoringImages.GrafanaTag}",
                Env =
                [
                    .. GrafanaSettings.Environment.Select(setting => new V1EnvVar { Name = setting.Key, Value = setting.Value }),
                    FromSecret(GrafanaSettings.AdminPasswordVariable, KubernetesManifestFactory.SecretName, topology.Secret(GrafanaSettings.AdminPasswordParameter("grafana")).Name),
                    new V1EnvVar { Name = GrafanaSettings.PrometheusUrlVariable, Value = $"http://prometheus:{topology.Monitoring.PrometheusPort}" },
                ],
                Ports = [new V1ContainerPort { Name = "http", ContainerPort = 3000 }],
                ReadinessProbe = HttpProbe("/api/health", 3000, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3),
                Resources = Resources("100m", "128Mi", "500m", "512Mi"),
                SecurityContext = RestrictedContainer(),
                VolumeMounts =
                [
                    new V1VolumeMount { Name = "datasources", MountPath = "/etc/grafana/provisioning/datasources", ReadOnlyProperty = true },
                    new V1VolumeMount { Name = "dashboard-provider", MountPath = "/etc/grafana/provisioning/dashboards", ReadOnlyProperty = true },
                    new V1VolumeMount { Name = "dashboards", MountPath = "/var/lib/grafana/dashboards", ReadOnlyProperty = true },
                    new V1VolumeMount { Name = "data", MountPath = "/var/lib/grafana" },
                ],
            },
        ],
        Volumes =
        [
            FromConfigMap("datasources", "grafana-datasources"),
            FromConfigMap("dashboard-provider", "grafana-dashboard-provider"),
            FromConfigMap("dashboards", "grafana-dashboards"),
            EmptyDirectory("data"),
        ],
    };
}
