using HealthAI.AppHost.Monitoring;
using HealthAI.AppHost.Monitoring.Prometheus;

namespace HealthAI.AppHost.Publishing;

/// <summary>
/// The configuration files a deployment mounts, by relative path: rendered edge and Prometheus
/// configurations, the folders every monitoring service of the model mounts, and the static site.
/// Compose writes them beside its file; Kubernetes puts them in ConfigMaps.
/// </summary>
public static class DeploymentFiles
{
    /// <summary>The files of a deployment to <paramref name="target"/>.</summary>
    public static IReadOnlyDictionary<string, string> For(DeploymentTopology topology, DeploymentTarget target, string appHostDirectory)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentException.ThrowIfNullOrWhiteSpace(appHostDirectory);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [$"{topology.Prometheus.Service.ConfigMounts[0].Folder}/{InfrastructureTool.PrometheusConfigFile}"] = PrometheusConfigRenderer.Render(DeployedConfigurations.Prometheus(topology, target)),
        };
        foreach (var edge in EdgesOf(topology, target))
        {
            files[ConfigurationFile(edge)] = edge.Tool.Render(DeployedConfigurations.EdgePolicy(topology, target, edge));
        }

        foreach (var mount in topology.MonitoringServices.SelectMany(service => service.Service.ConfigMounts))
        {
            AddTree(files, mount.Source, mount.Folder, mount.Files is null ? null : name => mount.Files.Contains(name, StringComparer.Ordinal));
        }

        AddTree(files, Path.Combine(appHostDirectory, "static"), "static");
        return files;
    }

    /// <summary>The edges <paramref name="target"/> runs: every edge of the model in compose, the default one in Kubernetes.</summary>
    public static IEnumerable<DeployedEdge> EdgesOf(DeploymentTopology topology, DeploymentTarget target)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return target == DeploymentTarget.Compose ? topology.Edges : [topology.DefaultEdge];
    }

    /// <summary>Where an edge's rendered configuration is kept, relative to the deployment: a folder named after the edge.</summary>
    public static string ConfigurationFile(DeployedEdge edge)
    {
        ArgumentNullException.ThrowIfNull(edge);
        return $"{edge.Name}/{edge.Tool.ConfigFileName}";
    }

    private static void AddTree(SortedDictionary<string, string> files, string directory, string prefix, Func<string, bool>? include = null)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            // A tool's Dockerfile sits beside its files; it builds the image, it is not mounted.
            if (Path.GetFileName(path) != HealthAI.Hosting.ProjectImage.Dockerfile && (include is null || include(Path.GetFileName(path))))
            {
                files[$"{prefix}/{Path.GetRelativePath(directory, path).Replace('\\', '/')}"] = File.ReadAllText(path);
            }
        }
    }
}
