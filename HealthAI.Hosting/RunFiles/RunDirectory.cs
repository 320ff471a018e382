using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HealthAI.Hosting;

/// <summary>
/// A folder under the system temp folder that belongs to one run and goes with it:
/// <c>healthai-{purpose}-{pid}-{random}</c>. The owner removes it when the run ends; a run that crashed
/// leaves it behind, and the next <see cref="Create"/> on the machine removes every such folder whose
/// process is gone.
/// </summary>
public sealed partial class RunDirectory : IDisposable
{
    private static readonly ConditionalWeakTable<IDistributedApplicationBuilder, RunDirectory> AppRuns = [];

    // Once a process: a test process makes hundreds of folders, and the temp folder need not be read for each.
    private static readonly Lazy<int> AbandonedRemoved = new(RemoveAbandoned);

    private RunDirectory(string path) => Path = path;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Makes a run folder for <paramref name="purpose"/>; the process's first one removes what crashed runs left.</summary>
    public static RunDirectory Create(string purpose)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        _ = AbandonedRemoved.Value;
        var name = string.Create(CultureInfo.InvariantCulture, $"healthai-{purpose}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        return new RunDirectory(CreatePrivate(System.IO.Path.Combine(System.IO.Path.GetTempPath(), name)));
    }

    /// <summary>
    /// The app's one run folder, which every resource's files go below; it is removed once the app has stopped
    /// (after its resources), so a <c>./healthai up</c> ended with Ctrl+C and a test's system leave nothing.
    /// </summary>
    public static RunDirectory For(IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return AppRuns.GetValue(builder, b =>
        {
            var run = Create("run");
            b.Services.AddHostedService(services => new RemovalOnStop(run, services.GetRequiredService<IHostApplicationLifetime>()));
            return run;
        });
    }

    /// <summary>A folder of its own below the run folder.</summary>
    public string Subdirectory(string name) => CreatePrivate(System.IO.Path.Combine(Path, name));

    /// <summary>Removes the folder; a file a stopping process still holds does not fail the caller.</summary>
    public void Dispose() => TryDelete(Path);

    /// <summary>Removes every run folder whose process no longer runs; returns how many it removed.</summary>
    public static int RemoveAbandoned()
    {
        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(System.IO.Path.GetTempPath(), "healthai-*"))
        {
            var match = RunFolderName().Match(System.IO.Path.GetFileName(folder));
            if (match.Success && int.TryParse(match.Groups["pid"].Value, CultureInfo.InvariantCulture, out var pid) && !IsRunning(pid) && TryDelete(folder))
            {
                removed++;
            }
        }

        return removed;
    }

    // Only the owner reads a run's files (configurations with the stats password); a container gets its own folder by a bind mount.
    private static string CreatePrivate(string path) => OperatingSystem.IsWindows()
        ? Directory.CreateDirectory(path).FullName
        : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName;

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^healthai-[a-z0-9-]+-(?<pid>\d+)-[0-9a-f]{8}$")]
    private static partial Regex RunFolderName();

    private sealed class RemovalOnStop(RunDirectory run, IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStopped.Register(run.Dispose);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
