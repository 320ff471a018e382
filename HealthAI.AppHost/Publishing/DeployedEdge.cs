using HealthAI.Hosting;

namespace HealthAI.AppHost.Publishing;

/// <summary>An edge of the app model as the publishers see it.</summary>
/// <param name="Name">The resource name, which is also the service name.</param>
/// <param name="Tool">nginx or HAProxy.</param>
/// <param name="Configuration">What the edge fronts and the operator's knobs, as the local run has them.</param>
/// <param name="ModelPorts">The edge's ports in the app model (the settings): where an alternative edge is published.</param>
/// <param name="IsDefault">Whether this is the edge every target deploys, published on 80 and 443.</param>
public sealed record DeployedEdge(string Name, EdgeTool Tool, EdgeConfiguration Configuration, EdgePorts ModelPorts, bool IsDefault)
{
    /// <summary>The compose profile an alternative edge runs under; null for the default edge.</summary>
    public string? Profile => IsDefault ? null : Name;

    /// <summary>The port the edge's status listener binds in every target.</summary>
    public int StatusPort => ModelPorts.Status;
}
