using System.Globalization;
using HealthAI.AppHost.Replicas;
using HealthAI.Edge.Policy;
using HealthAI.Hosting;
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
    internal const string Backend = "backend";
    private const string Operations = "ops";
    private const string Healthy = "service_healthy";

    public static ComposeFile Create(DeploymentTopology topology)
    {
        var services = new SortedDictionary<string, ComposeService>(StringComparer.Ordinal);
        foreach (var (replica, index) in topology.Replicas.Select((replica, index) => (replica, index)))
        {
            services[replica.Name] = ApiService(topology, replica, index);
        }

        foreach (var edge in DeploymentFiles.EdgesOf(topology, DeploymentTarget.Compose))
        {
            services[edge.Name] = Edge(edge);
        }

        services[topology.EdgeExporter.Name] = NginxExporter(topology);
        foreach (var sidecar in topology.EdgeSidecars)
        {
            services[sidecar.Name] = EdgeSidecar(topology, sidecar);
        }

        foreach (var service in topology.MonitoringServices)
        {
            services[service.Name] = Monitoring(topology, service);
        }

        // The data volume only on SQLite: on PostgreSQL a replica keeps no knowledge base of its own.
        var volumes = new SortedDictionary<string, ComposeVolume>(
            new[] { topology.BackupsVolume }
                .Concat(topology.MonitoringServices.Select(service => service.DataVolume).OfType<string>())
                .ToDictionary(volume => volume, _ => new ComposeVolume(), StringComparer.Ordinal),
            StringComparer.Ordinal);
        var networks = new SortedDictionary<string, ComposeNetwork>(StringComparer.Ordinal)
        {
            [Frontend] = new(),
            // The replicas and the monitoring talk here; nothing on it is reachable from outside.
            [Backend] = new()
            {
                Internal = true,
                Ipam = new ComposeIpam { Config = [new ComposeIpamPool { Subnet = ComposeAddresses.BackendSubnet, IpRange = ComposeAddresses.DynamicRange }] },
            },
            [Operations] = new(),
        };
        if (topology.PostgreSql is { } postgres)
        {
            ComposePostgres.AddTo(postgres, topology.Replicas.Count, services, volumes, networks);
        }
        else
        {
            volumes[topology.DataVolume] = new();
        }

        var logging = new ComposeLogging
        {
            Driver = "json-file",
            Options = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["max-size"] = topology.ComposeLogs.MaxSize,
                ["max-file"] = Number(topology.ComposeLogs.Files),
            },
        };
        foreach (var service in services.Values)
        {
            service.Logging = logging;
            service.Image = topology.Image(service.Image);
        }

        return new ComposeFile
        {
            Services = services,
            Networks = networks,
            Volumes = volumes,
        };
    }

    private static ComposeService ApiService(DeploymentTopology topology, DeployedReplica replica, int index) => new()
    {
        Image = topology.ApiImage.ToString(),
        Build = Build(HealthAIImageTags.Api),
        Environment = new SortedDictionary<string, string>(topology.ApiSettings
            .Concat(topology.PostgreSql is { } postgres ? ComposePostgres.ApiEnvironment(postgres) : [])
            .Concat(ReplicaEnvironment.Secrets.Select(secret => KeyValuePair.Create(secret.Key, Required(topology.Secret(secret.Parameter)))))
            .ToDictionary(), StringComparer.Ordinal)
        {
            [ReplicaEnvironment.Instance] = replica.Instance,
        },
        // On PostgreSQL a replica starts once both data nodes answer (whichever is primary).
        DependsOn = topology.PostgreSql is { } cluster ? Waiting(cluster.Nodes) : null,
        // On PostgreSQL a replica keeps no knowledge base of its own: only the shared backups folder.
        Volumes = topology.PostgreSql is null
            ? [$"{topology.DataVolume}:{topology.DataMountPath}", $"{topology.BackupsVolume}:{topology.BackupsMountPath}"]
            : [$"{topology.BackupsVolume}:{topology.BackupsMountPath}"],
        ReadOnly = true,
        Tmpfs = ["/tmp"],
        Networks = new(new[] { KeyValuePair.Create(Backend, new ComposeServiceNetwork { Ipv4Address = ComposeAddresses.Replica(index) }) }
            .Concat(topology.PostgreSql is null ? [] : [ComposePostgres.ReplicaNetwork(index)])
            .ToDictionary(), StringComparer.Ordinal),
        // wget, not the API's own binary: a .NET start is 0.2 s of CPU a probe where wget takes a few milliseconds,
        // and on a busy host that start alone outlasted the check's timeout and marked a serving replica unhealthy.
        Healthcheck = Probe($"http://127.0.0.1:{Number(topology.ApiPort)}{HealthEndpoints.Readiness}", interval: "5s", startPeriod: "30s"),
        Restart = "unless-stopped",
        StopGracePeriod = Seconds(topology.TerminationGracePeriod),
        SecurityOpt = ["no-new-privileges:true"],
        CapDrop = ["ALL"],
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
            Tmpfs = [$"{DeployedConfigurations.EdgeRunDirectory}:size={Number(DeployedConfigurations.EdgeRunDirectoryMiB)}m"],
            // Every file the edge writes (pid, temp files) is in the tmpfs run directory; its ports are unprivileged.
            ReadOnly = true,
            Networks = On(Frontend, Backend),
            // An edge waits for the replicas it balances over; the backup is its fallback, not a precondition.
            DependsOn = Waiting(edge.Configuration.Upstreams.Where(u => u.Role == UpstreamRole.Primary).Select(u => u.Endpoint.Resource.Name)),
            Healthcheck = Probe($"http://127.0.0.1:{Number(DeployedConfigurations.EdgeHttpPort)}{EdgeRoutes.EdgeHealthPath}"),
            Restart = "unless-stopped",
            SecurityOpt = ["no-new-privileges:true"],
            CapDrop = ["ALL"],
        };
    }

    private static ComposeService NginxExporter(DeploymentTopology topology) => new()
    {
        Image = HealthAIImageTags.NginxExporter.ToString(),
        Build = Build(HealthAIImageTags.NginxExporter),
        Command =
        [
            $"--nginx.scrape-uri=http://{topology.DefaultEdge.Name}:{Number(topology.DefaultEdge.StatusPort)}/stub_status",
            $"--web.listen-address=:{Number(topology.EdgeExporter.Port)}",
        ],
        ReadOnly = true,
        Networks = On(Backend),
        DependsOn = Waiting([topology.DefaultEdge.Name]),
        Healthcheck = Probe($"http://127.0.0.1:{Number(topology.EdgeExporter.Port)}/metrics"),
        Restart = "unless-stopped",
        SecurityOpt = ["no-new-privileges:true"],
        CapDrop = ["ALL"],
    };

    // A service of its own at a fixed backend address, where the edge sends its log stream; Prometheus scrapes it by name.
    private static ComposeService EdgeSidecar(DeploymentTopology topology, DeployedEdgeSidecar sidecar) => new()
    {
        Image = sidecar.Sidecar.Image.ToString(),
        Build = Build(sidecar.Sidecar.Image),
        Command = [.. sidecar.Sidecar.Arguments],
        ReadOnly = true,
        Networks = new(StringComparer.Ordinal) { [Backend] = new ComposeServiceNetwork { Ipv4Address = ComposeAddresses.EdgeSidecar(topology.EdgeSidecars.ToList().IndexOf(sidecar)) } },
        DependsOn = Waiting([topology.DefaultEdge.Name]),
        Healthcheck = Probe($"http://127.0.0.1:{Number(sidecar.Port)}{sidecar.Sidecar.ReadinessPath}"),
        Restart = "unless-stopped",
        SecurityOpt = ["no-new-privileges:true"],
        CapDrop = ["ALL"],
    };

    // Prometheus, Alertmanager, Grafana: as their builders describe them. Operators reach the ones meant for them on
    // loopback only (an SSH tunnel or a proxy of their own); an upstream image needs a registry, so it runs under a profile.
    private static ComposeService Monitoring(DeploymentTopology topology, DeployedMonitoringService service)
    {
        var described = service.Service;
        var environment = new SortedDictionary<string, string>(described.Environment.ToDictionary(), StringComparer.Ordinal);
        foreach (var (variable, secret) in service.Secrets)
        {
            // No default: compose refuses to start until the .env file sets it.
            environment[variable] = Required(secret);
        }

        foreach (var (variable, target) in service.ServiceUrls)
        {
            environment[variable] = $"http://{target}:{Number(topology.MonitoringService(target).ContainerPort)}";
        }

        return new ComposeService
        {
            Image = described.Image,
            Build = described.Build is null ? null : Build(described.Build),
            Profiles = service.Profile is null ? null : [service.Profile],
            Command = described.Arguments.Count == 0 ? null : [.. described.Arguments],
            Environment = environment.Count == 0 ? null : environment,
            Volumes =
            [
                .. described.ConfigMounts.Select(mount => $"./{mount.Folder}:{mount.MountPath}:ro"),
                .. service.DataVolume is null ? [] : new[] { $"{service.DataVolume}:{described.Data.MountPath}" },
            ],
            // Read-only but for the data folder (a volume, or a tmpfs when the data is cheap to lose) and /tmp.
            Tmpfs = service.DataVolume is null ? [described.Data.MountPath, "/tmp"] : ["/tmp"],
            ReadOnly = true,
            Ports = described.OperatorFacing
                ? [$"127.0.0.1:${{{service.Name.Replace('-', '_').ToUpperInvariant()}_PORT:-{Number(service.ServicePort)}}}:{Number(service.ContainerPort)}"]
                : null,
            Networks = described.OperatorFacing ? On(Backend, Operations) : On(Backend),
            DependsOn = service.DependsOn.Count == 0 ? null : Waiting(service.DependsOn),
            Healthcheck = Probe($"http://127.0.0.1:{Number(service.ContainerPort)}{described.ReadinessPath}"),
            Restart = "unless-stopped",
            SecurityOpt = ["no-new-privileges:true"],
            CapDrop = ["ALL"],
        };
    }

    // Where the edges' ports are published on the host (EDGE_ADDRESS in .env; every interface by default).
    private const string PublishAddress = "${EDGE_ADDRESS:-0.0.0.0}";

    // NGINX_HTTPS_PORT, HAPROXY_HTTP_PORT...: .env moves a published port without publishing again.
    private static string PortVariable(DeployedEdge edge, string scheme) => $"{edge.Tool.Name.ToUpperInvariant()}_{scheme}_PORT";

    internal static ComposeBuild Build(ProjectImage image) => new()
    {
        // ./healthai images builds these with layer caching; `docker compose build` works too.
        Context = "${HEALTHAI_SOURCE:-../..}/" + image.Context,
        Dockerfile = ProjectImage.Dockerfile,
        Args = new(StringComparer.Ordinal) { [HealthAIImageTags.BaseImageArgument] = $"${{HEALTHAI_BASE_IMAGE:-{HealthAIImageTags.RegistryBaseImage}}}" },
    };

    private static SortedDictionary<string, ComposeServiceNetwork> On(params string[] networks) =>
        new(networks.ToDictionary(network => network, _ => new ComposeServiceNetwork()), StringComparer.Ordinal);

    // Every image the project builds has wget in its first layer (HealthAIImageTags); so does Grafana's.
    internal static ComposeHealthcheck Probe(string url, string interval = "10s", string startPeriod = "10s") => new()
    {
        Test = ["CMD", "wget", "-q", "-O", "/dev/null", url],
        Interval = interval,
        Timeout = "5s",
        Retries = 3,
        StartPeriod = startPeriod,
    };

    internal static SortedDictionary<string, ComposeDependency> Waiting(IEnumerable<string> services) =>
        new(services.ToDictionary(service => service, _ => new ComposeDependency { Condition = Healthy }), StringComparer.Ordinal);

    internal static string Required(DeployedSecret secret) => $"${{{secret.EnvironmentVariable}:?set {secret.EnvironmentVariable} in .env}}";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalSeconds}s");
}
