using System.Globalization;
using HealthAI.AppHost.Replicas;
using HealthAI.Contracts;
using k8s;
using k8s.Models;
using static HealthAI.AppHost.Publishing.Kubernetes.KubernetesObjects;

namespace HealthAI.AppHost.Publishing.Kubernetes;

/// <summary>
/// The knowledge base on Kubernetes as a CloudNativePG cluster: the <c>Cluster</c> (instances, synchronous
/// replication, storage, where its backups go), its <c>ScheduledBackup</c>, the NetworkPolicy that admits
/// the API, the instances and the operator, and what the API pods need to reach the primary: the
/// <c>{cluster}-rw</c> Service and the operator-generated <c>{cluster}-app</c> Secret. The operator makes the
/// cluster's own PodDisruptionBudgets (<c>enablePDB</c>); the API's stays.
/// </summary>
internal static class CloudNativePgFactory
{
    /// <summary>The label CloudNativePG puts on every instance pod of a cluster.</summary>
    public const string ClusterLabel = "cnpg.io/cluster";

    /// <summary>Where the CloudNativePG operator runs when installed from its release manifest.</summary>
    public const string OperatorNamespace = "cnpg-system";

    private const int PostgresPort = 5432;
    private const int InstanceStatusPort = 8000;
    private const string UserVariable = ReplicaEnvironment.DatabaseUser;
    private const string PasswordVariable = ReplicaEnvironment.DatabasePassword;

    /// <summary>The port of the exporter every CloudNativePG instance runs (cnpg_* metrics, replication included).</summary>
    public const int MetricsPort = 9187;

    /// <summary>The headless Service whose A records are every instance, primary and standbys, for Prometheus.</summary>
    public static string MetricsService(DeploymentTopology topology) => $"{topology.KubernetesDatabase.ClusterName}-metrics";

    public static bool Enabled(DeploymentTopology topology) => topology.KubernetesDatabase.Engine == KnowledgeBaseEngine.PostgreSql;

    public static IEnumerable<IKubernetesObject<V1ObjectMeta>> Create(DeploymentTopology topology)
    {
        var database = topology.KubernetesDatabase;
        var labels = KubernetesLabels.For(database.ClusterName, "database");
        yield return Cluster(topology, labels);
        yield return new CnpgScheduledBackup
        {
            Metadata = Meta(database.ClusterName, labels),
            Spec = new CnpgScheduledBackupSpec
            {
                Schedule = database.BackupSchedule,
                Cluster = new CnpgLocalObjectReference { Name = database.ClusterName },
                Method = database.BackupMethod == DatabaseBackupMethod.VolumeSnapshot ? "volumeSnapshot" : "barmanObjectStore",
                BackupOwnerReference = "self",
            },
        };
        yield return Ingress(topology, labels);
        yield return new V1Service
        {
            Metadata = Meta(MetricsService(topology), labels),
            Spec = new V1ServiceSpec
            {
                ClusterIP = "None",
                Selector = new Dictionary<string, string> { [ClusterLabel] = database.ClusterName },
                Ports = [new V1ServicePort { Name = "metrics", Port = MetricsPort, TargetPort = MetricsPort, Protocol = "TCP" }],
            },
        }.Initialize();
    }

    /// <summary>
    /// The API's knowledge-base settings: the engine, and a connection string to the <c>-rw</c> Service (writes
    /// go to the primary) and the <c>-ro</c> one (reads fall back to a standby while a failover leaves
    /// <c>-rw</c> without endpoints), with the app user's name and password from the operator's Secret
    /// (Kubernetes expands <c>$(VAR)</c> from the variables before it).
    /// </summary>
    public static IEnumerable<V1EnvVar> ApiEnvironment(DeploymentTopology topology)
    {
        var database = topology.KubernetesDatabase;
        var secret = $"{database.ClusterName}-app";
        yield return new V1EnvVar { Name = ReplicaEnvironment.Engine, Value = ReplicaEnvironment.EngineValue(KnowledgeBaseEngine.PostgreSql) };
        yield return FromSecret(UserVariable, secret, "username");
        yield return FromSecret(PasswordVariable, secret, "password");
        yield return new V1EnvVar
        {
            Name = ReplicaEnvironment.ConnectionString,
            Value = string.Create(CultureInfo.InvariantCulture,
                $"Host={database.ClusterName}-rw,{database.ClusterName}-ro;Port={PostgresPort};Database={PostgreSqlDatabase};Username=$({UserVariable});Password=$({PasswordVariable});{DeployedPostgreSql.FailoverSettings}"),
        };
    }

