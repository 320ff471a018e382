using System.Globalization;
using HealthAI.AppHost.Replicas;
using HealthAI.Contracts;
using HealthAI.Hosting;

namespace HealthAI.AppHost.Publishing.Compose;

/// <summary>
/// The compose <c>postgres</c> profile: pg_auto_failover's monitor and two data nodes, each with a volume of its
/// own, on networks of their own. On the failover network the monitor and the data nodes have fixed addresses
/// (pg_auto_failover writes its replication and monitor rules by address); on the database network the data
/// nodes meet the replicas and nothing else, and their pg_hba admits the replicas' role, with its scram-sha-256
/// password from <c>.env</c>, from each replica's fixed address only. The role owns the knowledge base and may
/// create the scratch databases verify restores into; it is no superuser. The replicas run on the PostgreSql
/// engine with the multi-host connection string from <c>.env</c>, waiting for nodes where that role can log in.
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

    /// <summary>The network where the replicas reach the data nodes.</summary>
    public const string DatabaseNetwork = "database";

    /// <summary>The network where the monitor and the data nodes keep each other in step.</summary>
    public const string FailoverNetwork = "failover";

    /// <summary>The database services, their volumes and their networks, added to the compose file's.</summary>
    public static void AddTo(DeployedPostgreSql postgres, int replicas, IDictionary<string, ComposeService> services, IDictionary<string, ComposeVolume> volumes, IDictionary<string, ComposeNetwork> networks)
    {
        var monitorAddress = ComposeAddresses.FailoverNode(0);
        services[postgres.Monitor] = Node(postgres, postgres.Monitor, monitorAddress, ["monitor"], new(StringComparer.Ordinal)
        {
            ["PG_MONITOR_SETTINGS"] = string.Join(' ', postgres.Failover.MonitorSettings()),
            ["PG_EXPORTER_USER"] = ExporterUser,
            ["PG_EXPORTER_ADDRESS"] = ComposeAddresses.FailoverExporter,
        }, dependsOn: null, onDatabaseNetwork: false, PgIsReady(postgres));
        services[postgres.Exporter] = Exporter(postgres);
        var replicaAddresses = string.Join(' ', Enumerable.Range(0, replicas).Select(ComposeAddresses.ReplicaOnDatabase));
        var nodeAddresses = postgres.Nodes.Select((_, index) => ComposeAddresses.FailoverNode(index + 1)).ToList();
        foreach (var (node, address) in postgres.Nodes.Zip(nodeAddresses))
        {
            services[node] = Node(postgres, node, address, ["postgres", monitorAddress], new(StringComparer.Ordinal)
            {
                ["NODE_NAME"] = node,
                ["PG_DATABASE"] = postgres.Database,
                ["PG_USER"] = postgres.User,
                ["PG_PASSWORD"] = ComposeDocumentFactory.Required(DeployedPostgreSql.PasswordSecret),
                ["PG_CLIENT_ADDRESSES"] = replicaAddresses,
                ["PG_NODE_ADDRESSES"] = string.Join(' ', nodeAddresses),
                ["PG_CRASH_HOLDOFF_SECONDS"] = ((int)Math.Ceiling(postgres.Failover.CrashHoldoff.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            }, dependsOn: ComposeDocumentFactory.Waiting([postgres.Monitor]), onDatabaseNetwork: true, ["CMD", "pg-node.sh", "ready"]);
        }

        foreach (var service in new[] { postgres.Monitor }.Concat(postgres.Nodes))
        {
            volumes[Volume(service)] = new ComposeVolume();
        }

        networks[DatabaseNetwork] = new ComposeNetwork
        {
            Internal = true,
            Ipam = new ComposeIpam { Config = [new ComposeIpamPool { Subnet = ComposeAddresses.DatabaseSubnet, IpRange = ComposeAddresses.DatabaseDynamicRange }] },
        };
        networks[FailoverNetwork] = new ComposeNetwork
        {
            Internal = true,
            Ipam = new ComposeIpam { Config = [new ComposeIpamPool { Subnet = ComposeAddresses.FailoverSubnet }] },
        };
    }

    /// <summary>
    /// What a replica adds on this engine: the engine, the connection string from <c>.env</c> with the role's password
    /// (also from <c>.env</c>, where the data nodes read it), and its fixed address on the database network.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> ApiEnvironment(DeployedPostgreSql postgres) =>
    [
        new(ReplicaEnvironment.Engine, ReplicaEnvironment.EngineValue(KnowledgeBaseEngine.PostgreSql)),
        new(ReplicaEnvironment.ConnectionString,
            $"{ComposeDocumentFactory.Required(DeployedPostgreSql.ConnectionStringSecret)};Password={ComposeDocumentFactory.Required(DeployedPostgreSql.PasswordSecret)}"),
    ];

    /// <summary>A replica's membership of the database network.</summary>
    public static KeyValuePair<string, ComposeServiceNetwork> ReplicaNetwork(int index) =>
        new(DatabaseNetwork, new ComposeServiceNetwork { Ipv4Address = ComposeAddresses.ReplicaOnDatabase(index) });

    /// <summary>The <c>.env</c> lines of the connection string (the deployment's own) and the role's password (to fill).</summary>
    public static string EnvironmentLines(DeployedPostgreSql postgres) =>
        $"# The replicas' connection string: every data node of the postgres profile (the password is added from the next line).\n{DeployedPostgreSql.ConnectionStringSecret.EnvironmentVariable}={postgres.ConnectionString}\n"
        + $"# The password of the replicas' database role (scram-sha-256; letters and digits, e.g. `openssl rand -hex 24`).\n{DeployedPostgreSql.PasswordSecret.EnvironmentVariable}=\n";

    // The monitor's read-only role for the exporter.
    private const string ExporterUser = "healthai_exporter";

    /// <summary>
    /// The exporter of pg_auto_failover's view of the data nodes: it reads the monitor's node table (on the failover
    /// network, from its fixed address) and serves Prometheus on the backend network. It joins no network the
    /// replicas reach the data nodes on, and the data nodes' pg_hba admits nothing from it.
    /// </summary>
    private static ComposeService Exporter(DeployedPostgreSql postgres) => new()
    {
        Image = HealthAIImageTags.PostgresExporter.ToString(),
        Build = ComposeDocumentFactory.Build(HealthAIImageTags.PostgresExporter),
        Profiles = [postgres.Profile],
        Command =
        [
            "--extend.query-path=/etc/healthai/postgres-exporter/queries.yaml",
            "--disable-default-metrics",
            "--disable-settings-metrics",
            $"--web.listen-address=:{postgres.ExporterPort.ToString(CultureInfo.InvariantCulture)}",
        ],
        Environment = new(StringComparer.Ordinal)
        {
            ["DATA_SOURCE_NAME"] = $"postgresql://{ExporterUser}@{postgres.Monitor}:{postgres.Port.ToString(CultureInfo.InvariantCulture)}/pg_auto_failover?sslmode=disable&connect_timeout=5",
        },
        ReadOnly = true,
        Networks = new(StringComparer.Ordinal)
        {
            [FailoverNetwork] = new ComposeServiceNetwork { Ipv4Address = ComposeAddresses.FailoverExporter },
            [ComposeDocumentFactory.Backend] = new ComposeServiceNetwork(),
        },
        DependsOn = ComposeDocumentFactory.Waiting([postgres.Monitor]),
        Healthcheck = ComposeDocumentFactory.Probe($"http://127.0.0.1:{postgres.ExporterPort.ToString(CultureInfo.InvariantCulture)}/metrics"),
        Restart = "unless-stopped",
        SecurityOpt = ["no-new-privileges:true"],
        CapDrop = ["ALL"],
    };

    private static List<string> PgIsReady(DeployedPostgreSql postgres) =>
        ["CMD", "pg_isready", "-q", "-h", "127.0.0.1", "-p", postgres.Port.ToString(CultureInfo.InvariantCulture)];

    private static ComposeService Node(DeployedPostgreSql postgres, string name, string address, List<string> command, SortedDictionary<string, string> environment,
        SortedDictionary<string, ComposeDependency>? dependsOn, bool onDatabaseNetwork, List<string> ready)
    {
        environment["NODE_HOSTNAME"] = address;
        environment["PGCONNECT_TIMEOUT"] = ((int)Math.Ceiling(postgres.Failover.KeeperConnectTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var networks = new SortedDictionary<string, ComposeServiceNetwork>(StringComparer.Ordinal) { [FailoverNetwork] = new ComposeServiceNetwork { Ipv4Address = address } };
        if (onDatabaseNetwork)
        {
            networks[DatabaseNetwork] = new ComposeServiceNetwork();
        }

        return new ComposeService
        {
            Image = HealthAIImageTags.PgAutoFailover.ToString(),
            Build = ComposeDocumentFactory.Build(HealthAIImageTags.PgAutoFailover),
            Profiles = [postgres.Profile],
            Command = command,
            Environment = environment,
            Volumes = [$"{Volume(name)}:{DataPath}"],
            // pg_autoctl keeps its pid file in /tmp: a restarted container must not find the last one.
            Tmpfs = ["/tmp"],
            Networks = networks,
            DependsOn = dependsOn,
            Healthcheck = new ComposeHealthcheck
            {
                // The monitor: accepting connections. A data node: the replicas' role logs in with its password, on a primary
                // or on a standby that streams (a node still cloning, or a primary that has not set the role up, is not ready).
                Test = ready,
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
