using System.Globalization;

namespace HealthAI.AppHost.KnowledgeBase;

/// <summary>
/// The pg_auto_failover monitor's timing (<c>HealthAI:KnowledgeBase:Failover</c>), tighter than the
/// extension's defaults (5 s checks, 20 s unhealthy, 30 s demote timeout: about a minute of refused writes)
/// so that a lost primary costs writes seconds. Synchronous replication (the monitor's default with one
/// standby) is what keeps a shorter demote timeout from losing anything acknowledged: an old primary cut
/// off from its standby cannot commit.
/// </summary>
public sealed class PostgreSqlFailoverSettings
{
    /// <summary>Between two health checks of a node (<c>pgautofailover.health_check_period</c>).</summary>
    public TimeSpan HealthCheckPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A health check's connection timeout (<c>pgautofailover.health_check_timeout</c>).</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Failed checks retried before a node is failed (<c>pgautofailover.health_check_max_retries</c>).</summary>
    public int HealthCheckRetries { get; set; } = 2;

    /// <summary>Between retries of a failed check (<c>pgautofailover.health_check_retry_delay</c>).</summary>
    public TimeSpan HealthCheckRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a node's keeper may stay silent before it counts as unhealthy (<c>pgautofailover.node_considered_unhealthy_timeout</c>).</summary>
    public TimeSpan UnhealthyTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How long the monitor waits for a lost primary to demote itself before promoting (<c>pgautofailover.primary_demote_timeout</c>).</summary>
    public TimeSpan DemoteTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>
    /// How long every node's keeper waits for a connection (to its own server, the monitor or the primary) before
    /// it counts the attempt as failed (<c>PGCONNECT_TIMEOUT</c>). pg_autoctl's own 2 s is shorter than a busy
    /// host's stall: a standby whose keeper cannot reach its own server in time reports itself unhealthy, and the
    /// monitor then takes it out of the candidates for promotion, so the next failure of the primary has nowhere to go.
    /// </summary>
    public TimeSpan KeeperConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a data node that crashed waits before it starts again: past the monitor's decision (the
    /// unhealthy timeout and every health-check attempt), so that the in-sync standby is promoted and the
    /// crashed node rejoins as its standby instead of racing it with crash recovery.
    /// </summary>
    public TimeSpan CrashHoldoff => UnhealthyTimeout + (HealthCheckRetries + 1) * (HealthCheckTimeout + HealthCheckRetryDelay);

    /// <summary>The monitor's settings as <c>name=value</c> pairs (the image's <c>PG_MONITOR_SETTINGS</c>).</summary>
    public IEnumerable<string> MonitorSettings() =>
    [
        Setting("health_check_period", HealthCheckPeriod),
        Setting("health_check_timeout", HealthCheckTimeout),
        string.Create(CultureInfo.InvariantCulture, $"pgautofailover.health_check_max_retries={HealthCheckRetries}"),
        Setting("health_check_retry_delay", HealthCheckRetryDelay),
        Setting("node_considered_unhealthy_timeout", UnhealthyTimeout),
        Setting("primary_demote_timeout", DemoteTimeout),
    ];

    private static string Setting(string name, TimeSpan value) =>
        string.Create(CultureInfo.InvariantCulture, $"pgautofailover.{name}={(long)value.TotalMilliseconds}");
}
