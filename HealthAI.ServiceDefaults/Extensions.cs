using HealthAI.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every HealthAI service shares: identity, graceful drain, health checks, telemetry, service
/// discovery and resilient outgoing HTTP; and the always-on endpoints that edges, orchestrators and
/// Prometheus rely on.
/// </summary>
public static class Extensions
{
    /// <summary>Adds the HealthAI service defaults to a host.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddReplicaLifecycle();
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddNetworkAccess();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>
    /// Registers the replica's identity and lifecycle: options validated at start, readiness that
    /// turns 503 on SIGTERM, a drain period before Kestrel stops, and the identity headers.
    /// </summary>
    public static TBuilder AddReplicaLifecycle<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddOptions<ReplicaOptions>()
            .Bind(builder.Configuration.GetSection(ReplicaOptions.SectionName))
            .Configure<IConfiguration>((options, configuration) =>
                options.Instance = configuration[ReplicaOptions.InstanceVariable] ?? options.Instance)
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReplicaOptions>, ReplicaOptionsValidator>());

        // The host's own shutdown timeout must cover the drain and the requests still in flight after it.
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<ReplicaOptions>>((host, replica) =>
            host.ShutdownTimeout = replica.Value.DrainPeriod + replica.Value.InFlightGracePeriod);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(ReplicaStartTime.OfThisProcess());
        builder.Services.TryAddSingleton<ReplicaLifecycle>();
        builder.Services.TryAddSingleton<ReplicaMetrics>();
        builder.Services.AddHostedService<GracefulDrainService>();
        builder.Services.AddTransient<IStartupFilter, ReplicaIdentityStartupFilter>();
        return builder;
    }

    /// <summary>Adds the health checks every replica runs: its lifecycle decides readiness.</summary>
    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks()
            .AddCheck<LifecycleHealthCheck>(LifecycleHealthCheck.Name, tags: [HealthCheckTags.Ready]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/healthz</c>, <c>/readyz</c>, <c>/health/detailed</c> and <c>/monitoring/export</c>.
    /// They are production endpoints, always on; the last two are for the allow-list only, refused by the edge and,
    /// once <see cref="NetworkAccessExtensions.UseAllowedNetworks"/> is in the pipeline, by the replica itself.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Creating the meter here, not on first scrape, makes the lifecycle gauges exist from the start.
        _ = app.Services.GetRequiredService<ReplicaMetrics>();

        app.MapHealthChecks(HealthEndpoints.Liveness, new HealthCheckOptions { Predicate = _ => false })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .DisableHttpMetrics();
        app.MapHealthChecks(HealthEndpoints.Readiness, new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthCheckTags.Ready) })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .DisableHttpMetrics();
        app.MapHealthChecks(HealthEndpoints.Detailed, new HealthCheckOptions { ResponseWriter = DetailedHealthReportWriter.WriteAsync })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .RequireAllowedNetwork();
        app.MapPrometheusScrapingEndpoint(HealthEndpoints.Metrics)
            .DisableHttpMetrics()
            .RequireAllowedNetwork();
        return app;
    }
}
