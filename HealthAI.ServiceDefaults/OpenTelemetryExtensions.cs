using HealthAI.ServiceDefaults;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>Logs, metrics and traces for every HealthAI service.</summary>
public static class OpenTelemetryExtensions
{
    /// <summary>The resource attribute, and Prometheus label, that names the replica on every series.</summary>
    public const string ReplicaAttribute = "healthai.replica";

    /// <summary>
    /// Wires OpenTelemetry: ASP.NET Core, HttpClient and runtime instrumentation, the Prometheus exporter,
    /// and OTLP export when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the AppHost sets it for its dashboard).
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddDetector(services => new ReplicaResourceDetector(services)))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusLintViews()
                .AddMeter(ReplicaMetrics.MeterName, "HealthAI.*")
                .AddPrometheusExporter(prometheus =>
                    prometheus.ResourceConstantLabels = key => key == ReplicaAttribute))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = IsTraced)
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    // Probes and scrapes arrive every few seconds from every edge and Prometheus: tracing them drowns real requests.
    private static bool IsTraced(HttpContext context) =>
        !context.Request.Path.StartsWithSegments(HealthEndpoints.Liveness)
        && !context.Request.Path.StartsWithSegments(HealthEndpoints.Readiness)
        && !context.Request.Path.StartsWithSegments(HealthEndpoints.Metrics);
}
