using Aspire.Hosting.ApplicationModel;
using HealthAI.Hosting;

namespace Aspire.Hosting;

/// <summary>Adds typed monitoring tools to the app model, each a <see cref="HostToolResource"/> with one HTTP endpoint.</summary>
public static class MonitoringToolBuilderExtensions
{
    /// <summary>Has <paramref name="prometheus"/> send its alerts to <paramref name="alertmanager"/>.</summary>
    public static IResourceBuilder<PrometheusResource> WithAlertmanager(this IResourceBuilder<PrometheusResource> prometheus, IResourceBuilder<AlertmanagerResource> alertmanager)
    {
        ArgumentNullException.ThrowIfNull(prometheus);
        ArgumentNullException.ThrowIfNull(alertmanager);
        prometheus.Resource.Alertmanagers.Add(alertmanager.Resource);
        return prometheus.WithRelationship(alertmanager.Resource, "Alerts");
    }

    /// <summary>
    /// Adds <paramref name="tool"/> with <paramref name="arguments"/>, serving HTTP on <paramref name="port"/> (not proxied: the tools
    /// reach each other on loopback in both forms), healthy once <paramref name="readinessPath"/> answers.
    /// </summary>
    public static IResourceBuilder<T> AddMonitoringTool<T>(
        this IDistributedApplicationBuilder builder, T tool, int port, string readinessPath, Func<T, IReadOnlyList<string>> arguments)
        where T : HostToolResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentException.ThrowIfNullOrWhiteSpace(readinessPath);
        ArgumentNullException.ThrowIfNull(arguments);
        var resource = builder.AddHostTool(tool, arguments)
            .WithHttpEndpoint(port, port, HostToolResource.HttpEndpointName, isProxied: false)
            .WithHttpHealthCheck(readinessPath, endpointName: HostToolResource.HttpEndpointName);
        // The dashboard shows what an exporter reads; the publishers find it by its type.
        return tool is ExporterResource exporter ? resource.WithRelationship(exporter.Exports, "Exports") : resource;
    }
}
