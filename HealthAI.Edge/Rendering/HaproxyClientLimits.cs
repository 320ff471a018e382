using HealthAI.Edge.Policy;
using static HealthAI.Edge.Rendering.ConfigValues;

namespace HealthAI.Edge.Rendering;

/// <summary>The per-address connection cap: a stick-table of current connections, checked as each one is accepted.</summary>
internal static class HaproxyClientLimits
{
    public const string ConnectionTable = "edge_conn_per_client";

    /// <summary>At accept time, before any byte is read: a slowloris client gets no more than its share.</summary>
    public static IEnumerable<string> FrontendRules(EdgePolicy policy)
    {
        // sc2: sc0 and sc1 are the rate-limit windows.
        yield return $"tcp-request connection track-sc2 src table {ConnectionTable}";
        yield return $"tcp-request connection reject if {{ sc_conn_cur(2) gt {Number(policy.ClientLimits.MaxConnectionsPerClient)} }}";
    }

    public static void RenderTable(ConfigWriter w, EdgePolicy policy) =>
        w.Section($"backend {ConnectionTable}", t =>
            t.Line($"stick-table type ipv6 size {Number(policy.RateLimit.TableSizeMegabytes * 16_000L)} expire {Duration(policy.ClientLimits.HeaderTimeout * 3)} store conn_cur"));
}
