using Aspire.Hosting.ApplicationModel;

namespace HealthAI.Hosting;

/// <summary>
/// A tool of the local run, as a host process or as a container on the host's network (<see cref="HostNetworkContainer"/>),
/// whichever its <see cref="ToolPlacement"/> decided: either way an executable resource with its files in one run directory.
/// </summary>
public class HostToolResource(string name, HostTool tool, ToolPlacement placement, string runDirectory)
    : ExecutableResource(name, placement.InContainers ? HostNetworkContainer.Runtime : tool.Command, runDirectory)
{
    /// <summary>The endpoint a tool with one HTTP endpoint serves its UI, API or metrics on.</summary>
    public const string HttpEndpointName = "http";

    /// <summary>The tool's package and image.</summary>
    public HostTool HostTool { get; } = tool;

    /// <summary>The placement of every tool of the run.</summary>
    public ToolPlacement Placement { get; } = placement;

    /// <summary>Whether this tool runs in a container.</summary>
    public bool InContainer => Placement.InContainers;

    /// <summary>The folder of the tool's configuration, data and logs, on the host.</summary>
    public string RunDirectory { get; } = runDirectory;

    /// <summary>The run directory as the tool itself sees it: the host folder, or its mount in the container.</summary>
    public string SeenRunDirectory => InContainer ? HostTool.ContainerRunDirectory : RunDirectory;

    /// <summary>The account a container of the tool runs as.</summary>
    public ContainerRunAccount ContainerAccount => ContainerRunAccount.For(HostTool.ContainerUser);

    /// <summary>
    /// Gives the run directory and the files the AppHost has put there to <see cref="ContainerAccount"/>, which must write its
    /// pid and temp files there and read its configuration; a host process runs as the AppHost's own user and needs nothing.
    /// </summary>
    public void HandOverRunDirectory()
    {
        if (InContainer)
        {
            ContainerAccount.HandOver(RunDirectory);
        }
    }
}
