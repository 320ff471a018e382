using HealthAI.Edge.Policy;
using HealthAI.Hosting;
using HealthAI.Testing.Edge;

namespace HealthAI.Edge.Tests.Support;

/// <summary>Named topologies for the real-tool checks; names keep the theory rows readable.</summary>
internal static class Topologies
{
    public static TheoryData<string> Names { get; } =
    [
        "one primary, no backup, plain HTTP",
        "three primaries and a backup, TLS",
        "three primaries and a backup, plain HTTP",
        "IPv6 upstreams and listeners, TLS",
        "custom ports, TLS",
        "empty allow-list",
        "TLS 1.3 only, no redirect",
        "run as an unprivileged account, logs on standard streams",
    ];

    public static EdgePolicy Build(string name, string runDirectory, EdgeTool tool)
    {
        var paths = new EdgeHostPaths(runDirectory);
        Directory.CreateDirectory(paths.DefaultStaticDirectory);
        // The certificate the AppHost itself makes, named as each tool wants it.
        var tls = tool.Tls(EdgeCertificate.EnsureIn(runDirectory, TimeProvider.System));
        var full = Policies.ThreePrimariesAndBackup();
        return name switch
        {
            "one primary, no backup, plain HTTP" =>
                EdgePolicy.Default([new Upstream("healthai-app-1", "127.0.0.1", 5001)], paths, Policies.StatsPassword),
            "three primaries and a backup, TLS" => EdgePolicy.Default(full, paths, Policies.StatsPassword, tls),
            "three primaries and a backup, plain HTTP" => EdgePolicy.Default(full, paths, Policies.StatsPassword),
            "IPv6 upstreams and listeners, TLS" => EdgePolicy.Default(Policies.ThreePrimariesAndBackup("::1"), paths, Policies.StatsPassword, tls) with
            {
                Listeners = new EdgeListeners { PublicAddresses = ["0.0.0.0", "::"] },
                Status = new StatusEndpointPolicy(Policies.StatsPassword) { Address = "::1" },
            },
            "custom ports, TLS" => EdgePolicy.Default(Policies.ThreePrimariesAndBackup(firstPort: 6101), paths, Policies.StatsPassword, tls) with
            {
                Listeners = new EdgeListeners { HttpPort = 18080, HttpsPort = 18443 },
                Status = new StatusEndpointPolicy(Policies.StatsPassword) { Port = 18404 },
            },
            "empty allow-list" => EdgePolicy.Default(full, paths, Policies.StatsPassword, tls) with
            {
                Access = new AccessPolicy { AllowedNetworks = [] },
            },
            "TLS 1.3 only, no redirect" => EdgePolicy.Default(full, paths, Policies.StatsPassword, tls with
            {
                MinimumVersion = TlsProtocolVersion.Tls13,
                RedirectHttp = false,
            }),
            "run as an unprivileged account, logs on standard streams" => EdgePolicy.Default(full, paths with { AccessLogFile = null, ErrorLogFile = null }, Policies.StatsPassword, tls) with
            {
                RunAs = new RunAsAccount("nobody", "nogroup"),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown topology."),
        };
    }
}
