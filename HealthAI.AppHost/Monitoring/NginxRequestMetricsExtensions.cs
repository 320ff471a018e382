using Aspire.Hosting.ApplicationModel;
using HealthAI.AppHost;
using HealthAI.AppHost.Monitoring;
using HealthAI.Hosting;

namespace Aspire.Hosting;

/// <summary>Adds mtail, which counts nginx's requests by status from the line a request nginx sends it.</summary>
public static class NginxRequestMetricsExtensions
{
    /// <summary>The Prometheus job of the counters, which the alert rules and the edges dashboard select on.</summary>
    public const string Job = "nginx-requests";

    /// <summary>
    /// Adds mtail beside <paramref name="nginx"/> and has nginx send it a request log stream on a loopback UDP port
    /// (<see cref="MonitoringSettings.NginxRequestLogPort"/>): nginx OSS's stub_status has no per-status counts.
    /// </summary>
    public static IResourceBuilder<IResourceWithEndpoints> AddNginxRequestMetrics(this IDistributedApplicationBuilder builder, string name, IResourceBuilder<IEdgeResource> nginx, HealthAISettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(nginx);
        ArgumentNullException.ThrowIfNull(settings);
        var monitoring = settings.Monitoring;
        var logPort = builder.ExecutionContext.IsRunMode ? LoopbackPorts.Resolve(monitoring.NginxRequestLogPort) : monitoring.NginxRequestLogPort;
        nginx.Resource.Configuration.RequestLogStreamPort = logPort;
        var tool = InfrastructureTool.Mtail(logPort);
        var (mtail, runDirectory, port) = builder.AddInfrastructure(name, tool, monitoring.NginxRequestMetricsPort, settings.Runtime);
        var programs = Path.Combine(builder.AppHostDirectory, "Monitoring", "mtail");
        return mtail
            .WithAnnotation(new EdgeSidecarAnnotation(tool.Image, tool.Arguments(InfrastructureTool.MtailProgramsDirectory, "", "0.0.0.0", port), tool.ReadinessPath))
            .WithRelationship(nginx.Resource, MonitoringBuilderExtensions.ExportsRelationship)
            .WithScrapeTarget(Job, MonitoringBuilderExtensions.HttpEndpointName)
            .OnBeforeResourceStarted((_, _, _) =>
            {
                // The repository's programs, as the image has them; mtail loads every *.mtail of its --progs folder.
                foreach (var program in Directory.EnumerateFiles(programs, "*.mtail"))
                {
                    File.Copy(program, Path.Combine(runDirectory, Path.GetFileName(program)), overwrite: true);
                }

                return Task.CompletedTask;
            });
    }
}
