using Aspire.Hosting.ApplicationModel;
using HealthAI.AppHost.Replicas;
using HealthAI.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aspire.Hosting;

/// <summary>Adds HealthAI API replicas to the app model.</summary>
public static class ApiReplicaBuilderExtensions
{
    /// <summary>
    /// Adds one replica of the API. Its endpoint is not proxied: DCP's proxy would keep accepting
    /// connections for a stopped replica, and an edge in front of it would hang instead of failing over.
    /// </summary>
    /// <param name="builder">The app model builder.</param>
    /// <param name="name">The resource name, such as <c>healthai-app-1</c>.</param>
    /// <param name="instance">The replica's <c>APP_INSTANCE</c>.</param>
    /// <param name="role">Primary, or the backup.</param>
    public static IResourceBuilder<ApiReplicaResource> AddApiReplica(
        this IDistributedApplicationBuilder builder, string name, string instance, ReplicaRole role = ReplicaRole.Primary)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(instance);

        var healthAI = builder.GetHealthAISettings();
        var settings = healthAI.Replicas;
        builder.Services.TryAddSingleton<ReplicaStartupReport>();
        var replica = new ApiReplicaResource(name, instance, role, Path.GetDirectoryName(ApiAssembly.Path)!);
        var endpoint = replica.HttpEndpoint;
        return builder.AddResource(replica)
            .WithArgs(ApiAssembly.Path)
            .WithHttpEndpoint(name: ApiReplicaResource.HttpEndpointName, isProxied: false)
            .WithEnvironment("ASPNETCORE_URLS", ReferenceExpression.Create($"http://{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.TargetPort)}"))
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithEnvironment(ReplicaOptions.InstanceVariable, instance)
            .WithEnvironment($"{ReplicaOptions.SectionName}__{nameof(ReplicaOptions.DrainPeriod)}", settings.DrainPeriod.ToString("c"))
            .WithEnvironment("Faults__Enabled", settings.FaultInjection ? "true" : "false")
            .WithOtlpExporter()
            .WithHttpHealthCheck(HealthEndpoints.Readiness, endpointName: ApiReplicaResource.HttpEndpointName)
            .WithScrapeTarget("healthai-api", ApiReplicaResource.HttpEndpointName, HealthEndpoints.Metrics,
                labels: new Dictionary<string, string> { ["role"] = role.ToString().ToLowerInvariant() },
                interval: healthAI.Monitoring.ApiScrapeInterval)
            .OnResourceReady((resource, ready, _) =>
            {
                ready.Services.GetRequiredService<ReplicaStartupReport>().Ready(resource.Name);
                return Task.CompletedTask;
            });
    }
}
