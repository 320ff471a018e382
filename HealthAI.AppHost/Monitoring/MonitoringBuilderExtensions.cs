using HealthAI.AppHost;
using HealthAI.AppHost.Monitoring;
using HealthAI.AppHost.Monitoring.Prometheus;
using HealthAI.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

/// <summary>Adds the monitoring stack: Prometheus, Alertmanager, the nginx exporter and Grafana.</summary>
public static partial class MonitoringBuilderExtensions
{
    /// <summary>The endpoint every monitoring resource serves its UI and API on.</summary>
    public const string HttpEndpointName = HostToolResource.HttpEndpointName;

    /// <summary>
    /// Adds Prometheus, with a <c>prometheus.yml</c> rendered just before it starts from every
    /// <see cref="ScrapeTargetAnnotation"/> in the app model, and the recording and alert rules kept beside this file.
    /// </summary>
    public static IResourceBuilder<PrometheusResource> AddPrometheus(this IDistributedApplicationBuilder builder, string name, HealthAISettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var monitoring = settings.Monitoring;
        var tool = InfrastructureTool.Prometheus;
        var placement = ToolPlacement.Of(builder);
        var runDirectory = placement.RunDirectory(name);
        var port = placement.Port(monitoring.PrometheusPort);
        var prometheus = builder.AddMonitoringTool(new PrometheusResource(name, tool.Host, placement, runDirectory), port, tool.ReadinessPath, resource => tool.RunArguments(resource, port));
        var repositoryFiles = Path.Combine(builder.AppHostDirectory, "Monitoring", "prometheus");
        return prometheus
            .WithAnnotation(tool.Deployed(
                MonitoringServiceKind.Prometheus,
                port,
                new MonitoringConfigMount("config", "prometheus", "/etc/prometheus", repositoryFiles, InfrastructureTool.RuleFiles),
                new MonitoringDataMount("/prometheus", Persistent: true),
                operatorFacing: true))
            .WithScrapeTarget("prometheus", HttpEndpointName)
            .OnBeforeResourceStarted(async (resource, started, cancellationToken) =>
            {
                var model = started.Services.GetRequiredService<DistributedApplicationModel>();
                // Both forms run on the host's network: every target is on loopback.
                const string host = "127.0.0.1";
                var setup = new PrometheusSetup(
                    monitoring.ScrapeInterval,
                    monitoring.EvaluationInterval,
                    RuleFiles: InfrastructureTool.RuleFiles,
                    Alertmanagers: await AlertmanagerAddressesAsync(resource.Alertmanagers, host, cancellationToken),
                    Jobs: await ScrapeJobCollector.CollectAsync(model, host, cancellationToken),
                    ExternalLabels: Runbooks.ExternalLabels(monitoring));
                foreach (var rules in InfrastructureTool.RuleFiles)
                {
                    File.Copy(Path.Combine(repositoryFiles, rules), Path.Combine(runDirectory, rules), overwrite: true);
                }

                await File.WriteAllTextAsync(Path.Combine(runDirectory, InfrastructureTool.PrometheusConfigFile), PrometheusConfigRenderer.Render(setup), cancellationToken);
            });
    }

    /// <summary>Adds Alertmanager with the configuration kept beside this file.</summary>
    public static IResourceBuilder<AlertmanagerResource> AddAlertmanager(this IDistributedApplicationBuilder builder, string name, HealthAISettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var tool = InfrastructureTool.Alertmanager;
        var placement = ToolPlacement.Of(builder);
        var runDirectory = placement.RunDirectory(name);
        var port = placement.Port(settings.Monitoring.AlertmanagerPort);
        var alertmanager = builder.AddMonitoringTool(new AlertmanagerResource(name, tool.Host, placement, runDirectory), port, tool.ReadinessPath, resource => tool.RunArguments(resource, port));
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
    public static IResourceBuilder<ExporterResource> AddNginxExporter(this IDistributedApplicationBuilder builder, string name, IResourceBuilder<IEdgeResource> nginx, HealthAISettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(nginx);
        ArgumentNullException.ThrowIfNull(settings);
        var statusPort = nginx.Resource.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == EdgeConfiguration.StatusEndpointName).Port;
        var tool = InfrastructureTool.NginxExporter(statusPort);
        var placement = ToolPlacement.Of(builder);
        var port = placement.Port(settings.Monitoring.NginxExporterPort);
        return builder.AddMonitoringTool(new ExporterResource(name, tool.Host, placement, placement.RunDirectory(name), nginx.Resource), port, tool.ReadinessPath, resource => tool.RunArguments(resource, port))
            .WaitFor(nginx)
            .WithScrapeTarget("nginx", HttpEndpointName);
    }

