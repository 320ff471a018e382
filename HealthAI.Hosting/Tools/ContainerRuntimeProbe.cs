using System.Diagnostics;

namespace HealthAI.Hosting;

/// <summary>
/// Finds out once, when the app model is built, whether a container runtime answers. Aspire itself
/// would only find out when it starts a container: its testing builder then waits 30 s and throws,
/// and <c>WaitFor</c> on a container that cannot start blocks its dependents for ever.
/// </summary>
public static class ContainerRuntimeProbe
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private static readonly Lazy<string?> Detected = new(Detect);

    /// <summary>The runtime that answered (<c>docker</c> or <c>podman</c>), or null when none did.</summary>
    public static string? Available => Detected.Value;

    /// <summary>Whether infrastructure resources should run as containers under <paramref name="requested"/>.</summary>
    public static bool UseContainers(ResourceRuntime requested) => requested switch
    {
        ResourceRuntime.Container => true,
        ResourceRuntime.HostProcess => false,
        _ => Available is not null,
    };

    /// <summary>
    /// Fails, naming the command that builds it, when <paramref name="image"/> is not in the runtime's
    /// image store: no registry gives the project's images, so a container of it would never start.
    /// </summary>
    public static void EnsureBuilt(ProjectImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (Available is not { } runtime || Run(runtime, ["image", "inspect", "--format", "{{.Id}}", image.ToString()]))
        {
            return;
        }

        throw new InvalidOperationException(
            $"The image {image} is not built: run `{HealthAIImageTags.BuildCommand}` first (or run the host processes with HealthAI:Runtime=HostProcess).");
    }

    /// <summary>Removes the container <paramref name="name"/> if there is one; nothing happens without a runtime.</summary>
    public static void Remove(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (Available is { } runtime)
        {
            Run(runtime, ["rm", "--force", name]);
        }
    }

    private static string? Detect()
    {
        var configured = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME");
        string[] candidates = string.IsNullOrWhiteSpace(configured) ? ["docker", "podman"] : [configured];
        return candidates.FirstOrDefault(Answers);
    }

    // A client without a daemon (this is what `docker` alone is) fails `info` at once: that is "no runtime".
    private static bool Answers(string runtime) => Run(runtime, ["info", "--format", "{{.ServerVersion}}"]);

    private static bool Run(string runtime, string[] arguments) => Output(runtime, arguments) is not null;

    // Standard output of a command that succeeded in time; null otherwise.
    private static string? Output(string runtime, string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(runtime, arguments)
            {
                // Each argument as it is: a Go template has spaces.
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            // Both pipes drained, so a chatty command never blocks on a full one.
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(ProbeTimeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            return process.ExitCode == 0 ? output.GetAwaiter().GetResult() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
