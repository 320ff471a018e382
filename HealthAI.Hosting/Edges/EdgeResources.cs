using Aspire.Hosting.ApplicationModel;

namespace HealthAI.Hosting;

/// <summary>An edge run as a host process from the distribution's package (no container runtime needed).</summary>
public sealed class EdgeProcessResource(string name, EdgeTool tool, EdgeConfiguration configuration)
    : ExecutableResource(name, tool.HostCommand, configuration.RunDirectory), IEdgeResource
{
    /// <inheritdoc/>
    public EdgeTool Tool { get; } = tool;

    /// <inheritdoc/>
    public EdgeConfiguration Configuration { get; } = configuration;
}

/// <summary>An edge run from the project's image on the host's network (<see cref="HostNetworkContainer"/>), with the rendered file mounted.</summary>
public sealed class EdgeContainerResource(string name, EdgeTool tool, EdgeConfiguration configuration)
    : ExecutableResource(name, HostNetworkContainer.Runtime, configuration.RunDirectory), IEdgeResource
{
    /// <inheritdoc/>
    public EdgeTool Tool { get; } = tool;

    /// <inheritdoc/>
    public EdgeConfiguration Configuration { get; } = configuration;
}