    /// <summary>The knowledge base's database, owned by the app user.</summary>
    public const string PostgreSqlDatabase = "healthai";

    private static CnpgCluster Cluster(DeploymentTopology topology, Dictionary<string, string> labels)
    {
        var database = topology.KubernetesDatabase;
        return new CnpgCluster
        {
            Metadata = Meta(database.ClusterName, labels),
            Spec = new CnpgClusterSpec
            {
                Instances = database.Instances,
                ImageName = database.ImageName,
                PrimaryUpdateStrategy = "unsupervised",
                // Quorum commit on one standby of the others: a write is acknowledged once two instances have it,
                // and a failover promotes one of them.
                Postgresql = new CnpgPostgresConfiguration
                {
                    Synchronous = new CnpgSynchronousReplication { Method = "any", Number = Math.Max(1, database.Instances - 2), DataDurability = "required" },
                },
                Bootstrap = new CnpgBootstrap
                {
                    Initdb = new CnpgInitDb
                    {
                        Database = PostgreSqlDatabase,
                        Owner = PostgreSqlDatabase,
                        // /backup verifies and restores in scratch databases of the app user's own.
                        PostInitSQL = [$"ALTER ROLE {PostgreSqlDatabase} CREATEDB;"],
                    },
                },
                Storage = new CnpgStorage { Size = database.StorageSize, StorageClass = database.StorageClass },
                EnablePDB = true,
                Affinity = new CnpgAffinity { EnablePodAntiAffinity = true, TopologyKey = "kubernetes.io/hostname", PodAntiAffinityType = "required" },
                Backup = database.BackupMethod == DatabaseBackupMethod.VolumeSnapshot
                    ? new CnpgBackupConfiguration { VolumeSnapshot = new CnpgVolumeSnapshotConfiguration { ClassName = database.VolumeSnapshotClass } }
                    : new CnpgBackupConfiguration
                    {
                        RetentionPolicy = database.BackupRetention,
                        BarmanObjectStore = new CnpgBarmanObjectStore
                        {
                            DestinationPath = database.ObjectStorePath ?? throw new InvalidOperationException(
                                $"HealthAI:Publish:Kubernetes:{nameof(KubernetesSettings.ObjectStorePath)} is required when {nameof(KubernetesSettings.BackupMethod)} is {DatabaseBackupMethod.ObjectStore}."),
                            EndpointURL = database.ObjectStoreEndpoint,
                            S3Credentials = new CnpgS3Credentials
                            {
                                AccessKeyId = new CnpgSecretKeySelector { Name = database.ObjectStoreSecret, Key = "ACCESS_KEY_ID" },
                                SecretAccessKey = new CnpgSecretKeySelector { Name = database.ObjectStoreSecret, Key = "ACCESS_SECRET_KEY" },
                            },
                        },
                    },
            },
        };
    }

    // The namespace denies ingress by default: the API pods and the other instances reach PostgreSQL, the
    // operator reaches PostgreSQL and each instance manager's status port.
    private static V1NetworkPolicy Ingress(DeploymentTopology topology, Dictionary<string, string> labels)
    {
        var cluster = topology.KubernetesDatabase.ClusterName;
        var instances = new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [ClusterLabel] = cluster } } };
        return new V1NetworkPolicy
        {
            Metadata = Meta($"{cluster}-ingress", KubernetesLabels.For($"{cluster}-ingress", "network-policy")),
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [ClusterLabel] = cluster } },
                PolicyTypes = ["Ingress"],
                Ingress =
                [
                    new V1NetworkPolicyIngressRule
                    {
                        FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [KubernetesLabels.Component] = "api" } } }],
                        Ports = [Tcp(PostgresPort)],
                    },
                    new V1NetworkPolicyIngressRule { FromProperty = [instances], Ports = [Tcp(PostgresPort), Tcp(InstanceStatusPort)] },
                    new V1NetworkPolicyIngressRule
                    {
                        FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = KubernetesLabels.Selector(topology.Prometheus.Name) } }],
                        Ports = [Tcp(MetricsPort)],
                    },
                    new V1NetworkPolicyIngressRule
                    {
                        FromProperty = [new V1NetworkPolicyPeer { NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = OperatorNamespace } } }],
                        Ports = [Tcp(PostgresPort), Tcp(InstanceStatusPort)],
                    },
                ],
            },
        }.Initialize();
    }

    private static V1NetworkPolicyPort Tcp(int port) => new() { Port = port, Protocol = "TCP" };
}
