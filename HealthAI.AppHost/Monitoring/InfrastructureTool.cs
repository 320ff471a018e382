using HealthAI.Hosting;

namespace HealthAI.AppHost.Monitoring;

/// <summary>
/// A monitoring tool of the run and of every deployment, with the same files wherever it runs: its arguments are a
/// function of where it sees its configuration and data.
/// </summary>
/// <param name="Host">The package and image it runs from.</param>
/// <param name="Arguments">Arguments from (configuration directory and data directory as the tool sees them, listen address, port).</param>
/// <param name="ReadinessPath">The path that answers 200 once the tool is ready.</param>
public sealed record InfrastructureTool(
    HostTool Host,
    Func<string, string, string, int, string[]> Arguments,
    string ReadinessPath)
{
    /// <summary>Where a container sees the run directory.</summary>
    public const string ContainerRunDirectory = "/run/healthai";

    /// <summary>Prometheus' configuration file, rendered from the app model into its configuration folder.</summary>
    public const string PrometheusConfigFile = "prometheus.yml";

    /// <summary>The alert rules, kept in the repository beside Prometheus' Dockerfile.</summary>
    public const string AlertRulesFile = "alert-rules.yml";

    /// <summary>The recording rules the dashboards and alerts read, kept beside the alert rules.</summary>
    public const string RecordingRulesFile = "recording-rules.yml";

    /// <summary>Every rule file Prometheus loads, in every target, relative to its configuration file.</summary>
    public static IReadOnlyList<string> RuleFiles { get; } = [RecordingRulesFile, AlertRulesFile];

    /// <summary>
    /// The user the tools' containers run as (nobody): Debian's packages give each its own account, whose number
    /// differs between images; a deployment names one number, and makes the data writable by it.
    /// </summary>
    public const int ContainerUser = 65534;

    /// <summary>The image the project builds for it.</summary>
    public ProjectImage Image => Host.Image;

    /// <summary>Its arguments in the local run, listening on loopback on <paramref name="port"/>, its files in <paramref name="tool"/>'s run directory.</summary>
    public IReadOnlyList<string> RunArguments(HostToolResource tool, int port)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return Arguments(tool.SeenRunDirectory, Path.Combine(tool.SeenRunDirectory, "data"), "127.0.0.1", port);
    }

    /// <summary>
    /// How this tool runs as a deployed service: its image, its arguments as the container sees its
    /// <paramref name="configuration"/> and <paramref name="data"/>, listening on every interface on <paramref name="port"/>.
    /// </summary>
    public MonitoringServiceAnnotation Deployed(MonitoringServiceKind kind, int port, MonitoringConfigMount configuration, MonitoringDataMount data, bool operatorFacing) => new()
    {
        Kind = kind,
        Image = Image.ToString(),
        Build = Image,
        Arguments = Arguments(configuration.MountPath, data.MountPath, "0.0.0.0", port),
        ReadinessPath = ReadinessPath,
        ConfigMounts = [configuration],
        Data = data,
        OperatorFacing = operatorFacing,
        RunAsUser = ContainerUser,
        Resources = new Publishing.ComputeResources("100m", "256Mi", "1", "1Gi"),
    };

    /// <summary>Prometheus 2 (Debian 12 ships 2.42).</summary>
    public static InfrastructureTool Prometheus { get; } = new(
        Packaged("prometheus", HealthAIImageTags.Prometheus),
        (config, data, address, port) =>
        [
            $"--config.file={config}/{PrometheusConfigFile}",
            $"--storage.tsdb.path={data}",
            "--storage.tsdb.retention.time=15d",
            // No --web.enable-lifecycle: it lets anyone who reaches the port reload or stop Prometheus (POST /-/quit).
            // A changed configuration is loaded by restarting it.
            $"--web.listen-address={address}:{port}",
        ],
        "/-/ready");

    /// <summary>Alertmanager, alone: clustering is switched off.</summary>
    public static InfrastructureTool Alertmanager { get; } = new(
        Packaged("prometheus-alertmanager", HealthAIImageTags.Alertmanager),
        (config, data, address, port) =>
        [
            $"--config.file={config}/alertmanager.yml",
            $"--storage.path={data}",
            $"--web.listen-address={address}:{port}",
            "--cluster.listen-address=",
        ],
        "/-/ready");

    /// <summary>Where the mtail image keeps its programs (<c>mtail/Dockerfile</c> copies them there).</summary>
    public const string MtailProgramsDirectory = "/etc/mtail";

    /// <summary>
    /// mtail 3.0.0~rc50 (Debian 12), reading nginx's request log stream on UDP <paramref name="requestLogPort"/> of its listen
    /// address with the programs of its configuration directory.
    /// </summary>
    public static InfrastructureTool Mtail(int requestLogPort) => new(
        Packaged("mtail", HealthAIImageTags.Mtail),
        (config, _, address, port) =>
        [
            $"--progs={config}",
            // rc50 listens for datagrams at udp://host:port (internal/tailer/logstream/logstream.go) and ends a line at each newline.
            $"--logs=udp://{address}:{requestLogPort}",
            $"--address={address}",
            $"--port={port}",
            // The metric names and labels are what the rules read; a prog label would only repeat the program's file name.
            "--emit_prog_label=false",
            // glog writes its log files under /tmp by default; a read-only container has none to spare.
            "--logtostderr",
        ],
        "/metrics");

    /// <summary>The nginx Prometheus exporter, reading nginx's <c>stub_status</c> on loopback <paramref name="statusPort"/>.</summary>
    public static InfrastructureTool NginxExporter(int? statusPort) => new(
        Packaged("prometheus-nginx-exporter", HealthAIImageTags.NginxExporter),
        (_, _, address, port) =>
        [
            $"--nginx.scrape-uri=http://127.0.0.1:{statusPort}/stub_status",
            $"--web.listen-address={address}:{port}",
        ],
        "/metrics");

    private static HostTool Packaged(string command, ProjectImage image) => new(command, image, ContainerUser, ContainerRunDirectory);
}
