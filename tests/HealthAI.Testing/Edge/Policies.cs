using HealthAI.Edge.Policy;

namespace HealthAI.Testing.Edge;

/// <summary>Policies for the topologies the tests cover.</summary>
internal static class Policies
{
    public const string StatsPassword = "correct-horse-battery";

    public static IReadOnlyList<Upstream> ThreePrimariesAndBackup(string host = "127.0.0.1", int firstPort = 5001) =>
    [
        new("healthai-app-1", host, firstPort),
        new("healthai-app-2", host, firstPort + 1),
        new("healthai-app-3", host, firstPort + 2),
        new("healthai-app-backup", host, firstPort + 3, UpstreamRole.Backup),
    ];

    public static EdgePolicy Default(string runDirectory = "/tmp/healthai-edge", TlsPolicy? tls = null) =>
        EdgePolicy.Default(ThreePrimariesAndBackup(), new EdgeHostPaths(runDirectory), StatsPassword, tls);

    public static EdgePolicy WithTls(string runDirectory = "/tmp/healthai-edge") =>
        Default(runDirectory, new TlsPolicy("/tmp/healthai-edge/edge.crt", "/tmp/healthai-edge/edge.crt.key"));
}
