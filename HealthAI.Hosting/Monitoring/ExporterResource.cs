using Aspire.Hosting.ApplicationModel;

namespace HealthAI.Hosting;

/// <summary>An exporter in the local run: it turns what <see cref="Exports"/> shows or sends it into Prometheus metrics.</summary>
public sealed class ExporterResource(string name, HostTool tool, ToolPlacement placement, string runDirectory, IResource exports)
    : HostToolResource(name, tool, placement, runDirectory)
{
    /// <summary>The resource whose metrics this exporter serves, such as the edge whose status page it reads.</summary>
    public IResource Exports { get; } = exports;
}
