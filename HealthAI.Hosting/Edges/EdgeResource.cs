namespace HealthAI.Hosting;

/// <summary>An edge of the local run: nginx or HAProxy, as a host process or a container, as the run's tools are placed.</summary>
public sealed class EdgeResource(string name, EdgeTool tool, EdgeConfiguration configuration, ToolPlacement placement)
    : HostToolResource(name, tool.Host, placement, configuration.RunDirectory), IEdgeResource
{
    /// <inheritdoc/>
    public EdgeTool Tool { get; } = tool;

    /// <inheritdoc/>
    public EdgeConfiguration Configuration { get; } = configuration;
}
