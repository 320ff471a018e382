namespace HealthAI.AppHost.Publishing;

/// <summary>
/// A secret of the deployment, named as the app model names it (an Aspire secret parameter such as
/// <c>backup-admin-token</c>): compose reads it from <c>.env</c> as <see cref="EnvironmentVariable"/>,
/// Kubernetes from the generated Secret under <see cref="Name"/>. Published manifests never hold its value; the
/// <c>secrets.env</c> that Kubernetes' secret generator reads is written beside them (mode 0600) with a value for each.
/// </summary>
public sealed record DeployedSecret(string Name)
{
    /// <summary>HAProxy's stats password: generated per local run, a secret of its own when deployed.</summary>
    public static DeployedSecret HaproxyStatsPassword { get; } = new("haproxy-stats-password");

    /// <summary>The name as an environment variable: <c>BACKUP_ADMIN_TOKEN</c>.</summary>
    public string EnvironmentVariable => Name.Replace('-', '_').ToUpperInvariant();
}
