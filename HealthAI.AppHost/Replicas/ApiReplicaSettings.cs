using System.Globalization;
using HealthAI.Api.Ask;
using HealthAI.Api.Backups;
using HealthAI.Api.Faults;
using HealthAI.Api.KnowledgeBase;
using HealthAI.ServiceDefaults;

namespace HealthAI.AppHost.Replicas;

/// <summary>
/// The API settings every replica gets, as environment variables, whatever runs it: one function for the
/// local run, compose and Kubernetes. The target supplies only the folders; the keys come from the API's
/// options types, so a renamed option breaks the build instead of a deployment.
/// </summary>
public static class ApiReplicaSettings
{
    /// <summary>The shared data volume (<see cref="KnowledgeBaseOptions.DataDirectory"/>).</summary>
    public const string DataDirectoryKey = KnowledgeBaseOptions.SectionName + "__" + nameof(KnowledgeBaseOptions.DataDirectory);

    /// <summary>The shared backups volume (<see cref="BackupOptions.Directory"/>).</summary>
    public const string BackupsDirectoryKey = BackupOptions.SectionName + "__" + nameof(BackupOptions.Directory);

    /// <summary>The scheduled backups' interval (<see cref="BackupScheduleOptions.Interval"/>).</summary>
    public const string BackupIntervalKey = BackupOptions.SectionName + "__" + nameof(BackupOptions.Schedule) + "__" + nameof(BackupScheduleOptions.Interval);

    /// <summary>The /backup admin token (<see cref="BackupOptions.AdminToken"/>), always from a secret.</summary>
    public const string AdminTokenKey = BackupOptions.SectionName + "__" + nameof(BackupOptions.AdminToken);

    /// <summary>The key that seals the backups' manifests (<see cref="BackupOptions.ManifestKey"/>), always from a secret.</summary>
    public const string ManifestKeyKey = BackupOptions.SectionName + "__" + nameof(BackupOptions.ManifestKey);

    /// <summary>The editor token writes require (<see cref="KnowledgeBaseOptions.EditorToken"/>), always from a secret.</summary>
    public const string EditorTokenKey = KnowledgeBaseOptions.SectionName + "__" + nameof(KnowledgeBaseOptions.EditorToken);

    /// <summary>The test-only fault switch (<see cref="FaultInjectionOptions.Enabled"/>).</summary>
    public const string FaultInjectionKey = FaultInjectionOptions.SectionName + "__" + nameof(FaultInjectionOptions.Enabled);

    /// <summary>The drain (<see cref="ReplicaOptions.DrainPeriod"/>).</summary>
    public const string DrainPeriodKey = ReplicaOptions.SectionName + "__" + nameof(ReplicaOptions.DrainPeriod);

    /// <summary>The in-flight grace after the drain (<see cref="ReplicaOptions.InFlightGracePeriod"/>).</summary>
    public const string InFlightGracePeriodKey = ReplicaOptions.SectionName + "__" + nameof(ReplicaOptions.InFlightGracePeriod);

    /// <summary>The model's whole budget (<see cref="ModelOptions.Timeout"/>).</summary>
    public const string ModelTimeoutKey = ModelOptions.SectionName + "__" + nameof(ModelOptions.Timeout);

    /// <summary>The model's budget per attempt (<see cref="ModelOptions.AttemptTimeout"/>).</summary>
    public const string ModelAttemptTimeoutKey = ModelOptions.SectionName + "__" + nameof(ModelOptions.AttemptTimeout);

    /// <summary>The model's endpoint (<see cref="ModelOptions.Endpoint"/>); empty: extractive answers only.</summary>
    public const string ModelEndpointKey = ModelOptions.SectionName + "__" + nameof(ModelOptions.Endpoint);

    /// <summary>The model's name (<see cref="ModelOptions.Name"/>).</summary>
    public const string ModelNameKey = ModelOptions.SectionName + "__" + nameof(ModelOptions.Name);

    /// <summary>The settings of every replica, with the data and backups folders as the target mounts them.</summary>
    public static IReadOnlyDictionary<string, string> For(ReplicaSettings replicas, ReplicaNetworkAccess networkAccess, string dataDirectory, string backupsDirectory)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        ArgumentNullException.ThrowIfNull(networkAccess);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(backupsDirectory);
        var settings = new SortedDictionary<string, string>(networkAccess.Settings().ToDictionary(), StringComparer.Ordinal)
        {
            [DrainPeriodKey] = replicas.DrainPeriod.ToString("c", CultureInfo.InvariantCulture),
            [InFlightGracePeriodKey] = replicas.InFlightGracePeriod.ToString("c", CultureInfo.InvariantCulture),
            [FaultInjectionKey] = replicas.FaultInjection ? "true" : "false",
            [ModelTimeoutKey] = replicas.Model.Timeout.ToString("c", CultureInfo.InvariantCulture),
            [ModelAttemptTimeoutKey] = replicas.Model.AttemptTimeout.ToString("c", CultureInfo.InvariantCulture),
            [DataDirectoryKey] = dataDirectory,
            [BackupsDirectoryKey] = backupsDirectory,
        };
        if (replicas.BackupInterval > TimeSpan.Zero)
        {
            settings[BackupIntervalKey] = replicas.BackupInterval.ToString("c", CultureInfo.InvariantCulture);
        }

        if (replicas.Model.IsConfigured)
        {
            settings[ModelEndpointKey] = replicas.Model.Endpoint;
            settings[ModelNameKey] = replicas.Model.Name;
        }

        return settings;
    }
}
