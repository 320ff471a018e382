using HealthAI.AppHost.Monitoring;
using HealthAI.AppHost.Replicas;
using HealthAI.Hosting;

namespace HealthAI.AppHost.Publishing;

/// <summary>
/// Reads the deployment out of the app model and the settings: the replicas, the edges (with the same
/// configuration the local run renders from), the scrape targets and the Alertmanagers. The publishers
/// add only addresses, paths and ports.
/// </summary>
public static class DeploymentTopologyFactory
{
    /// <summary>The topology for <paramref name="model"/> under <paramref name="settings"/>.</summary>
    public static DeploymentTopology Create(DistributedApplicationModel model, HealthAISettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        var replicas = model.Resources.OfType<ApiReplicaResource>()
            .Select(replica => new DeployedReplica(replica.Name, replica.Instance, replica.Role))
            .ToList();
        if (replicas.Count(r => r.Role == ReplicaRole.Backup) != 1 || !replicas.Any(r => r.Role == ReplicaRole.Primary))
        {
            throw new InvalidOperationException("Publishing needs at least one primary replica and exactly one backup in the app model.");
        }

        var edges = model.Resources.OfType<IEdgeResource>().Select((edge, index) => new DeployedEdge(
            edge.Name,
            edge.Tool,
            edge.Configuration,
            new EdgePorts
            {
                Http = FixedPort(edge, EdgeConfiguration.HttpEndpointName),
                Https = FixedPort(edge, EdgeConfiguration.HttpsEndpointName),
                Status = FixedPort(edge, EdgeConfiguration.StatusEndpointName),
            },
            IsDefault: index == 0)).ToList();
        if (edges.Count == 0)
        {
            throw new InvalidOperationException("Publishing needs an edge in the app model: nothing else is reachable from outside.");
        }

        var ofDefaultEdge = model.Resources.OfType<ExporterResource>()
            .Where(exporter => exporter.Exports.Name == edges[0].Name)
            .ToList();
        var exporters = ofDefaultEdge.Where(resource => !resource.Annotations.OfType<EdgeSidecarAnnotation>().Any()).ToList();
        var sidecars = ofDefaultEdge
            .SelectMany(resource => resource.Annotations.OfType<EdgeSidecarAnnotation>()
                .Select(sidecar => new DeployedEdgeSidecar(resource.Name, FixedPort(resource, MonitoringBuilderExtensions.HttpEndpointName), sidecar)))
            .ToList();
        if (exporters.Count != 1)
        {
            throw new InvalidOperationException($"Publishing needs exactly one exporter of the default edge '{edges[0].Name}' in the app model; found {exporters.Count}.");
        }

        IReadOnlyList<DeployedSecret> secrets = [.. model.Resources.OfType<ParameterResource>().Where(p => p.Secret).Select(p => new DeployedSecret(p.Name)).OrderBy(s => s.Name, StringComparer.Ordinal)];
        var topology = new DeploymentTopology
        {
            ApiImage = new ContainerImage(settings.Publish.ApiImage, settings.Publish.ImageTag),
            Replicas = replicas,
            PostgreSql = DeployedPostgreSql.From(model),
            KubernetesDatabase = settings.Publish.Kubernetes,
            ReplicaSettings = settings.Replicas,
            NetworkAccess = ReplicaNetworkAccess.ForDeployment(settings.Edges),
            Namespace = settings.Publish.Namespace,
            ComposeLogs = (settings.Publish.ComposeLogMaxSize, settings.Publish.ComposeLogFiles),
            Monitoring = settings.Monitoring,
            Edges = edges,
            EdgeExporter = new DeployedService(exporters[0].Name, FixedPort(exporters[0], MonitoringBuilderExtensions.HttpEndpointName)),
            EdgeSidecars = sidecars,
            Alertmanagers = [.. model.Resources.OfType<PrometheusResource>().SelectMany(prometheus => prometheus.Alertmanagers)
                .Select(alertmanager => new DeployedService(alertmanager.Name, FixedPort(alertmanager, MonitoringBuilderExtensions.HttpEndpointName)))],
            ScrapeTargets = [],
            MonitoringServices = MonitoringServices(model, secrets),
            Secrets = secrets,
            Autoscaling = new Autoscaling { MinReplicas = settings.Publish.Kubernetes.MinReplicas, MaxReplicas = settings.Publish.Kubernetes.MaxReplicas },
            ApiResources = new ComputeResources(settings.Publish.Kubernetes.ApiCpuRequest, settings.Publish.Kubernetes.ApiMemoryRequest, settings.Publish.Kubernetes.ApiCpuLimit, settings.Publish.Kubernetes.ApiMemoryLimit),
            Registry = settings.Publish.Registry,
        };
        return topology with { ScrapeTargets = ScrapeTargets(model, topology, exporters[0]) };
    }

