using k8s;
using k8s.Models;

namespace HealthAI.AppHost.Publishing.Kubernetes;

/// <summary>Small constructors for the Kubernetes objects HealthAI repeats: services, config maps, probes.</summary>
internal static class KubernetesObjects
{
    public static V1ObjectMeta Meta(string name, IDictionary<string, string> labels) => new() { Name = name, Labels = labels };

    public static V1Service Service(string name, IDictionary<string, string> labels, IEnumerable<(string Name, int Port, int TargetPort)> ports, string type = "ClusterIP", bool headless = false) =>
        new V1Service
        {
            Metadata = Meta(name, labels),
            Spec = new V1ServiceSpec
            {
                Type = type,
                ClusterIP = headless ? "None" : null,
                Selector = KubernetesLabels.Selector(labels[KubernetesLabels.Name]),
                Ports = [.. ports.Select(p => new V1ServicePort { Name = p.Name, Port = p.Port, TargetPort = p.TargetPort, Protocol = "TCP" })],
            },
        }.Initialize();

    public static V1ConfigMap ConfigMap(string name, IDictionary<string, string> labels, IDictionary<string, string> files) =>
        new V1ConfigMap { Metadata = Meta(name, labels), Data = new SortedDictionary<string, string>(files, StringComparer.Ordinal) }.Initialize();

    public static V1Probe HttpProbe(string path, int port, int periodSeconds, int timeoutSeconds, int failureThreshold) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = port },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = timeoutSeconds,
        FailureThreshold = failureThreshold,
    };

    public static V1Deployment Deployment(string name, IDictionary<string, string> labels, int? replicas, V1PodSpec pod) => new V1Deployment
    {
        Metadata = Meta(name, labels),
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = KubernetesLabels.Selector(labels[KubernetesLabels.Name]) },
            // Never fewer ready pods than asked for during a rollout: one extra comes up first.
            Strategy = new V1DeploymentStrategy
            {
                Type = "RollingUpdate",
                RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = 0, MaxSurge = 1 },
            },
            Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = pod },
        },
    }.Initialize();

    public static V1SecurityContext RestrictedContainer(long? runAsUser = null) => new()
    {
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        RunAsNonRoot = true,
        RunAsUser = runAsUser,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    public static V1ResourceRequirements Resources(string cpuRequest, string memoryRequest, string cpuLimit, string memoryLimit) => new()
    {
        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpuRequest), ["memory"] = new(memoryRequest) },
        Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpuLimit), ["memory"] = new(memoryLimit) },
    };

    public static V1Volume EmptyDirectory(string name, int? sizeLimitMiB = null) => new()
    {
        Name = name,
        EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = sizeLimitMiB is { } mib ? new ResourceQuantity(mib.ToString(System.Globalization.CultureInfo.InvariantCulture) + "Mi") : null },
    };

    public static V1Volume FromConfigMap(string name, string configMap) => new() { Name = name, ConfigMap = new V1ConfigMapVolumeSource { Name = configMap } };

    public static V1EnvVar FromSecret(string variable, string secret, string key) => new()
    {
        Name = variable,
        ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secret, Key = key } },
    };
}