    /// <summary>
    /// Adds Grafana with a provisioned Prometheus datasource and HealthAI's dashboards, or, without a
    /// container runtime (Grafana has no Debian package), says once that it is skipped and adds nothing.
    /// </summary>
    public static IResourceBuilder<ExecutableResource>? AddGrafana(this IDistributedApplicationBuilder builder, string name, IResourceBuilder<PrometheusResource> prometheus, HealthAISettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(prometheus);
        ArgumentNullException.ThrowIfNull(settings);
        var placement = ToolPlacement.Of(builder);
        if (placement.IsRun && !placement.InContainers)
        {
            builder.Eventing.Subscribe<BeforeStartEvent>((started, _) =>
            {
                LogGrafanaSkipped(started.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HealthAI.AppHost.Monitoring"), name);
                return Task.CompletedTask;
            });
            return null;
        }

        var password = builder.AddParameter(GrafanaSettings.AdminPasswordParameter(name), new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);
        var port = placement.Port(settings.Monitoring.GrafanaPort);
        var prometheusEndpoint = prometheus.Resource.GetEndpoint(HttpEndpointName);
        var deployed = GrafanaSettings.Deployed(name, prometheus.Resource, Path.Combine(builder.AppHostDirectory, "Monitoring", "grafana"));
        var environment = new SortedDictionary<string, object>(StringComparer.Ordinal)
        {
            [GrafanaSettings.AdminPasswordVariable] = password,
            // On the host's network, as Prometheus: it listens on loopback, on the port the app model gave it.
            [GrafanaSettings.PrometheusUrlVariable] = ReferenceExpression.Create($"http://127.0.0.1:{prometheusEndpoint.Property(EndpointProperty.Port)}"),
            [GrafanaSettings.ListenAddressVariable] = "127.0.0.1",
            [GrafanaSettings.ListenPortVariable] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in deployed.Environment)
        {
            environment[key] = value;
        }

        var grafana = builder.AddExecutable(name, HostNetworkContainer.Runtime, builder.AppHostDirectory)
            .WithAnnotation(deployed)
            .AsHostNetworkContainer(new HostNetworkContainer(
                HostNetworkContainer.NameFor(builder.AppHostDirectory, name),
                deployed.Image,
                Account: null,
                [.. deployed.ConfigMounts.Select(mount => new ContainerBind(mount.Source, mount.MountPath, ReadOnly: true))],
                PassedVariables: [.. environment.Keys],
                Command: []))
            .WithHttpEndpoint(port, port, HttpEndpointName, isProxied: false);
        foreach (var (key, value) in environment)
        {
            grafana = value switch
            {
                IResourceBuilder<ParameterResource> parameter => grafana.WithEnvironment(key, parameter),
                ReferenceExpression expression => grafana.WithEnvironment(key, expression),
                _ => grafana.WithEnvironment(key, (string)value),
            };
        }

        return grafana
            .WithHttpHealthCheck(deployed.ReadinessPath)
            .WaitFor(prometheus);
    }

    private static async Task<IReadOnlyList<string>> AlertmanagerAddressesAsync(IEnumerable<AlertmanagerResource> alertmanagers, string host, CancellationToken cancellationToken)
    {
        var addresses = new List<string>();
        foreach (var alertmanager in alertmanagers)
        {
            var port = await alertmanager.GetEndpoint(HttpEndpointName).Property(EndpointProperty.Port).GetValueAsync(cancellationToken);
            addresses.Add($"{host}:{port}");
        }

        return addresses;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grafana ('{Name}') is skipped: it runs only as a container and no container runtime answers here. Everything else runs; Prometheus has its own graphs.")]
    private static partial void LogGrafanaSkipped(ILogger logger, string name);
}

