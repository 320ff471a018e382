using Aspire.Hosting.ApplicationModel;
using HealthAI.AppHost;
using HealthAI.AppHost.Monitoring;
using HealthAI.AppHost.Monitoring.Prometheus;
using HealthAI.Edge.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>Adds the monitoring stack: Prometheus, Alertmanager, the nginx exporter and Grafana.</summary>
public static partial class MonitoringBuilderExtensions
{
    /// <summary>The endpoint every monitoring resource serves its UI and API on.</summary>
    public const string HttpEndpointName = "http";

    /// <summary>The relationship from an exporter to the edge whose status it turns into metrics.</summary>
    public const string ExportsRelationship = "Exports";

    private const string HostGateway = "host.docker.internal";

    /// <summary>
    /// Adds Prometheus, with a <c>prometheus.yml</c> rendered just before it starts from every
    /// <see cref="ScrapeTargetAnnotation"/> in the app model, and the alert rules kept beside this file.
    /// </summary>
    public static IResourceBuilder<IResourceWithEndpoints> AddPrometheus(this IDistributedApplicationBuilder builder, string name, HealthAISettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var monitoring = settings.Monitoring;
        var tool = InfrastructureTool.Prometheus;
        var (prometheus, runDirectory, inContainer, port) = builder.AddInfrastructure(name, tool, monitoring.PrometheusPort, settings.Runtime);
        var repositoryFiles = Path.Combine(builder.AppHostDirectory, "Monitoring", "prometheus");
        var rules = Path.Combine(repositoryFiles, InfrastructureTool.AlertRulesFile);
        return prometheus
            .WithAnnotation(tool.Deployed(
                MonitoringServiceKind.Prometheus,
                port,
                new MonitoringConfigMount("config", "prometheus", "/etc/prometheus", repositoryFiles, [InfrastructureTool.AlertRulesFile]),
                new MonitoringDataMount("/prometheus", Persistent: true),
                operatorFacing: true))
            .WithScrapeTarget("prometheus", HttpEndpointName)
            .OnBeforeResourceStarted(async (resource, started, cancellationToken) =>
            {
                var model = started.Services.GetRequiredService<DistributedApplicationModel>();
                var host = inContainer ? HostGateway : "127.0.0.1";
                var setup = new PrometheusSetup(
                    monitoring.ScrapeInterval,
                    monitoring.EvaluationInterval,
                    RuleFiles: [InfrastructureTool.AlertRulesFile],
                    Alertmanagers: await AlertmanagerAddressesAsync(resource, host, inContainer, cancellationToken),
                    Jobs: await ScrapeJobCollector.CollectAsync(model, host, cancellationToken, containersByName: inContainer));
                File.Copy(rules, Path.Combine(runDirectory, InfrastructureTool.AlertRulesFile), overwrite: true);
                await File.WriteAllTextAsync(Path.Combine(runDirectory, InfrastructureTool.PrometheusConfigFile), PrometheusConfigRenderer.Render(setup), cancellationToken);
            });
    }

    /// <summary>Has Prometheus send its alerts to <paramref name="alertmanager"/>.</summary>
    public static IResourceBuilder<IResourceWithEndpoints> WithAlertmanager(this IResourceBuilder<IResourceWithEndpoints> prometheus, IResourceBuilder<IResourceWithEndpoints> alertmanager)
    {
        ArgumentNullException.ThrowIfNull(prometheus);
        ArgumentNullException.ThrowIfNull(alertmanager);
        return prometheus
            .WithAnnotation(new AlertmanagerReferenceAnnotation(alertmanager.Resource))
            .WithRelationship(alertmanager.Resource, "Alerts");
    }

    /// <summary>Adds Alertmanager with the configuration kept beside this file.</summary>
    public static IResourceBuilder<IResourceWithEndpoints> AddAlertmanager(this IDistributedApplicationBuilder builder, string name, HealthAISettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var tool = InfrastructureTool.Alertmanager;
        var (alertmanager, runDirectory, _, port) = builder.AddInfrastructure(name, tool, settings.Monitoring.AlertmanagerPort, settings.Runtime);
        var repositoryFiles = Path.Combine(builder.AppHostDirectory, "Monitoring", "alertmanager");
        return alertmanager
            .WithAnnotation(tool.Deployed(
                MonitoringServiceKind.Alertmanager,
                port,
                new MonitoringConfigMount("config", "alertmanager", "/etc/alertmanager", repositoryFiles),
                // Silences and notification state are cheap to lose; alerts are re-sent while they fire.
                new MonitoringDataMount("/alertmanager", Persistent: false),
                operatorFacing: false))
            .WithScrapeTarget("alertmanager", HttpEndpointName)
            .OnBeforeResourceStarted((_, _, _) =>
            {
                File.Copy(Path.Combine(repositoryFiles, "alertmanager.yml"), Path.Combine(runDirectory, "alertmanager.yml"), overwrite: true);
                return Task.CompletedTask;
            });
    }

