using Aspire.Hosting.ApplicationModel;
using HealthAI.Hosting;

namespace Aspire.Hosting;

/// <summary>Adds a tool of the local run in the form its placement decided.</summary>
public static class HostToolBuilderExtensions
{
    /// <summary>
    /// Adds <paramref name="tool"/>: as a host process with <paramref name="arguments"/>, or as a container of its image that
    /// sees its run directory and <paramref name="binds"/> and passes <paramref name="arguments"/> to the image's entrypoint.
    /// The image must have been built when the run starts containers.
    /// </summary>
    /// <param name="builder">The app model builder.</param>
    /// <param name="tool">The resource, whose placement says which form it takes.</param>
    /// <param name="arguments">The tool's arguments, as it sees its run directory (<see cref="HostToolResource.SeenRunDirectory"/>).</param>
    /// <param name="binds">Further files or folders a container sees, beside its run directory.</param>
    public static IResourceBuilder<T> AddHostTool<T>(
        this IDistributedApplicationBuilder builder, T tool, Func<T, IReadOnlyList<string>> arguments, IReadOnlyList<ContainerBind>? binds = null)
        where T : HostToolResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(arguments);
        var resource = builder.AddResource(tool);
        if (!tool.InContainer)
        {
            return resource.WithArgs([.. arguments(tool)]);
        }

        if (tool.Placement.IsRun)
        {
            ContainerRuntimeProbe.EnsureBuilt(tool.HostTool.Image);
            tool.HandOverRunDirectory();
        }

        return resource.AsHostNetworkContainer(new HostNetworkContainer(
            HostNetworkContainer.NameFor(builder.AppHostDirectory, tool.Name),
            tool.HostTool.Image.ToString(),
            tool.ContainerAccount,
            [new ContainerBind(tool.RunDirectory, tool.HostTool.ContainerRunDirectory), .. binds ?? []],
            PassedVariables: [],
            Command: arguments(tool)));
    }
}
