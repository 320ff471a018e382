using Aspire.Hosting.ApplicationModel;

namespace HealthAI.Hosting;

/// <summary>An edge in the app model, whether it runs as a host process or as a container.</summary>
public interface IEdgeResource : IResourceWithEndpoints, IResourceWithWaitSupport
{
    /// <summary>Which tool this edge runs.</summary>
    EdgeTool Tool { get; }

    /// <summary>Whether the edge runs in a container (its files then seen at <see cref="EdgeTool.ContainerRunDirectory"/>).</summary>
    bool InContainer { get; }

    /// <summary>What the edge fronts and how: the inputs of its policy.</summary>
    EdgeConfiguration Configuration { get; }
}
