using System.Text.Json;
using System.Text.RegularExpressions;
using HealthAI.Hosting;

namespace HealthAI.Edge.Tests;

/// <summary>An edge runs with the same command whether the local run starts it as a host process or from its image.</summary>
public sealed partial class EdgeImageCommandTests
{
    [Fact]
    public void Haproxy_image_runs_the_command_the_host_process_runs()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "HealthAI.Hosting", "Edges", "haproxy", "Dockerfile"));
        var entrypoint = JsonSerializer.Deserialize<string[]>(Entrypoint().Match(dockerfile).Groups[1].Value) ?? [];

        var tool = EdgeTool.Haproxy;
        Assert.Equal([tool.HostCommand, .. tool.HostArguments("/unused", tool.ContainerConfigPath)], entrypoint);
        Assert.Contains("-dMglobal", entrypoint);
    }

    [GeneratedRegex(@"^ENTRYPOINT (\[.*\])$", RegexOptions.Multiline)]
    private static partial Regex Entrypoint();
}
