using Aspire.Hosting.ApplicationModel;
using HealthAI.AppHost.Monitoring;
using HealthAI.Edge.Hosting;

namespace Aspire.Hosting;

/// <summary>Adds a piece of infrastructure as a host process or as a container, whichever this machine offers.</summary>
internal static class InfrastructureResourceExtensions
{
    /// <summary>
    /// Adds <paramref name="tool"/> with one HTTP endpoint on a fixed port, its files in a run directory of
    /// its own, and a health check on its readiness path.
    /// </summary>
    public static (IResourceBuilder<IResourceWithEndpoints> Resource, string RunDirectory, bool InContainer, int Port) AddInfrastructure(
        this IDistributedApplicationBuilder builder, string name, InfrastructureTool tool, int configuredPort, ResourceRuntime runtime, IResourceBuilder<IResource>? waitFor = null)
    {
        // Run directories and free ports are run-time side effects; publishing must not make them.
        var isRun = builder.ExecutionContext.IsRunMode;
        var runDirectory = isRun
            ? RunDirectory.For(builder).Subdirectory(name)
            : Path.Combine(Path.GetTempPath(), $"healthai-{name}");
        var port = isRun ? LoopbackPorts.Resolve(configuredPort) : configuredPort;
        var inContainer = ContainerRuntimeProbe.UseContainers(runtime);

        IResourceBuilder<IResourceWithEndpoints> resource;
        if (inContainer)
        {
            var account = ContainerRunAccount.For(InfrastructureTool.ContainerUser);
            if (isRun)
            {
                ContainerRuntimeProbe.EnsureBuilt(tool.Image);
                // The tool writes its data below the run directory and reads the files the AppHost puts there (0644).
                account.HandOver(runDirectory);
            }

            var container = builder.AddContainer(name, tool.Image.Repository, tool.Image.Tag)
                .WithBindMount(runDirectory, InfrastructureTool.ContainerRunDirectory)
                .WithArgs(tool.Arguments(InfrastructureTool.ContainerRunDirectory, InfrastructureTool.ContainerRunDirectory + "/data", "0.0.0.0", port))
                .WithContainerRuntimeArgs("--add-host=host.docker.internal:host-gateway", account.RuntimeArgument)
                .WithHttpEndpoint(port, port, MonitoringBuilderExtensions.HttpEndpointName);
            resource = waitFor is null ? container : container.WaitFor(waitFor);
        }
        else
        {
            var process = builder.AddExecutable(name, tool.HostCommand, runDirectory, tool.Arguments(runDirectory, Path.Combine(runDirectory, "data"), "127.0.0.1", port))
                .WithHttpEndpoint(port, port, MonitoringBuilderExtensions.HttpEndpointName, isProxied: false);
            resource = waitFor is null ? process : process.WaitFor(waitFor);
        }

        resource.WithHttpHealthCheck(tool.ReadinessPath, endpointName: MonitoringBuilderExtensions.HttpEndpointName);
        return (resource, runDirectory, inContainer, port);
    }
}
