using HealthAI.Edge.Policy;
using static HealthAI.Edge.Rendering.ConfigValues;

namespace HealthAI.Edge.Rendering;

/// <summary>The <c>http</c>-level limits on what one client may hold: phase timeouts and a per-address connection cap.</summary>
internal static class NginxClientLimits
{
    public const string ConnectionZone = "edge_conn_limit";

    public static IEnumerable<string> Directives(EdgePolicy policy)
    {
        var limits = policy.ClientLimits;
        // Without these nginx waits 60 s per phase, so a few hundred slow clients hold connections for minutes.
        yield return $"client_header_timeout {Duration(limits.HeaderTimeout)};";
        yield return $"client_body_timeout {Duration(limits.BodyTimeout)};";
        yield return $"send_timeout {Duration(limits.SendTimeout)};";
        // A timed-out client gets a reset, so its socket memory is freed at once instead of lingering in FIN_WAIT.
        yield return "reset_timedout_connection on;";
        // nginx counts a connection here only once its headers are read; slow-header ones end at client_header_timeout.
        yield return $"limit_conn_zone $binary_remote_addr zone={ConnectionZone}:{Number(policy.RateLimit.TableSizeMegabytes)}m;";
        yield return $"limit_conn {ConnectionZone} {Number(limits.MaxConnectionsPerClient)};";
        yield return "limit_conn_status 429;";
        yield return "limit_conn_log_level warn;";
    }
}
