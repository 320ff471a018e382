using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using HealthAI.Edge.Policy;
using HealthAI.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAI.Chaos.Reporting;

/// <summary>
/// Copies the console logs of the named resources (the edges' access logs, with each request's upstream,
/// retries and termination state) into files beside the report, while the runs go on.
/// </summary>
internal sealed class ResourceLogFiles : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _copies;
    private readonly IReadOnlyList<IEdgeResource> _edges;
    private readonly string _directory;

    private ResourceLogFiles(DistributedApplication app, IEnumerable<string> resources, string directory)
    {
        Directory.CreateDirectory(directory);
        var logs = app.Services.GetRequiredService<ResourceLoggerService>();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var watched = resources.Select(name => model.Resources.Single(resource => resource.Name == name)).ToList();
        _copies = [.. watched.Select(resource => CopyAsync(logs, resource, Path.Combine(directory, $"{resource.Name}.log"), _stop.Token))];
        _edges = [.. watched.OfType<IEdgeResource>()];
        _directory = directory;
    }

    public static ResourceLogFiles Start(DistributedApplication app, IEnumerable<string> resources, string directory) => new(app, resources, directory);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_copies);
        _stop.Dispose();
        // nginx run as a host process writes its access log to a file in its run folder, which goes with the system.
        foreach (var edge in _edges)
        {
            var accessLog = new EdgeHostPaths(edge.Configuration.RunDirectory).AccessLogFile;
            if (accessLog is not null && File.Exists(accessLog))
            {
                File.Copy(accessLog, Path.Combine(_directory, $"{edge.Name}-access.log"), overwrite: true);
            }
        }
    }

    private static async Task CopyAsync(ResourceLoggerService logs, IResource resource, string path, CancellationToken cancellationToken)
    {
        await using var file = new StreamWriter(path, append: false);
        try
        {
            await foreach (var batch in logs.WatchAsync(resource).WithCancellation(cancellationToken))
            {
                foreach (var line in batch)
                {
                    await file.WriteLineAsync(line.Content);
                }

                await file.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The runs are over.
        }
    }
}
