namespace HealthAI.Hosting;

/// <summary>
/// A tool the local run starts either from its Debian package on the host or from the project's image on the host's
/// network: what the two forms need to know, and nothing about the tool's own arguments.
/// </summary>
/// <param name="Command">The packaged executable a host process runs.</param>
/// <param name="Image">The image the project builds for it (<see cref="HealthAIImageTags"/>).</param>
/// <param name="ContainerUser">The numeric user its container runs as, which the run directory is handed to.</param>
/// <param name="ContainerRunDirectory">Where a container sees the tool's run directory.</param>
public sealed record HostTool(string Command, ProjectImage Image, int ContainerUser, string ContainerRunDirectory);
