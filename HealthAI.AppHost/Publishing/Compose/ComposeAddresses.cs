namespace HealthAI.AppHost.Publishing.Compose;

/// <summary>
/// Fixed addresses of the API replicas on the compose backend network. nginx OSS and HAProxy resolve an
/// upstream's name once, when they load their configuration; a recreated container (a rolling update)
/// gets a new address from Docker, and the edges would keep sending to the old one. A fixed address
/// per replica keeps every edge right without a reload. Other services take addresses from the upper
/// half of the subnet, so a replica's address is free whenever the replica is down.
/// </summary>
public static class ComposeAddresses
{
    /// <summary>The backend network's subnet (a deployment whose networks overlap it changes it here).</summary>
    public const string BackendSubnet = "10.231.0.0/24";

    /// <summary>Where Docker hands out addresses to the services without a fixed one.</summary>
    public const string DynamicRange = "10.231.0.128/25";

    /// <summary>The fixed address of the replica at <paramref name="index"/> (0-based) in the topology.</summary>
    public static string Replica(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 100);
        return $"10.231.0.{index + 11}";
    }

    /// <summary>
    /// The fixed address of the database node at <paramref name="index"/> (the monitor first): above every
    /// replica's, below the dynamic range. pg_auto_failover writes the nodes' pg_hba rules by address.
    /// </summary>
    public static string Database(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 14);
        return $"10.231.0.{index + 113}";
    }
}