    /// <summary>
    /// Adds the nginx exporter, which turns <paramref name="nginx"/>'s <c>stub_status</c> (on its loopback
    /// status port) into Prometheus metrics; it starts once nginx is healthy.
    /// </summary>
    public static IResourceBuilder<IResourceWithEndpoints> AddNginxExporter(this IDistributedApplicationBuilder builder, string name, IResourceBuilder<IEdgeResource> nginx, HealthAISettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(nginx);
        ArgumentNullException.ThrowIfNull(settings);
        var statusPort = nginx.Resource.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == EdgeConfiguration.StatusEndpointName).Port;
        var exporter = new InfrastructureTool(
            "prometheus-nginx-exporter", ProjectImages.NginxExporter,
            (_, _, address, port) =>
            [
                // In a container, nginx (a container too) is reached by name on the container network.
                $"--nginx.scrape-uri=http://{(address == "0.0.0.0" ? nginx.Resource.Name : "127.0.0.1")}:{statusPort}/stub_status",
                $"--web.listen-address={address}:{port}",
            ],
            "/metrics");
        var (resource, _, _, _) = builder.AddInfrastructure(name, exporter, settings.Monitoring.NginxExporterPort, settings.Runtime, waitFor: nginx);
        return resource
            .WithRelationship(nginx.Resource, ExportsRelationship)
            .WithScrapeTarget("nginx", HttpEndpointName);
    }

    /// <summary>
    /// Adds Grafana with a provisioned Prometheus datasource and HealthAI's dashboards, or, without a
    /// container runtime (Grafana has no Debian package), says once that it is skipped and adds nothing.
    /// </summary>
    public static IResourceBuilder<ContainerResource>? AddGrafana(this IDistributedApplicationBuilder builder, string name, IResourceBuilder<IResourceWithEndpoints> prometheus, HealthAISettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(prometheus);
        ArgumentNullException.ThrowIfNull(settings);
        if (builder.ExecutionContext.IsRunMode && !ContainerRuntimeProbe.UseContainers(settings.Runtime))
        {
            builder.Eventing.Subscribe<BeforeStartEvent>((started, _) =>
            {
                LogGrafanaSkipped(started.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HealthAI.AppHost.Monitoring"), name);
                return Task.CompletedTask;
            });
            return null;
        }

        var password = builder.AddParameter(GrafanaSettings.AdminPasswordParameter(name), new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);
        var port = builder.ExecutionContext.IsRunMode ? LoopbackPorts.Resolve(settings.Monitoring.GrafanaPort) : settings.Monitoring.GrafanaPort;
        var prometheusEndpoint = prometheus.Resource.GetEndpoint(HttpEndpointName);
        var deployed = GrafanaSettings.Deployed(name, prometheus.Resource, Path.Combine(builder.AppHostDirectory, "Monitoring", "grafana"));
        var grafana = builder.AddContainer(name, MonitoringImages.Grafana, MonitoringImages.GrafanaTag)
            .WithAnnotation(deployed)
            .WithHttpEndpoint(port, GrafanaSettings.ContainerPort, HttpEndpointName);
        foreach (var mount in deployed.ConfigMounts)
        {
            grafana.WithBindMount(mount.Source, mount.MountPath, isReadOnly: true);
        }

        foreach (var (key, value) in deployed.Environment)
        {
            grafana.WithEnvironment(key, value);
        }

        return grafana
            .WithEnvironment(GrafanaSettings.AdminPasswordVariable, password)
            // Grafana runs only where containers do, so Prometheus is a container too: reached by name on the container network.
            .WithEnvironment(GrafanaSettings.PrometheusUrlVariable, ReferenceExpression.Create($"http://{prometheus.Resource.Name}:{prometheusEndpoint.Property(EndpointProperty.TargetPort)}"))
            .WithContainerRuntimeArgs($"--add-host={HostGateway}:host-gateway")
            .WithHttpHealthCheck(deployed.ReadinessPath)
            .WaitFor(prometheus);
    }

    private static async Task<IReadOnlyList<string>> AlertmanagerAddressesAsync(IResource prometheus, string host, bool inContainer, CancellationToken cancellationToken)
    {
        var addresses = new List<string>();
        foreach (var reference in prometheus.Annotations.OfType<AlertmanagerReferenceAnnotation>())
        {
            // Container to container on the container network, as the scrape targets.
            var byName = inContainer && reference.Alertmanager is ContainerResource;
            var port = await ((IResourceWithEndpoints)reference.Alertmanager).GetEndpoint(HttpEndpointName).Property(byName ? EndpointProperty.TargetPort : EndpointProperty.Port).GetValueAsync(cancellationToken);
            addresses.Add($"{(byName ? reference.Alertmanager.Name : host)}:{port}");
        }

        return addresses;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grafana ('{Name}') is skipped: it runs only as a container and no container runtime answers here. Everything else runs; Prometheus has its own graphs.")]
    private static partial void LogGrafanaSkipped(ILogger logger, string name);
}

/// <summary>Records which Alertmanager a Prometheus sends alerts to.</summary>
internal sealed record AlertmanagerReferenceAnnotation(IResource Alertmanager) : IResourceAnnotation;
