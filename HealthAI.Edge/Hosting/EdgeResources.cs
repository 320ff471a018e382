using Aspire.Hosting.ApplicationModel;

namespace HealthAI.Edge.Hosting;

/// <summary>An edge run as a host process from the distribution's package (no container runtime needed).</summary>
public sealed class EdgeProcessResource(string name, EdgeTool tool, EdgeConfiguration configuration)
    : ExecutableResource(name, tool.HostCommand, configuration.RunDirectory), IEdgeResource
{
    /// <inheritdoc/>
    public EdgeTool Tool { get; } = tool;

    /// <inheritdoc/>
    public EdgeConfiguration Configuration { get; } = configuration;
}

/// <summary>An edge run as a container of the tool's official image, with the rendered file mounted.</summary>
public sealed class EdgeContainerResource(string name, EdgeTool tool, EdgeConfiguration configuration)
    : ContainerResource(name), IEdgeResource
{
    /// <inheritdoc/>
    public EdgeTool Tool { get; } = tool;

    /// <inheritdoc/>
    public EdgeConfiguration Configuration { get; } = configuration;
}
