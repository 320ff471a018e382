using Aspire.Hosting.ApplicationModel;
using HealthAI.AppHost.Monitoring;
using HealthAI.Hosting;

namespace Aspire.Hosting;

/// <summary>Adds a piece of infrastructure as a host process or as a container on the host's network, whichever this machine offers.</summary>
internal static class InfrastructureResourceExtensions
{
    /// <summary>
    /// Adds <paramref name="tool"/> with one HTTP endpoint on a fixed port, its files in a run directory of
    /// its own, and a health check on its readiness path.
    /// </summary>
    public static (IResourceBuilder<IResourceWithEndpoints> Resource, string RunDirectory, int Port) AddInfrastructure(
        this IDistributedApplicationBuilder builder, string name, InfrastructureTool tool, int configuredPort, ResourceRuntime runtime, IResourceBuilder<IResource>? waitFor = null)
    {
        // Run directories and free ports are run-time side effects; publishing must not make them.
        var isRun = builder.ExecutionContext.IsRunMode;
        var runDirectory = isRun
            ? RunDirectory.For(builder).Subdirectory(name)
            : Path.Combine(Path.GetTempPath(), $"healthai-{name}");
        var port = isRun ? LoopbackPorts.Resolve(configuredPort) : configuredPort;
        var inContainer = ContainerRuntimeProbe.UseContainers(runtime);

        IResourceBuilder<ExecutableResource> process;
        if (inContainer)
        {
            var account = ContainerRunAccount.For(InfrastructureTool.ContainerUser);
            if (isRun)
            {
                ContainerRuntimeProbe.EnsureBuilt(tool.Image);
                // The tool writes its data below the run directory and reads the files the AppHost puts there (0644).
                account.HandOver(runDirectory);
            }

            process = builder.AddExecutable(name, HostNetworkContainer.Runtime, runDirectory)
                .AsHostNetworkContainer(new HostNetworkContainer(
                    HostNetworkContainer.NameFor(builder.AppHostDirectory, name),
                    tool.Image.ToString(),
                    account,
                    [new ContainerBind(runDirectory, InfrastructureTool.ContainerRunDirectory)],
                    PassedVariables: [],
                    Command: tool.Arguments(InfrastructureTool.ContainerRunDirectory, InfrastructureTool.ContainerRunDirectory + "/data", "127.0.0.1", port)));
        }
        else
        {
            process = builder.AddExecutable(name, tool.HostCommand, runDirectory, tool.Arguments(runDirectory, Path.Combine(runDirectory, "data"), "127.0.0.1", port));
        }

        process.WithHttpEndpoint(port, port, MonitoringBuilderExtensions.HttpEndpointName, isProxied: false);
        IResourceBuilder<IResourceWithEndpoints> resource = waitFor is null ? process : process.WaitFor(waitFor);

        resource.WithHttpHealthCheck(tool.ReadinessPath, endpointName: MonitoringBuilderExtensions.HttpEndpointName);
        return (resource, runDirectory, port);
    }
}
