using System.Globalization;
using HealthAI.ServiceDefaults;

namespace HealthAI.AppHost.Replicas;

/// <summary>
/// The replicas' <see cref="NetworkAccessOptions"/>: the edges' allow-list, and the edges' own addresses as trusted
/// proxies, so a replica refuses what its edge refuses.
/// </summary>
/// <param name="AllowedNetworks">The allow-list; empty denies everyone.</param>
/// <param name="TrustedProxies">Where the edges connect from.</param>
public sealed record ReplicaNetworkAccess(IReadOnlyList<string> AllowedNetworks, IReadOnlyList<string> TrustedProxies)
{
    /// <summary>The local run: the configured allow-list; edges are host processes on loopback unless configured.</summary>
    public static ReplicaNetworkAccess ForRun(EdgeSettings edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        return new(edges.EffectiveAllowedNetworks, edges.TrustedProxies ?? [.. NetworkAccessOptions.LoopbackHosts]);
    }

    /// <summary>Compose and Kubernetes: the configured allow-list; edges on the private container or pod network unless configured.</summary>
    public static ReplicaNetworkAccess ForDeployment(EdgeSettings edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        return new(edges.EffectiveAllowedNetworks, edges.TrustedProxies ?? [.. NetworkAccessOptions.PrivateNetworks]);
    }

    /// <summary>The environment variables of <see cref="NetworkAccessOptions"/> for these lists.</summary>
    public IReadOnlyDictionary<string, string> Settings()
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Add(ReplicaEnvironment.AllowedNetworks, AllowedNetworks);
        Add(ReplicaEnvironment.TrustedProxies, TrustedProxies);
        return settings;

        void Add(string prefix, IReadOnlyList<string> networks)
        {
            if (networks.Count == 0)
            {
                // An empty value binds an empty list; no variable at all would mean the default.
                settings[prefix] = "";
            }

            for (var i = 0; i < networks.Count; i++)
            {
                settings[$"{prefix}__{i.ToString(CultureInfo.InvariantCulture)}"] = networks[i];
            }
        }
    }
}
