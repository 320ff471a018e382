using k8s;
using k8s.Models;
using static HealthAI.AppHost.Publishing.Kubernetes.KubernetesObjects;

namespace HealthAI.AppHost.Publishing.Kubernetes;

/// <summary>
/// Every monitoring service of the app model (Prometheus, Alertmanager, Grafana) as Kubernetes objects, each as its
/// builder describes it. A cluster that already runs them can drop these.
/// </summary>
internal static class KubernetesMonitoringFactory
{
    public static IEnumerable<IKubernetesObject<V1ObjectMeta>> Create(DeploymentTopology topology, IReadOnlyDictionary<string, string> files)
    {
        foreach (var service in topology.MonitoringServices)
        {
            var labels = KubernetesLabels.For(service.Name, "monitoring");
            foreach (var mount in service.Service.ConfigMounts)
            {
                yield return ConfigMap(service.ConfigMap(mount), labels, KubernetesManifestFactory.Folder(files, mount.Folder));
            }

            yield return Deployment(service.Name, labels, 1, Pod(topology, service));
            yield return Service(service.Name, labels, [("http", service.ServicePort, service.ContainerPort)]);
        }
    }

    private static V1PodSpec Pod(DeploymentTopology topology, DeployedMonitoringService service)
    {
        var described = service.Service;
        var resources = described.Resources;
        return new V1PodSpec
        {
            SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, RunAsUser = described.RunAsUser, FsGroup = described.RunAsUser },
            Containers =
            [
                new V1Container
                {
                    Name = service.Name,
                    Image = described.Image,
                    Args = described.Arguments.Count == 0 ? null : [.. described.Arguments],
                    Env = Environment(topology, service),
                    Ports = [new V1ContainerPort { Name = "http", ContainerPort = service.ContainerPort }],
                    ReadinessProbe = HttpProbe(described.ReadinessPath, service.ContainerPort, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3),
                    Resources = Resources(resources.CpuRequest, resources.MemoryRequest, resources.CpuLimit, resources.MemoryLimit),
                    SecurityContext = RestrictedContainer(),
                    VolumeMounts =
                    [
                        .. described.ConfigMounts.Select(mount => new V1VolumeMount { Name = mount.Name, MountPath = mount.MountPath, ReadOnlyProperty = true }),
                        new V1VolumeMount { Name = "data", MountPath = described.Data.MountPath },
                    ],
                },
            ],
            // Data lives as long as the pod: a cluster that keeps metrics or dashboards longer gives these a claim.
            Volumes = [.. described.ConfigMounts.Select(mount => FromConfigMap(mount.Name, service.ConfigMap(mount))), EmptyDirectory("data")],
        };
    }

    private static List<V1EnvVar>? Environment(DeploymentTopology topology, DeployedMonitoringService service)
    {
        List<V1EnvVar> variables =
        [
            .. service.Service.Environment.OrderBy(setting => setting.Key, StringComparer.Ordinal).Select(setting => new V1EnvVar { Name = setting.Key, Value = setting.Value }),
            .. service.Secrets.Select(secret => FromSecret(secret.Variable, KubernetesManifestFactory.SecretName, secret.Secret.Name)),
            .. service.ServiceUrls.Select(url => new V1EnvVar { Name = url.Variable, Value = $"http://{url.Service}:{topology.MonitoringService(url.Service).ServicePort}" }),
        ];
        return variables.Count == 0 ? null : variables;
    }
}
