using k8s;
using k8s.Models;

namespace HealthAI.AppHost.Publishing.Kubernetes;

// CloudNativePG's resources (postgresql.cnpg.io/v1), only the fields HealthAI sets. KubernetesYaml writes a
// property under its camelCased name, so each is spelt as the CRD spells it (postInitSQL, enablePDB). cloudnative-pg.schema.json beside this file states the same subset as JSON Schema; the publishing
// tests validate every published Cluster and ScheduledBackup against it.

/// <summary>A CloudNativePG <c>Cluster</c>: PostgreSQL instances the operator runs, replicates and fails over.</summary>
public sealed class CnpgCluster : IKubernetesObject<V1ObjectMeta>
{
    public const string GroupVersion = "postgresql.cnpg.io/v1";

    public string ApiVersion { get; set; } = GroupVersion;

    public string Kind { get; set; } = "Cluster";

    public V1ObjectMeta Metadata { get; set; } = new();

    public CnpgClusterSpec Spec { get; set; } = new();
}

public sealed class CnpgClusterSpec
{
    public int Instances { get; set; }

    public string? ImageName { get; set; }

    /// <summary><c>unsupervised</c>: the operator switches the primary over itself during rolling updates.</summary>
    public string? PrimaryUpdateStrategy { get; set; }

    public CnpgPostgresConfiguration? Postgresql { get; set; }

    public CnpgBootstrap? Bootstrap { get; set; }

    public CnpgStorage Storage { get; set; } = new();

    /// <summary>The operator's own PodDisruptionBudgets for the primary and the replicas.</summary>
    public bool? EnablePDB { get; set; }

    public CnpgAffinity? Affinity { get; set; }

    public CnpgBackupConfiguration? Backup { get; set; }
}

public sealed class CnpgPostgresConfiguration
{
    public CnpgSynchronousReplication? Synchronous { get; set; }
}

public sealed class CnpgSynchronousReplication
{
    /// <summary><c>any</c> (quorum) or <c>first</c> (priority).</summary>
    public string Method { get; set; } = "any";

    public int Number { get; set; }

    /// <summary><c>required</c>: writes wait for the standbys rather than go on alone.</summary>
    public string? DataDurability { get; set; }
}

public sealed class CnpgBootstrap
{
    public CnpgInitDb? Initdb { get; set; }
}

public sealed class CnpgInitDb
{
    public string Database { get; set; } = "";

    public string Owner { get; set; } = "";

    public List<string>? PostInitSQL { get; set; }
}

public sealed class CnpgStorage
{
    public string Size { get; set; } = "";

    public string? StorageClass { get; set; }
}

public sealed class CnpgAffinity
{
    public bool? EnablePodAntiAffinity { get; set; }

    public string? TopologyKey { get; set; }

    /// <summary><c>required</c>: never two instances on one node.</summary>
    public string? PodAntiAffinityType { get; set; }
}

public sealed class CnpgBackupConfiguration
{
    public string? RetentionPolicy { get; set; }

    public CnpgVolumeSnapshotConfiguration? VolumeSnapshot { get; set; }

    public CnpgBarmanObjectStore? BarmanObjectStore { get; set; }
}

public sealed class CnpgVolumeSnapshotConfiguration
{
    public string? ClassName { get; set; }
}

public sealed class CnpgBarmanObjectStore
{
    public string DestinationPath { get; set; } = "";

    public string? EndpointURL { get; set; }

    public CnpgS3Credentials? S3Credentials { get; set; }
}

public sealed class CnpgS3Credentials
{
    public CnpgSecretKeySelector AccessKeyId { get; set; } = new();

    public CnpgSecretKeySelector SecretAccessKey { get; set; } = new();
}

public sealed class CnpgSecretKeySelector
{
    public string Name { get; set; } = "";

    public string Key { get; set; } = "";
}

/// <summary>A CloudNativePG <c>ScheduledBackup</c>: the operator's backups of a Cluster on a schedule.</summary>
public sealed class CnpgScheduledBackup : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = CnpgCluster.GroupVersion;

    public string Kind { get; set; } = "ScheduledBackup";

    public V1ObjectMeta Metadata { get; set; } = new();

    public CnpgScheduledBackupSpec Spec { get; set; } = new();
}

public sealed class CnpgScheduledBackupSpec
{
    public string Schedule { get; set; } = "";

    public CnpgLocalObjectReference Cluster { get; set; } = new();

    /// <summary><c>volumeSnapshot</c> or <c>barmanObjectStore</c>.</summary>
    public string Method { get; set; } = "";

    /// <summary><c>self</c>: the Backup objects belong to this ScheduledBackup and go with it.</summary>
    public string? BackupOwnerReference { get; set; }
}

public sealed class CnpgLocalObjectReference
{
    public string Name { get; set; } = "";
}
