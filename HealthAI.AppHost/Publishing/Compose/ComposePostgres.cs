using System.Globalization;
using HealthAI.Api.KnowledgeBase;
using HealthAI.Edge.Hosting;

namespace HealthAI.AppHost.Publishing.Compose;

/// <summary>
/// The compose <c>postgres</c> profile: pg_auto_failover's monitor and two data nodes on the backend
/// network, each with a fixed address (pg_auto_failover writes the nodes' pg_hba rules by address, and the
/// edges' reason applies too: a restarted node keeps its address) and a volume of its own; the replicas on
/// the PostgreSql engine with the multi-host connection string from <c>.env</c>, waiting for healthy nodes.
/// </summary>
internal static class ComposePostgres
{
    private const string DataPath = "/var/lib/postgresql";

    /// <summary>
    /// The database services' CPU weight, four times a service's default (1024). On a host whose cores are busy,
    /// every replica's requests wait on the one live node during a switch of primary; at an equal share its
    /// postmaster, one process among the replicas' many threads, accepted connections slower than they came, its
    /// listen queue filled, and it answered neither the replicas nor the monitor until the load fell. The weight
    /// only matters when the host is short of CPU.
    /// </summary>
    public const int DatabaseCpuShares = 4096;

    /// <summary>The database services and their volumes, added to the compose file's.</summary>
    public static void AddTo(DeployedPostgreSql postgres, IDictionary<string, ComposeService> services, IDictionary<string, ComposeVolume> volumes)
    {
        var monitorAddress = ComposeAddresses.Database(0);
        services[postgres.Monitor] = Node(postgres, postgres.Monitor, monitorAddress, ["monitor"], new(StringComparer.Ordinal)
        {
            ["PG_MONITOR_SETTINGS"] = string.Join(' ', postgres.Failover.MonitorSettings()),
        }, dependsOn: null);
        foreach (var (node, index) in postgres.Nodes.Select((node, index) => (node, index)))
        {
            services[node] = Node(postgres, node, ComposeAddresses.Database(index + 1), ["postgres", monitorAddress], new(StringComparer.Ordinal)
            {
                ["NODE_NAME"] = node,
                ["PG_DATABASE"] = postgres.Database,
                ["PG_USER"] = postgres.User,
                ["PG_CRASH_HOLDOFF_SECONDS"] = ((int)Math.Ceiling(postgres.Failover.CrashHoldoff.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            }, dependsOn: ComposeDocumentFactory.Waiting([postgres.Monitor]));
        }

        foreach (var service in new[] { postgres.Monitor }.Concat(postgres.Nodes))
        {
            volumes[Volume(service)] = new ComposeVolume();
        }
    }

    /// <summary>What a replica adds on this engine: the engine, and the connection string from <c>.env</c>.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ApiEnvironment(DeployedPostgreSql postgres) =>
    [
        new($"{KnowledgeBaseOptions.SectionName}__{nameof(KnowledgeBaseOptions.Engine)}", nameof(KnowledgeBaseEngine.PostgreSql)),
        new($"{KnowledgeBaseOptions.SectionName}__{nameof(KnowledgeBaseOptions.ConnectionString)}", ComposeDocumentFactory.Required(DeployedPostgreSql.ConnectionStringSecret)),
    ];

    /// <summary>The <c>.env</c> line of the connection string: the deployment's own, a secret once it carries a password.</summary>
    public static string EnvironmentLine(DeployedPostgreSql postgres) =>
        $"# The replicas' connection string: every data node of the postgres profile; add Password=... when pg_hba asks for one.\n{DeployedPostgreSql.ConnectionStringSecret.EnvironmentVariable}={postgres.ConnectionString}\n";

    private static ComposeService Node(DeployedPostgreSql postgres, string name, string address, List<string> command, SortedDictionary<string, string> environment, SortedDictionary<string, ComposeDependency>? dependsOn)
    {
        environment["NODE_HOSTNAME"] = address;
        environment["PGCONNECT_TIMEOUT"] = ((int)Math.Ceiling(postgres.Failover.KeeperConnectTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return new ComposeService
        {
            Image = ProjectImages.PgAutoFailover.ToString(),
            Build = ComposeDocumentFactory.Build(ProjectImages.PgAutoFailover),
            Profiles = [postgres.Profile],
            Command = command,
            Environment = environment,
            Volumes = [$"{Volume(name)}:{DataPath}"],
            // pg_autoctl keeps its pid file in /tmp: a restarted container must not find the last one.
            Tmpfs = ["/tmp"],
            Networks = new(StringComparer.Ordinal) { [ComposeDocumentFactory.Backend] = new ComposeServiceNetwork { Ipv4Address = address } },
            DependsOn = dependsOn,
            Healthcheck = new ComposeHealthcheck
            {
                // Accepting connections: a primary, or a standby that streams (a node still cloning is not ready).
                Test = ["CMD", "pg_isready", "-q", "-h", "127.0.0.1", "-p", postgres.Port.ToString(CultureInfo.InvariantCulture)],
                Interval = "5s",
                Timeout = "5s",
                Retries = 3,
                StartPeriod = "60s",
            },
            Restart = "unless-stopped",
            // pg_autoctl stops PostgreSQL cleanly on SIGTERM (a fast shutdown); a kill would make the next start a crash recovery.
            StopGracePeriod = "30s",
            SecurityOpt = ["no-new-privileges:true"],
            CpuShares = DatabaseCpuShares,
        };
    }

    private static string Volume(string service) => $"{service}-data";
}
