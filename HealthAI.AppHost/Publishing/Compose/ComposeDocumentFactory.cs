using System.Globalization;
using HealthAI.AppHost.Monitoring;
using HealthAI.Edge.Hosting;
using HealthAI.Edge.Policy;
using HealthAI.ServiceDefaults;

namespace HealthAI.AppHost.Publishing.Compose;

/// <summary>
/// Builds the compose file of a <see cref="DeploymentTopology"/>: every replica a service, only the edge
/// published, the backend network internal, health checks that work inside the real images, and
/// dependencies that wait for health.
/// </summary>
internal static class ComposeDocumentFactory
{
    private const string Frontend = "frontend";
    private const string Backend = "backend";
    private const string Operations = "ops";
    private const string Healthy = "service_healthy";

    public static ComposeFile Create(DeploymentTopology topology)
    {
        var services = new SortedDictionary<string, ComposeService>(StringComparer.Ordinal);
        foreach (var (replica, index) in topology.Replicas.Select((replica, index) => (replica, index)))
        {
            services[replica.Name] = ApiService(topology, replica, ComposeAddresses.Replica(index));
        }

        foreach (var edge in DeploymentFiles.EdgesOf(topology, DeploymentTarget.Compose))
        {
            services[edge.Name] = Edge(edge);
        }

        services[topology.EdgeExporter.Name] = NginxExporter(topology);
        services["prometheus"] = Prometheus(topology);
        services["alertmanager"] = Alertmanager(topology);
        services["grafana"] = Grafana(topology);

        return new ComposeFile
        {
            Services = services,
            Networks = new SortedDictionary<string, ComposeNetwork>(StringComparer.Ordinal)
            {
                [Frontend] = new(),
                // The replicas and the monitoring talk here; nothing on it is reachable from outside.
                [Backend] = new()
                {
                    Internal = true,
                    Ipam = new ComposeIpam { Config = [new ComposeIpamPool { Subnet = ComposeAddresses.BackendSubnet, IpRange = ComposeAddresses.DynamicRange }] },
                },
                [Operations] = new(),
            },
            Volumes = new SortedDictionary<string, ComposeVolume>(StringComparer.Ordinal)
            {
                [topology.DataVolume] = new(),
                [topology.BackupsVolume] = new(),
                ["prometheus-data"] = new(),
                ["grafana-data"] = new(),
            },
        };
    }

    private static ComposeService ApiService(DeploymentTopology topology, DeployedReplica replica, string address) => new()
    {
        Image = topology.ApiImage.ToString(),
        Build = Build(ProjectImages.Api),
        Environment = new SortedDictionary<string, string>(topology.ApiSettings.ToDictionary(), StringComparer.Ordinal)
        {
            [ReplicaOptions.InstanceVariable] = replica.Instance,
            [DeploymentTopology.AdminTokenVariable] = Required(topology.Secret(ApiReplicaBuilderExtensions.BackupAdminTokenParameter)),
            [DeploymentTopology.EditorTokenVariable] = Required(topology.Secret(ApiReplicaBuilderExtensions.EditorTokenParameter)),
        },
        Volumes = [$"{topology.DataVolume}:{topology.DataMountPath}", $"{topology.BackupsVolume}:{topology.BackupsMountPath}"],
        ReadOnly = true,
        Tmpfs = ["/tmp"],
        Networks = new(StringComparer.Ordinal) { [Backend] = new ComposeServiceNetwork { Ipv4Address = address } },
        Healthcheck = new ComposeHealthcheck
        {
            // The API probes itself: the image needs no curl.
            Test = ["CMD", "/app/HealthAI.Api", "--probe", $"http://127.0.0.1:{Number(topology.ApiPort)}{HealthEndpoints.Readiness}"],
            Interval = "5s",
            Timeout = "5s",
            Retries = 3,
            StartPeriod = "30s",
        },
        Restart = "unless-stopped",
        StopGracePeriod = Seconds(topology.TerminationGracePeriod),
        SecurityOpt = ["no-new-privileges:true"],
    };