    private static List<DeployedScrapeTarget> ScrapeTargets(DistributedApplicationModel model, DeploymentTopology topology, IResource exporter)
    {
        var targets = new List<DeployedScrapeTarget>();
        foreach (var resource in model.Resources.OfType<IResourceWithEndpoints>())
        {
            foreach (var annotation in resource.Annotations.OfType<ScrapeTargetAnnotation>())
            {
                var (port, placement) = resource switch
                {
                    ApiReplicaResource replica => (topology.ApiPort, replica.Role == ReplicaRole.Primary ? ScrapedPlacement.Primary : ScrapedPlacement.Service),
                    IEdgeResource edge when edge.Name != topology.DefaultEdge.Name => (FixedPort(resource, annotation.EndpointName), ScrapedPlacement.AlternativeEdge),
                    _ when ReferenceEquals(resource, exporter) => (FixedPort(resource, annotation.EndpointName), ScrapedPlacement.EdgeExporter),
                    _ when topology.EdgeSidecars.Any(sidecar => sidecar.Name == resource.Name) => (FixedPort(resource, annotation.EndpointName), ScrapedPlacement.EdgeSidecar),
                    _ => (FixedPort(resource, annotation.EndpointName), ScrapedPlacement.Service),
                };
                targets.Add(new DeployedScrapeTarget(resource.Name, annotation, port, placement));
            }
        }

        return targets;
    }

    // Each annotated monitoring resource becomes a service; who waits for and who connects to whom comes from the model.
    private static List<DeployedMonitoringService> MonitoringServices(DistributedApplicationModel model, IReadOnlyList<DeployedSecret> secrets)
    {
        var annotated = model.Resources.OfType<IResourceWithEndpoints>()
            .Select(resource => (Resource: resource, Service: resource.Annotations.OfType<MonitoringServiceAnnotation>().SingleOrDefault()))
            .Where(r => r.Service is not null)
            .Select(r => (r.Resource, Service: r.Service!))
            .OrderBy(r => r.Service.Kind)
            .ToList();
        var names = annotated.Select(r => r.Resource.Name).ToHashSet(StringComparer.Ordinal);
        // A client connects to a service through a URL variable, or sends it alerts.
        IEnumerable<string> TargetsOf(IResource resource, MonitoringServiceAnnotation service) =>
            service.ServiceUrls.Select(url => url.Target.Name)
                .Concat((resource as PrometheusResource)?.Alertmanagers.Select(alertmanager => alertmanager.Name) ?? []);

        return [.. annotated.Select(r =>
        {
            var endpoint = r.Resource.Annotations.OfType<EndpointAnnotation>().SingleOrDefault(e => e.Name == MonitoringBuilderExtensions.HttpEndpointName)
                ?? throw new InvalidOperationException($"{r.Resource.Name} has no '{MonitoringBuilderExtensions.HttpEndpointName}' endpoint to publish.");
            var containerPort = FixedPort(r.Resource, MonitoringBuilderExtensions.HttpEndpointName);
            return new DeployedMonitoringService(
                r.Resource.Name,
                r.Service,
                containerPort,
                endpoint.Port is > 0 ? endpoint.Port.Value : containerPort,
                [.. r.Service.Secrets.Select(secret => (secret.Variable, secrets.SingleOrDefault(s => s.Name == secret.Parameter)
                    ?? throw new InvalidOperationException($"{r.Resource.Name} reads the secret parameter '{secret.Parameter}', which the app model does not have.")))],
                [.. r.Service.ServiceUrls.Select(url => names.Contains(url.Target.Name)
                    ? (url.Variable, url.Target.Name)
                    : throw new InvalidOperationException($"{r.Resource.Name} refers to '{url.Target.Name}', which is no monitoring service of the app model."))],
                [.. r.Resource.Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource.Name).Where(names.Contains).Distinct().Order(StringComparer.Ordinal)],
                [.. annotated.Where(client => TargetsOf(client.Resource, client.Service).Contains(r.Resource.Name, StringComparer.Ordinal)).Select(client => client.Resource.Name).Order(StringComparer.Ordinal)]);
        })];
    }

    // A deployment names its ports: a port the settings left to be chosen at start (0) cannot be published.
    private static int FixedPort(IResourceWithEndpoints resource, string endpointName)
    {
        var endpoint = resource.Annotations.OfType<EndpointAnnotation>().SingleOrDefault(e => e.Name == endpointName)
            ?? throw new InvalidOperationException($"{resource.Name} has no '{endpointName}' endpoint to publish.");
        var port = endpoint.TargetPort ?? endpoint.Port;
        return port is > 0
            ? port.Value
            : throw new InvalidOperationException($"The '{endpointName}' port of {resource.Name} is 0 (a free port at start); publishing needs the HealthAI setting of that port to be a fixed one.");
    }
}
