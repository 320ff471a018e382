using HealthAI.Hosting;

namespace HealthAI.AppHost.Monitoring;

/// <summary>
/// An exporter that reads what the default edge sends it, so it runs beside the edge in every target: a host process
/// locally, a service at a fixed backend address in compose (the edge sends to that address), a container of the edge's
/// pod in Kubernetes. Both publishers render it from this alone; its port is the resource's
/// <c>http</c> endpoint.
/// </summary>
/// <param name="Image">The project's image it runs.</param>
/// <param name="Arguments">Its arguments in a deployment, listening on every interface of the edge's namespace.</param>
/// <param name="ReadinessPath">The path that answers 200 once it is ready.</param>
public sealed record EdgeSidecarAnnotation(ProjectImage Image, IReadOnlyList<string> Arguments, string ReadinessPath) : IResourceAnnotation
{
    /// <summary>The unprivileged user its image runs as (nobody).</summary>
    public long RunAsUser { get; init; } = InfrastructureTool.ContainerUser;
}