    private static ComposeService Edge(DeployedEdge edge)
    {
        var tool = edge.Tool;
        var published = DeployedConfigurations.PublishedPorts(edge);
        return new ComposeService
        {
            Image = tool.Image.ToString(),
            Build = Build(tool.Image),
            Profiles = edge.Profile is null ? null : [edge.Profile],
            // Only HAProxy reads the stats password; nginx's status page has none.
            Environment = tool == EdgeTool.Haproxy
                ? new SortedDictionary<string, string>(StringComparer.Ordinal) { [DeployedSecret.HaproxyStatsPassword.EnvironmentVariable] = Required(DeployedSecret.HaproxyStatsPassword) }
                : null,
            Ports =
            [
                $"{PublishAddress}:${{{PortVariable(edge, "HTTP")}:-{Number(published.Http)}}}:{Number(DeployedConfigurations.EdgeHttpPort)}",
                $"{PublishAddress}:${{{PortVariable(edge, "HTTPS")}:-{Number(published.Https)}}}:{Number(DeployedConfigurations.EdgeHttpsPort)}",
            ],
            Volumes =
            [
                $"./{DeploymentFiles.ConfigurationFile(edge)}:{tool.ContainerConfigPath}:ro",
                "${TLS_DIRECTORY:-./tls}:" + DeployedConfigurations.TlsDirectory + ":ro",
                "./static:" + DeployedConfigurations.StaticDirectory + ":ro",
            ],
            Tmpfs = [DeployedConfigurations.EdgeRunDirectory],
            Networks = On(Frontend, Backend),
            // An edge waits for the replicas it balances over; the backup is its fallback, not a precondition.
            DependsOn = Waiting(edge.Configuration.Upstreams.Where(u => u.Role == UpstreamRole.Primary).Select(u => u.Endpoint.Resource.Name)),
            Healthcheck = Probe($"http://127.0.0.1:{Number(DeployedConfigurations.EdgeHttpPort)}{EdgeRoutes.EdgeHealthPath}"),
            Restart = "unless-stopped",
            SecurityOpt = ["no-new-privileges:true"],
        };
    }

    private static ComposeService NginxExporter(DeploymentTopology topology) => new()
    {
        Image = ProjectImages.NginxExporter.ToString(),
        Build = Build(ProjectImages.NginxExporter),
        Command =
        [
            $"--nginx.scrape-uri=http://{topology.DefaultEdge.Name}:{Number(topology.DefaultEdge.StatusPort)}/stub_status",
            $"--web.listen-address=:{Number(topology.EdgeExporter.Port)}",
        ],
        Networks = On(Backend),
        DependsOn = Waiting([topology.DefaultEdge.Name]),
        Healthcheck = Probe($"http://127.0.0.1:{Number(topology.EdgeExporter.Port)}/metrics"),
        Restart = "unless-stopped",
    };

    private static ComposeService Prometheus(DeploymentTopology topology)
    {
        var port = topology.Monitoring.PrometheusPort;
        return new ComposeService
        {
            Image = InfrastructureTool.Prometheus.Image.ToString(),
            Build = Build(InfrastructureTool.Prometheus.Image),
            Command = [.. InfrastructureTool.Prometheus.Arguments("/etc/prometheus", "/prometheus", "0.0.0.0", port)],
            Volumes = ["./prometheus:/etc/prometheus:ro", "prometheus-data:/prometheus"],
            // Published on loopback only: operators reach it through an SSH tunnel or a proxy of their own.
            Ports = [$"127.0.0.1:${{PROMETHEUS_PORT:-{Number(port)}}}:{Number(port)}"],
            Networks = On(Backend, Operations),
            Healthcheck = Probe($"http://127.0.0.1:{Number(port)}{InfrastructureTool.Prometheus.ReadinessPath}"),
            Restart = "unless-stopped",
        };
    }

