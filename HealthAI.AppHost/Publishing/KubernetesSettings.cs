using HealthAI.Contracts;

namespace HealthAI.AppHost.Publishing;

/// <summary>
/// The published Kubernetes manifests (<c>HealthAI:Publish:Kubernetes</c>): the API's autoscaling and compute, and the knowledge base, by default
/// PostgreSQL as a CloudNativePG <c>Cluster</c> (the operator must be installed: see deploy/README.md);
/// <c>Sqlite</c> keeps the ReadWriteMany data volume, which is safe only when every API pod shares one node.
/// </summary>
public sealed class KubernetesSettings
{
    /// <summary>The fewest API primaries the HorizontalPodAutoscaler keeps; the Deployment leaves its replica count to the autoscaler.</summary>
    public int MinReplicas { get; set; } = 3;

    /// <summary>The most API primaries the HorizontalPodAutoscaler scales to.</summary>
    public int MaxReplicas { get; set; } = 10;

    /// <summary>The CPU an API container requests (a Kubernetes quantity); the autoscaler's utilization is measured against it.</summary>
    public string ApiCpuRequest { get; set; } = "250m";

    /// <summary>The memory an API container requests (a Kubernetes quantity).</summary>
    public string ApiMemoryRequest { get; set; } = "512Mi";

    /// <summary>The CPU an API container may use (a Kubernetes quantity).</summary>
    public string ApiCpuLimit { get; set; } = "500m";

    /// <summary>The memory an API container may use before it is killed (a Kubernetes quantity).</summary>
    public string ApiMemoryLimit { get; set; } = "1Gi";

    /// <summary><c>PostgreSql</c> (a CloudNativePG cluster, the default) or <c>Sqlite</c> (the shared data volume).</summary>
    public KnowledgeBaseEngine Engine { get; set; } = KnowledgeBaseEngine.PostgreSql;

    /// <summary>The Cluster's name: its Services are <c>{name}-rw</c>, <c>-ro</c>, <c>-r</c>, its app secret <c>{name}-app</c>.</summary>
    public string ClusterName { get; set; } = "healthai-db";

    /// <summary>PostgreSQL instances: a primary and synchronous standbys, spread over nodes.</summary>
    public int Instances { get; set; } = 3;

    /// <summary>
    /// The PostgreSQL image, pinned. Its major version must be the API image's client tools' (Debian 12's
    /// PostgreSQL 15): <c>pg_dump</c> refuses a newer server.
    /// </summary>
    public string ImageName { get; set; } = "ghcr.io/cloudnative-pg/postgresql:15.10";

    /// <summary>Each instance's volume.</summary>
    public string StorageSize { get; set; } = "10Gi";

    /// <summary>The StorageClass of the instances' volumes; unset means the cluster's default.</summary>
    public string? StorageClass { get; set; }

    /// <summary>Where CloudNativePG's own backups go: volume snapshots (the default) or an object store.</summary>
    public DatabaseBackupMethod BackupMethod { get; set; } = DatabaseBackupMethod.VolumeSnapshot;

    /// <summary>The VolumeSnapshotClass for snapshot backups; unset means the cluster's default class.</summary>
    public string? VolumeSnapshotClass { get; set; }

    /// <summary>The object store's destination (for example <c>s3://bucket/healthai</c>), for <see cref="DatabaseBackupMethod.ObjectStore"/>.</summary>
    public string? ObjectStorePath { get; set; }

    /// <summary>The object store's endpoint, when it is not AWS S3's.</summary>
    public string? ObjectStoreEndpoint { get; set; }

    /// <summary>The Secret with <c>ACCESS_KEY_ID</c> and <c>ACCESS_SECRET_KEY</c> for the object store (created by the operator of the deployment).</summary>
    public string ObjectStoreSecret { get; set; } = "healthai-db-backup-credentials";

    /// <summary>When CloudNativePG takes a backup: six fields, seconds first (its ScheduledBackup format).</summary>
    public string BackupSchedule { get; set; } = "0 0 3 * * *";

    /// <summary>How long CloudNativePG keeps its backups (object store).</summary>
    public string BackupRetention { get; set; } = "30d";
}

/// <summary>Where CloudNativePG puts its backups.</summary>
public enum DatabaseBackupMethod
{
    /// <summary>CSI volume snapshots of the instances' volumes.</summary>
    VolumeSnapshot,

    /// <summary>Barman Cloud to an S3-compatible object store.</summary>
    ObjectStore,
}
