using HealthAI.Edge.Policy;
using HealthAI.Edge.Rendering;

namespace HealthAI.Edge.Hosting;

/// <summary>
/// What differs between nginx and HAProxy when they run: the command, the file name, the image and
/// the renderer. Everything else about an edge (upstreams, ports, policy) is shared.
/// </summary>
public sealed record EdgeTool(
    string Name,
    string HostCommand,
    string ConfigFileName,
    string ContainerImage,
    string ContainerTag,
    string ContainerConfigPath,
    Func<EdgePolicy, string> Render)
{
    /// <summary>The directory inside a container where the run directory is mounted.</summary>
    public const string ContainerRunDirectory = "/run/healthai-edge";

    /// <summary>nginx OSS: passive health checks, the default edge.</summary>
    public static EdgeTool Nginx { get; } = new(
        Name: "nginx",
        HostCommand: "nginx",
        ConfigFileName: "nginx.conf",
        ContainerImage: "docker.io/library/nginx",
        ContainerTag: "1.27.5-alpine",
        ContainerConfigPath: "/etc/nginx/nginx.conf",
        Render: NginxConfigRenderer.Render);

    /// <summary>HAProxy: active health checks on /readyz, the alternative edge.</summary>
    public static EdgeTool Haproxy { get; } = new(
        Name: "haproxy",
        HostCommand: "haproxy",
        ConfigFileName: "haproxy.cfg",
        ContainerImage: "docker.io/library/haproxy",
        ContainerTag: "2.6.22-alpine",
        ContainerConfigPath: "/usr/local/etc/haproxy/haproxy.cfg",
        Render: HaproxyConfigRenderer.Render);

    /// <summary>The arguments that run the tool in the foreground on <paramref name="configPath"/>.</summary>
    public IReadOnlyList<string> HostArguments(string runDirectory, string configPath) => Name switch
    {
        // Foreground, so that DCP owns the process and its stop signal reaches nginx itself.
        "nginx" => ["-p", runDirectory + "/", "-c", configPath, "-g", "daemon off;"],
        // Master-worker mode keeps the process in the foreground and lets SIGUSR2 reload without dropping connections.
        _ => ["-W", "-db", "-f", configPath],
    };

    /// <summary>The signal that makes the running tool re-read its configuration without dropping connections.</summary>
    public int ReloadSignal => Name == "nginx" ? ProcessSignals.Hangup : ProcessSignals.User2;

    /// <summary>The TLS files as this tool wants them: HAProxy reads the certificate and key from one PEM.</summary>
    public TlsPolicy Tls(EdgeCertificate certificate) => Name == "haproxy"
        ? new TlsPolicy(certificate.CombinedPemPath, certificate.CombinedPemPath)
        : new TlsPolicy(certificate.CertificatePath, certificate.KeyPath);
}
