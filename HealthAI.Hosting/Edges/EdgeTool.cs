using HealthAI.Edge.Policy;
using HealthAI.Edge.Rendering;

namespace HealthAI.Hosting;

/// <summary>
/// What differs between nginx and HAProxy when they run: the command and its arguments, the file
/// name, the image, the reload signal, how TLS files are named, and the renderer. Everything else
/// about an edge (upstreams, ports, policy) is shared.
/// </summary>
/// <param name="Name">The tool's name, which is also the folder of its files in published artifacts.</param>
/// <param name="Host">The package and image it runs from.</param>
/// <param name="HostArguments">Arguments that run it in the foreground, from (run directory, configuration file).</param>
/// <param name="ConfigFileName">The rendered file's name.</param>
/// <param name="ContainerConfigPath">Where the image reads its configuration.</param>
/// <param name="ReloadSignal">The signal that reloads the configuration without dropping connections.</param>
/// <param name="Tls">The TLS files as the tool wants them, from a certificate's files.</param>
/// <param name="Render">The renderer of the shared policy.</param>
public sealed record EdgeTool(
    string Name,
    HostTool Host,
    Func<string, string, IReadOnlyList<string>> HostArguments,
    string ConfigFileName,
    string ContainerConfigPath,
    int ReloadSignal,
    Func<EdgeCertificate, TlsPolicy> Tls,
    Func<EdgePolicy, string> Render)
{
    /// <summary>The command that checks a configuration file without loading it (run inside the edge's container before a reload).</summary>
    public required Func<string, IReadOnlyList<string>> CheckCommand { get; init; }

    /// <summary>The reload signal's name, as <c>docker kill --signal</c> takes it.</summary>
    public string ReloadSignalName => ProcessSignals.NameOf(ReloadSignal);

    /// <summary>The directory inside a container where the run directory is mounted.</summary>
    public const string ContainerRunDirectory = "/run/healthai-edge";

    /// <summary>The packaged executable.</summary>
    public string HostCommand => Host.Command;

    /// <summary>The image the project builds for it (<see cref="HealthAIImageTags"/>).</summary>
    public ProjectImage Image => Host.Image;

    /// <summary>
    /// The image's own unprivileged user, as a number: Kubernetes can verify <c>runAsNonRoot</c> only for a numeric
    /// user, and the rendered configuration needs no root (unprivileged ports, pid and temp files in the run directory).
    /// </summary>
    public int ContainerUserId => Host.ContainerUser;

    /// <summary>HAProxy's command before its configuration file, as the host process and the image's entrypoint run it.</summary>
    public static IReadOnlyList<string> HaproxyCommand { get; } = ["-W", "-db", "-dMglobal"];

    /// <summary>nginx OSS: passive health checks, the default edge.</summary>
    public static EdgeTool Nginx { get; } = new(
        Name: "nginx",
        Host: new HostTool("nginx", HealthAIImageTags.Nginx, ContainerUser: 101, ContainerRunDirectory),
        // Foreground, so that DCP owns the process and its stop signal reaches nginx itself.
        HostArguments: (runDirectory, config) => ["-p", runDirectory + "/", "-c", config, "-g", "daemon off;"],
        ConfigFileName: "nginx.conf",
        ContainerConfigPath: "/etc/nginx/nginx.conf",
        ReloadSignal: ProcessSignals.Hangup,
        Tls: certificate => new TlsPolicy(certificate.CertificatePath, certificate.KeyPath),
        Render: NginxConfigRenderer.Render)
    {
        CheckCommand = config => ["nginx", "-t", "-q", "-c", config],
    };

    /// <summary>HAProxy: active health checks on /readyz, the alternative edge.</summary>
    public static EdgeTool Haproxy { get; } = new(
        Name: "haproxy",
        Host: new HostTool("haproxy", HealthAIImageTags.Haproxy, ContainerUser: 99, ContainerRunDirectory),
        // Master-worker mode stays in the foreground and reloads on SIGUSR2 without dropping connections.
        // -dMglobal keeps freed buffers in HAProxy's process-wide pool: the buffers hold a whole replayable body
        // (tune.bufsize), and handing them back to glibc's malloc after each request cost most of the edge's CPU.
        HostArguments: (_, config) => [.. HaproxyCommand, "-f", config],
        ConfigFileName: "haproxy.cfg",
        ContainerConfigPath: "/etc/haproxy/haproxy.cfg",
        ReloadSignal: ProcessSignals.User2,
        // HAProxy 2.6 reads the certificate and its key from one PEM.
        Tls: certificate => new TlsPolicy(certificate.CombinedPemPath, certificate.CombinedPemPath),
        Render: HaproxyConfigRenderer.Render)
    {
        CheckCommand = config => ["haproxy", "-c", "-q", "-f", config],
    };
}
