namespace HealthAI.AppHost.Monitoring;

/// <summary>
/// A piece of infrastructure that runs from a Debian package on the host, or from its image in a
/// container, with the same files: its arguments are a function of where its run directory is seen.
/// </summary>
/// <param name="HostCommand">The packaged executable.</param>
/// <param name="Image">The container image.</param>
/// <param name="Tag">A pinned image tag.</param>
/// <param name="Arguments">Arguments from (configuration directory and data directory as the tool sees them, listen address, port).</param>
/// <param name="ReadinessPath">The path that answers 200 once the tool is ready.</param>
public sealed record InfrastructureTool(
    string HostCommand,
    string Image,
    string Tag,
    Func<string, string, string, int, string[]> Arguments,
    string ReadinessPath)
{
    /// <summary>Where a container sees the run directory.</summary>
    public const string ContainerRunDirectory = "/run/healthai";

    /// <summary>Prometheus 2 (Debian 12 ships 2.42).</summary>
    public static InfrastructureTool Prometheus { get; } = new(
        "prometheus", "docker.io/prom/prometheus", "v2.53.4",
        (config, data, address, port) =>
        [
            $"--config.file={config}/prometheus.yml",
            $"--storage.tsdb.path={data}",
            "--storage.tsdb.retention.time=15d",
            $"--web.listen-address={address}:{port}",
            // Lets a changed configuration be loaded without a restart (POST /-/reload).
            "--web.enable-lifecycle",
        ],
        "/-/ready");

    /// <summary>Alertmanager, alone: clustering is switched off.</summary>
    public static InfrastructureTool Alertmanager { get; } = new(
        "prometheus-alertmanager", "docker.io/prom/alertmanager", "v0.27.0",
        (config, data, address, port) =>
        [
            $"--config.file={config}/alertmanager.yml",
            $"--storage.path={data}",
            $"--web.listen-address={address}:{port}",
            "--cluster.listen-address=",
        ],
        "/-/ready");
}