    private static ComposeService Alertmanager(DeploymentTopology topology)
    {
        var port = topology.Monitoring.AlertmanagerPort;
        return new ComposeService
        {
            Image = InfrastructureTool.Alertmanager.Image.ToString(),
            Build = Build(InfrastructureTool.Alertmanager.Image),
            Command = [.. InfrastructureTool.Alertmanager.Arguments("/etc/alertmanager", "/alertmanager", "0.0.0.0", port)],
            Volumes = ["./alertmanager:/etc/alertmanager:ro"],
            Tmpfs = ["/alertmanager"],
            Networks = On(Backend),
            Healthcheck = Probe($"http://127.0.0.1:{Number(port)}{InfrastructureTool.Alertmanager.ReadinessPath}"),
            Restart = "unless-stopped",
        };
    }

    // Grafana has no Debian package: its upstream image, under a profile of its own, needs a registry.
    private static ComposeService Grafana(DeploymentTopology topology) => new()
    {
        Image = $"{MonitoringImages.Grafana}:{MonitoringImages.GrafanaTag}",
        Profiles = ["grafana"],
        Environment = new SortedDictionary<string, string>(GrafanaSettings.Environment.ToDictionary(), StringComparer.Ordinal)
        {
            // No default password: compose refuses to start until the .env file sets one.
            [GrafanaSettings.AdminPasswordVariable] = Required(topology.Secret(GrafanaSettings.AdminPasswordParameter("grafana"))),
            [GrafanaSettings.PrometheusUrlVariable] = $"http://prometheus:{Number(topology.Monitoring.PrometheusPort)}",
        },
        Volumes =
        [
            "./grafana/provisioning:/etc/grafana/provisioning:ro",
            "./grafana/dashboards:/var/lib/grafana/dashboards:ro",
            "grafana-data:/var/lib/grafana",
        ],
        Ports = [$"127.0.0.1:${{GRAFANA_PORT:-{Number(topology.Monitoring.GrafanaPort)}}}:3000"],
        Networks = On(Backend, Operations),
        DependsOn = Waiting(["prometheus"]),
        Healthcheck = Probe("http://127.0.0.1:3000/api/health"),
        Restart = "unless-stopped",
    };

    // Where the edges' ports are published on the host (EDGE_ADDRESS in .env; every interface by default).
    private const string PublishAddress = "${EDGE_ADDRESS:-0.0.0.0}";

    // NGINX_HTTPS_PORT, HAPROXY_HTTP_PORT...: .env moves a published port without publishing again.
    private static string PortVariable(DeployedEdge edge, string scheme) => $"{edge.Tool.Name.ToUpperInvariant()}_{scheme}_PORT";

    private static ComposeBuild Build(ProjectImage image) => new()
    {
        // ./healthai images builds these with layer caching; `docker compose build` works too.
        Context = "${HEALTHAI_SOURCE:-../..}/" + image.Context,
        Dockerfile = ProjectImage.Dockerfile,
        Args = new(StringComparer.Ordinal) { [ProjectImages.BaseImageArgument] = $"${{HEALTHAI_BASE_IMAGE:-{ProjectImages.RegistryBaseImage}}}" },
    };

    private static SortedDictionary<string, ComposeServiceNetwork> On(params string[] networks) =>
        new(networks.ToDictionary(network => network, _ => new ComposeServiceNetwork()), StringComparer.Ordinal);

    // Every image the project builds has wget in its first layer (ProjectImages); so does Grafana's.
    private static ComposeHealthcheck Probe(string url) => new()
    {
        Test = ["CMD", "wget", "-q", "-O", "/dev/null", url],
        Interval = "10s",
        Timeout = "5s",
        Retries = 3,
        StartPeriod = "10s",
    };

    private static SortedDictionary<string, ComposeDependency> Waiting(IEnumerable<string> services) =>
        new(services.ToDictionary(service => service, _ => new ComposeDependency { Condition = Healthy }), StringComparer.Ordinal);

    private static string Required(DeployedSecret secret) => $"${{{secret.EnvironmentVariable}:?set {secret.EnvironmentVariable} in .env}}";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalSeconds}s");
}
