using System.Globalization;
using HealthAI.AppHost.Replicas;
using HealthAI.Edge.Policy;
using HealthAI.Hosting;
using HealthAI.ServiceDefaults;
using k8s;
using k8s.Models;
using static HealthAI.AppHost.Publishing.Kubernetes.KubernetesObjects;

namespace HealthAI.AppHost.Publishing.Kubernetes;

/// <summary>
/// Builds HealthAI's Kubernetes objects from a <see cref="DeploymentTopology"/>, as typed models: the
/// primaries as a Deployment scaled by an HPA, the backup as a Deployment of one, nginx as the only way in,
/// NetworkPolicies, the monitoring stack, and a PodDisruptionBudget for every Deployment of more than one pod.
/// </summary>
internal static class KubernetesManifestFactory
{
    public const string SecretName = "healthai-secrets";
    public const string TlsSecretName = "healthai-tls";
    private const int RunAsUser = 1654; // the ASP.NET images' non-root "app" user
    private const int NobodyUser = 65534;

    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Create(DeploymentTopology topology, IReadOnlyDictionary<string, string> files)
    {
        var api = KubernetesLabels.For(DeployedConfigurations.ApiService, "api");
        api[KubernetesLabels.Role] = "primary";
        var backup = KubernetesLabels.For(topology.Backup.Name, "api");
        backup[KubernetesLabels.Role] = "backup";
        var edge = topology.DefaultEdge;
        var nginx = KubernetesLabels.For(edge.Name, "edge");

        List<IKubernetesObject<V1ObjectMeta>> objects =
        [
            new V1Namespace { Metadata = new V1ObjectMeta { Name = topology.Namespace, Labels = KubernetesLabels.For(topology.Namespace, "namespace") } }.Initialize(),
            // The knowledge base: a CloudNativePG cluster, or (SQLite) a claim every API pod shares.
            .. CloudNativePgFactory.Enabled(topology) ? CloudNativePgFactory.Create(topology) : [Claim(topology.DataVolume, topology.DataVolumeSize)],
            Claim(topology.BackupsVolume, topology.BackupVolumeSize),
            // No replica count: the HPA owns it, and a count here would reset the scaled one on every apply.
            Deployment(DeployedConfigurations.ApiService, api, replicas: null, ApiPod(topology, instance: null)).AcrossNodesAndZones(),
            Service(DeployedConfigurations.ApiService, api, [("http", topology.ApiPort, topology.ApiPort)]),
            Service(DeployedConfigurations.ApiPodsService, api, [("http", topology.ApiPort, topology.ApiPort)], headless: true),
            Autoscaler(topology),
            Deployment(topology.Backup.Name, backup, 1, ApiPod(topology, topology.Backup.Instance)),
            Service(topology.Backup.Name, backup, [("http", topology.ApiPort, topology.ApiPort)]),
            .. KubernetesNetworkPolicies.Create(topology),
            ConfigMap(EdgeConfigMap(edge), nginx, Folder(files, edge.Name)),
            ConfigMap("static-site", nginx, Folder(files, "static")),
            Deployment(edge.Name, nginx, topology.EdgeReplicas, EdgePod(topology)).AcrossNodesAndZones(),
            // The only Service reachable from outside the cluster: everything passes the edge's TLS, limits and headers.
            PublicService(edge, nginx),
            Service(DeployedConfigurations.NginxMetricsService, nginx, [("metrics", topology.EdgeExporter.Port, topology.EdgeExporter.Port), .. topology.EdgeSidecars.Select(s => (s.Name, s.Port, s.Port))], headless: true),
            .. KubernetesMonitoringFactory.Create(topology, files),
        ];
        objects.AddRange(KubernetesDisruptionBudgets.For(objects).ToList());
        KubernetesImages.Qualify(objects, topology);
        KubernetesChecksums.Annotate(objects);
        return objects;
    }

