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
    public static IResourceBuilder<ExporterResource> AddNginxRequestMetrics(this IDistributedApplicationBuilder builder, string name, IResourceBuilder<IEdgeResource> nginx, HealthAISettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(nginx);
        ArgumentNullException.ThrowIfNull(settings);
        var monitoring = settings.Monitoring;
        var placement = ToolPlacement.Of(builder);
        var logPort = placement.Port(monitoring.NginxRequestLogPort);
        nginx.Resource.Configuration.RequestLogStreamPort = logPort;
        var tool = InfrastructureTool.Mtail(logPort);
        var runDirectory = placement.RunDirectory(name);
        var port = placement.Port(monitoring.NginxRequestMetricsPort);
        var mtail = builder.AddMonitoringTool(new ExporterResource(name, tool.Host, placement, runDirectory, nginx.Resource), port, tool.ReadinessPath, resource => tool.RunArguments(resource, port));
        var programs = Path.Combine(builder.AppHostDirectory, "Monitoring", "mtail");
        return mtail
            .WithAnnotation(new EdgeSidecarAnnotation(tool.Image, tool.Arguments(InfrastructureTool.MtailProgramsDirectory, "", "0.0.0.0", port), tool.ReadinessPath))
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
