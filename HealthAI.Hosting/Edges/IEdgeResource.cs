using Aspire.Hosting.ApplicationModel;

namespace HealthAI.Hosting;

/// <summary>An edge in the app model, whether it runs as a host process or as a container.</summary>
public interface IEdgeResource : IResourceWithEndpoints, IResourceWithWaitSupport
{
    /// <summary>Which tool this edge runs.</summary>
    EdgeTool Tool { get; }

    /// <summary>Whether the edge runs in a container.</summary>
    bool InContainer { get; }

    /// <summary>The run directory as the edge sees it: the host folder, or <see cref="EdgeTool.ContainerRunDirectory"/> in a container.</summary>
    string SeenRunDirectory { get; }

    /// <summary>Gives the run directory to the container's account after the AppHost wrote into it (<see cref="HostToolResource.HandOverRunDirectory"/>).</summary>
    void HandOverRunDirectory();

    /// <summary>What the edge fronts and how: the inputs of its policy.</summary>
    EdgeConfiguration Configuration { get; }
}
