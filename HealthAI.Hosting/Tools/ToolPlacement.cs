using System.Runtime.CompilerServices;
using Aspire.Hosting;

namespace HealthAI.Hosting;

/// <summary>
/// Where the local run places its tools (edges, Prometheus, Alertmanager, exporters, PostgreSQL), decided once per app
/// model: every tool runs in the same form, so they all reach each other on loopback. A publish places nothing: it
/// makes no folders and allocates no ports.
/// </summary>
public sealed class ToolPlacement
{
    private static readonly ConditionalWeakTable<IDistributedApplicationBuilder, ToolPlacement> Decided = [];
    private readonly IDistributedApplicationBuilder _builder;

    private ToolPlacement(IDistributedApplicationBuilder builder, bool inContainers)
    {
        _builder = builder;
        InContainers = inContainers;
    }

    /// <summary>Whether the tools run from their images in containers rather than as host processes.</summary>
    public bool InContainers { get; }

    /// <summary>Whether this is the local run, which makes folders and takes ports; a publish only describes them.</summary>
    public bool IsRun => _builder.ExecutionContext.IsRunMode;

    /// <summary>
    /// Decides the placement of <paramref name="builder"/>'s tools under <paramref name="runtime"/>; called once, before any tool is
    /// added. A second decision that differs fails, so that no tool is placed apart from the others.
    /// </summary>
    public static ToolPlacement Decide(IDistributedApplicationBuilder builder, ResourceRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var decided = Decided.GetValue(builder, b => new ToolPlacement(b, ContainerRuntimeProbe.UseContainers(runtime)));
        if (decided.InContainers != ContainerRuntimeProbe.UseContainers(runtime))
        {
            throw new InvalidOperationException($"The tools are already placed {(decided.InContainers ? "in containers" : "as host processes")}; {runtime} would split them.");
        }

        return decided;
    }

    /// <summary>The placement decided for <paramref name="builder"/>, or the machine's own (<see cref="ResourceRuntime.Auto"/>) when none was.</summary>
    public static ToolPlacement Of(IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Decided.GetValue(builder, b => new ToolPlacement(b, ContainerRuntimeProbe.UseContainers(ResourceRuntime.Auto)));
    }

    /// <summary>The run directory of the tool <paramref name="name"/>: a private folder of the run, or a placeholder path when publishing.</summary>
    public string RunDirectory(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return IsRun
            ? Hosting.RunDirectory.For(_builder).Subdirectory(name)
            : Path.Combine(Path.GetTempPath(), $"healthai-{name}");
    }

    /// <summary>The port to listen on: <paramref name="configured"/>, or a free one when it is zero in the run; a publish keeps it as configured.</summary>
    public int Port(int configured) => IsRun ? LoopbackPorts.Resolve(configured) : configured;
}
