using System.Text.RegularExpressions;
using HealthAI.AppHost.Publishing;

namespace HealthAI.AppHost.KnowledgeBase;

/// <summary>Checks the database settings of the deployments (the failover timing, the Kubernetes cluster), each problem naming its key.</summary>
internal static partial class DatabaseSettingsValidator
{
    public static IEnumerable<string> Validate(HealthAISettings settings)
    {
        var failover = settings.KnowledgeBase.Failover;
        var failoverKey = $"{HealthAISettings.SectionName}:{nameof(HealthAISettings.KnowledgeBase)}:{nameof(KnowledgeBaseSettings.Failover)}";
        foreach (var (name, value) in new[]
        {
            (nameof(failover.HealthCheckPeriod), failover.HealthCheckPeriod),
            (nameof(failover.HealthCheckTimeout), failover.HealthCheckTimeout),
            (nameof(failover.HealthCheckRetryDelay), failover.HealthCheckRetryDelay),
            (nameof(failover.UnhealthyTimeout), failover.UnhealthyTimeout),
            (nameof(failover.DemoteTimeout), failover.DemoteTimeout),
        })
        {
            if (value < TimeSpan.FromMilliseconds(100) || value > TimeSpan.FromMinutes(10))
            {
                yield return $"{failoverKey}:{name} must be between 00:00:00.1 and 00:10:00; got {value}.";
            }
        }

        // libpq takes whole seconds and treats anything under 2 as 2.
        if (failover.KeeperConnectTimeout < TimeSpan.FromSeconds(2) || failover.KeeperConnectTimeout > TimeSpan.FromMinutes(1))
        {
            yield return $"{failoverKey}:{nameof(failover.KeeperConnectTimeout)} must be between 00:00:02 and 00:01:00; got {failover.KeeperConnectTimeout}.";
        }

        if (failover.HealthCheckRetries is < 0 or > 10)
        {
            yield return $"{failoverKey}:{nameof(failover.HealthCheckRetries)} must be between 0 and 10; got {failover.HealthCheckRetries}.";
        }

        var kubernetes = settings.Publish.Kubernetes;
        var kubernetesKey = $"{HealthAISettings.SectionName}:{nameof(HealthAISettings.Publish)}:{nameof(PublishSettings.Kubernetes)}";
        if (!Enum.IsDefined(kubernetes.Engine))
        {
            yield return $"{kubernetesKey}:{nameof(kubernetes.Engine)} must be Sqlite or PostgreSql; got {kubernetes.Engine}.";
        }

        if (!DnsLabel().IsMatch(kubernetes.ClusterName))
        {
            yield return $"{kubernetesKey}:{nameof(kubernetes.ClusterName)} must be a DNS label of at most 50 characters (lower-case letters, digits, '-'); got '{kubernetes.ClusterName}'.";
        }

        // Synchronous replication needs a standby besides the primary.
        if (kubernetes.Instances is < 2 or > 9)
        {
            yield return $"{kubernetesKey}:{nameof(kubernetes.Instances)} must be between 2 and 9; got {kubernetes.Instances}.";
        }

        if (!Quantity().IsMatch(kubernetes.StorageSize))
        {
            yield return $"{kubernetesKey}:{nameof(kubernetes.StorageSize)} must be a Kubernetes quantity such as 10Gi; got '{kubernetes.StorageSize}'.";
        }

        if (kubernetes.BackupMethod == DatabaseBackupMethod.ObjectStore && string.IsNullOrWhiteSpace(kubernetes.ObjectStorePath))
        {
            yield return $"{kubernetesKey}:{nameof(kubernetes.ObjectStorePath)} is required when {nameof(kubernetes.BackupMethod)} is {DatabaseBackupMethod.ObjectStore} (for example s3://bucket/healthai).";
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,48}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")]
    private static partial Regex Quantity();
}
