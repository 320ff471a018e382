using HealthAI.AppHost;
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
    /// <param name="healthAI">The topology's validated settings.</param>
    public static IResourceBuilder<ApiReplicaResource> AddApiReplica(
        this IDistributedApplicationBuilder builder, string name, string instance, ReplicaRole role, HealthAISettings healthAI)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(instance);
        ArgumentNullException.ThrowIfNull(healthAI);

        builder.Services.TryAddSingleton<ReplicaStartupReport>();
        var replica = new ApiReplicaResource(name, instance, role, Path.GetDirectoryName(ApiAssembly.Path)!);
        var endpoint = replica.HttpEndpoint;
        return builder.AddResource(replica)
            .WithArgs(ApiAssembly.Path)
            .WithHttpEndpoint(name: ApiReplicaResource.HttpEndpointName, isProxied: false)
            .WithEnvironment(ReplicaEnvironment.ListenUrls, ListenUrls(endpoint))
            .WithEnvironment(ReplicaEnvironment.HostingEnvironment, builder.Environment.EnvironmentName)
            .WithEnvironment(ReplicaEnvironment.Instance, instance)
            .WithSharedStorage(builder, healthAI)
            // The question page, for HAProxy (which serves no files) and for a replica reached directly.
            .WithEnvironment(ReplicaEnvironment.StaticSiteDirectory, Path.Combine(builder.AppHostDirectory, "static"))
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

    // Loopback only, where the edges and Prometheus connect in both forms of the local run (containers run on the
    // host's network): the replicas must stay behind the edges.
    private static ReferenceExpression ListenUrls(EndpointReference endpoint) =>
        ReferenceExpression.Create($"http://{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.TargetPort)}");

    /// <summary>
    /// Gives a replica the settings every replica gets (<see cref="ReplicaEnvironment.Settings"/>) with the data and
    /// backups folders that all replicas of this host share, and its <see cref="ReplicaEnvironment.Secrets"/>. The folders are made only in run mode: a publish describes volumes, it makes none.
    /// </summary>
    private static IResourceBuilder<ApiReplicaResource> WithSharedStorage(
        this IResourceBuilder<ApiReplicaResource> replica, IDistributedApplicationBuilder builder, HealthAISettings settings)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            var data = Path.GetFullPath(settings.Storage.DataDirectory ?? Path.Combine(builder.AppHostDirectory, ".healthai", "data"));
            var backups = Path.GetFullPath(settings.Storage.BackupsDirectory ?? Path.Combine(builder.AppHostDirectory, ".healthai", "backups"));
            Directory.CreateDirectory(data);
            Directory.CreateDirectory(backups);
            foreach (var (key, value) in ReplicaEnvironment.Settings(settings.Replicas, ReplicaNetworkAccess.ForRun(settings.Edges), data, backups))
            {
                replica.WithEnvironment(key, value);
            }
        }

        foreach (var secret in ReplicaEnvironment.Secrets)
        {
            replica.WithEnvironment(secret.Key, SecretToken(builder, secret.Parameter));
        }

        return replica;
    }

    /// <summary>One secret parameter for every replica, generated on first run and kept in the AppHost's user secrets.</summary>
    private static IResourceBuilder<ParameterResource> SecretToken(IDistributedApplicationBuilder builder, string name)
    {
        var existing = builder.Resources.OfType<ParameterResource>().FirstOrDefault(parameter => parameter.Name == name);
        return existing is not null
            ? builder.CreateResourceBuilder(existing)
            // No special characters: the token travels in an Authorization header and in shell commands.
            : builder.AddParameter(name, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
    }
}