    private static V1PodSpec ApiPod(DeploymentTopology topology, string? instance)
    {
        var port = topology.ApiPort;
        var drainSeconds = (int)Math.Ceiling(topology.DrainPeriod.TotalSeconds);
        var resources = topology.ApiResources;
        return new V1PodSpec
        {
            // preStop waits while endpoints controllers and edges drop the pod, then the API drains on SIGTERM.
            TerminationGracePeriodSeconds = drainSeconds + (long)topology.TerminationGracePeriod.TotalSeconds,
            SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, RunAsUser = RunAsUser, RunAsGroup = RunAsUser, FsGroup = RunAsUser },
            Containers =
            [
                new V1Container
                {
                    Name = "api",
                    Image = topology.ApiImage.ToString(),
                    ImagePullPolicy = "IfNotPresent",
                    Ports = [new V1ContainerPort { Name = "http", ContainerPort = port }],
                    Env =
                    [
                        instance is null
                            ? new V1EnvVar { Name = ReplicaEnvironment.Instance, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } }
                            : new V1EnvVar { Name = ReplicaEnvironment.Instance, Value = instance },
                        .. topology.ApiSettings.Select(setting => new V1EnvVar { Name = setting.Key, Value = setting.Value }),
                        .. ReplicaEnvironment.Secrets.Select(secret => FromSecret(secret.Key, SecretName, topology.Secret(secret.Parameter).Name)),
                        .. CloudNativePgFactory.Enabled(topology) ? CloudNativePgFactory.ApiEnvironment(topology) : [],
                    ],
                    Resources = Resources(resources.CpuRequest, resources.MemoryRequest, resources.CpuLimit, resources.MemoryLimit),
                    StartupProbe = HttpProbe(HealthEndpoints.Liveness, port, periodSeconds: 2, timeoutSeconds: 2, failureThreshold: 30),
                    LivenessProbe = HttpProbe(HealthEndpoints.Liveness, port, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3),
                    ReadinessProbe = HttpProbe(HealthEndpoints.Readiness, port, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2),
                    Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["sleep", drainSeconds.ToString(CultureInfo.InvariantCulture)] } } },
                    SecurityContext = RestrictedContainer(),
                    // On PostgreSQL the pod keeps no knowledge base of its own: no data volume.
                    VolumeMounts =
                    [
                        .. CloudNativePgFactory.Enabled(topology) ? Array.Empty<V1VolumeMount>() : [new V1VolumeMount { Name = "data", MountPath = topology.DataMountPath }],
                        new V1VolumeMount { Name = "backups", MountPath = topology.BackupsMountPath },
                        new V1VolumeMount { Name = "tmp", MountPath = "/tmp" },
                    ],
                },
            ],
            Volumes =
            [
                .. CloudNativePgFactory.Enabled(topology) ? Array.Empty<V1Volume>() : [new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = topology.DataVolume } }],
                new V1Volume { Name = "backups", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = topology.BackupsVolume } },
                EmptyDirectory("tmp"),
            ],
        };
    }

    private static string EdgeConfigMap(DeployedEdge edge) => $"{edge.Name}-config";

    private static V1Service PublicService(DeployedEdge edge, IDictionary<string, string> labels)
    {
        var service = Service(edge.Name, labels, [("http", DeployedConfigurations.PublicHttpPort, DeployedConfigurations.EdgeHttpPort), ("https", DeployedConfigurations.PublicHttpsPort, DeployedConfigurations.EdgeHttpsPort)], type: "LoadBalancer");
        // Local keeps the client's address (no SNAT to a node address): the edge's allow-list, rate limit and
        // connection cap then judge real clients. Nodes without an edge pod fail the load balancer's health check.
        service.Spec.ExternalTrafficPolicy = "Local";
        return service;
    }

    private static V1PodSpec EdgePod(DeploymentTopology topology) => EdgePod(topology, topology.DefaultEdge);

    private static V1PodSpec EdgePod(DeploymentTopology topology, DeployedEdge edge) => new()
    {
        // The image's unprivileged user: the rendered config binds unprivileged ports and writes only the run directory.
        SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, RunAsUser = edge.Tool.ContainerUserId, RunAsGroup = edge.Tool.ContainerUserId, FsGroup = edge.Tool.ContainerUserId },
        Containers =
        [
            new V1Container
            {
                Name = edge.Name,
                SecurityContext = RestrictedContainer(),
                Image = edge.Tool.Image.ToString(),
                Ports =
                [
                    new V1ContainerPort { Name = "http", ContainerPort = DeployedConfigurations.EdgeHttpPort },
                    new V1ContainerPort { Name = "https", ContainerPort = DeployedConfigurations.EdgeHttpsPort },
                ],
                ReadinessProbe = HttpProbe(EdgeRoutes.EdgeHealthPath, DeployedConfigurations.EdgeHttpPort, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 2),
                LivenessProbe = HttpProbe(EdgeRoutes.EdgeHealthPath, DeployedConfigurations.EdgeHttpPort, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3),
                Resources = Resources("100m", "64Mi", "500m", "256Mi"),
                VolumeMounts =
                [
                    new V1VolumeMount { Name = "config", MountPath = edge.Tool.ContainerConfigPath, SubPath = edge.Tool.ConfigFileName, ReadOnlyProperty = true },
                    new V1VolumeMount { Name = "tls", MountPath = DeployedConfigurations.TlsDirectory, ReadOnlyProperty = true },
                    new V1VolumeMount { Name = "static", MountPath = DeployedConfigurations.StaticDirectory, ReadOnlyProperty = true },
                    new V1VolumeMount { Name = "run", MountPath = DeployedConfigurations.EdgeRunDirectory },
                ],
            },
            new V1Container
            {
                // A sidecar: stub_status is reached on the pod's own network, never across the cluster.
                Name = topology.EdgeExporter.Name,
                Image = HealthAIImageTags.NginxExporter.ToString(),
                Args =
                [
                    $"--nginx.scrape-uri=http://127.0.0.1:{edge.StatusPort}/stub_status",
                    $"--web.listen-address=:{topology.EdgeExporter.Port}",
                ],
                Ports = [new V1ContainerPort { Name = "metrics", ContainerPort = topology.EdgeExporter.Port }],
                Resources = Resources("10m", "16Mi", "100m", "64Mi"),
                // The exporter image's user is "nobody" by name, which Kubernetes cannot check as non-root.
                SecurityContext = RestrictedContainer(runAsUser: NobodyUser),
            },
            // Sidecars such as mtail read what the edge sends to the pod's loopback.
            .. topology.EdgeSidecars.Select(EdgeSidecar),
        ],
        Volumes =
        [
            FromConfigMap("config", EdgeConfigMap(edge)),
            new V1Volume
            {
                Name = "tls",
                // A kubernetes.io/tls secret, its keys renamed to the file names the rendered config reads.
                Secret = new V1SecretVolumeSource
                {
                    SecretName = TlsSecretName,
                    Items = [new V1KeyToPath { Key = "tls.crt", Path = "edge.crt" }, new V1KeyToPath { Key = "tls.key", Path = "edge.key" }],
                },
            },
            FromConfigMap("static", "static-site"),
            EmptyDirectory("run", DeployedConfigurations.EdgeRunDirectoryMiB),
        ],
    };

    private static V1Container EdgeSidecar(DeployedEdgeSidecar sidecar) => new()
    {
        Name = sidecar.Name,
        Image = sidecar.Sidecar.Image.ToString(),
        Args = [.. sidecar.Sidecar.Arguments],
        Ports = [new V1ContainerPort { Name = PortName(sidecar.Name), ContainerPort = sidecar.Port }],
        ReadinessProbe = HttpProbe(sidecar.Sidecar.ReadinessPath, sidecar.Port, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3),
        Resources = Resources("10m", "32Mi", "100m", "128Mi"),
        SecurityContext = RestrictedContainer(runAsUser: sidecar.Sidecar.RunAsUser),
    };

    // A container port's name is at most 15 characters and may not end with '-'.
    private static string PortName(string name) => name.Length <= 15 ? name : name[..15].TrimEnd('-');

    private static V1PersistentVolumeClaim Claim(string name, string size) => new V1PersistentVolumeClaim
    {
        Metadata = Meta(name, KubernetesLabels.For(name, "storage")),
        Spec = new V1PersistentVolumeClaimSpec
        {
            // Every API pod mounts the same knowledge base and backups.
            AccessModes = ["ReadWriteMany"],
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size) } },
        },
    }.Initialize();

    private static V2HorizontalPodAutoscaler Autoscaler(DeploymentTopology topology)
    {
        var scaling = topology.Autoscaling;
        return new V2HorizontalPodAutoscaler
        {
            Metadata = Meta(DeployedConfigurations.ApiService, KubernetesLabels.For(DeployedConfigurations.ApiService, "api")),
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = DeployedConfigurations.ApiService },
                MinReplicas = scaling.MinReplicas,
                MaxReplicas = scaling.MaxReplicas,
                Metrics =
                [
                    Utilization("cpu", scaling.CpuUtilization),
                    Utilization("memory", scaling.MemoryUtilization),
                ],
                Behavior = new V2HorizontalPodAutoscalerBehavior
                {
                    ScaleDown = new V2HPAScalingRules
                    {
                        StabilizationWindowSeconds = scaling.ScaleDownStabilizationSeconds,
                        Policies = [new V2HPAScalingPolicy { Type = "Percent", Value = scaling.ScaleDownPercent, PeriodSeconds = scaling.ScaleDownPeriodSeconds }],
                    },
                    ScaleUp = new V2HPAScalingRules
                    {
                        StabilizationWindowSeconds = scaling.ScaleUpStabilizationSeconds,
                        Policies = [new V2HPAScalingPolicy { Type = "Percent", Value = scaling.ScaleUpPercent, PeriodSeconds = scaling.ScaleUpPeriodSeconds }],
                    },
                },
            },
        }.Initialize();
    }

    private static V2MetricSpec Utilization(string resource, int percent) => new()
    {
        Type = "Resource",
        Resource = new V2ResourceMetricSource { Name = resource, Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = percent } },
    };

    /// <summary>The files under <paramref name="folder"/>, keyed by their names: ConfigMap keys cannot hold '/'.</summary>
    public static Dictionary<string, string> Folder(IReadOnlyDictionary<string, string> files, string folder) =>
        files.Where(f => f.Key.StartsWith(folder + "/", StringComparison.Ordinal) && !f.Key[(folder.Length + 1)..].Contains('/', StringComparison.Ordinal))
            .ToDictionary(f => f.Key[(folder.Length + 1)..], f => f.Value, StringComparer.Ordinal);
}
