namespace HealthAI.AppHost.Publishing.Compose;

/// <summary>
/// Fixed addresses on the compose networks. nginx OSS and HAProxy resolve an upstream's name once, when they
/// load their configuration; a recreated container (a rolling update) gets a new address from Docker, and the
/// edges would keep sending to the old one. A fixed address per replica keeps every edge right without a
/// reload, and lets the database nodes' pg_hba name each replica. Services without a fixed address take one
/// from the upper half of a subnet, so a replica's address is free whenever the replica is down.
/// </summary>
public static class ComposeAddresses
{
    /// <summary>The backend network's subnet: replicas, edges and monitoring (a deployment whose networks overlap it changes it here).</summary>
    public const string BackendSubnet = "10.231.0.0/24";

    /// <summary>Where Docker hands out addresses to the backend's services without a fixed one.</summary>
    public const string DynamicRange = "10.231.0.128/25";

    /// <summary>The database network's subnet: the replicas and the data nodes, nothing else.</summary>
    public const string DatabaseSubnet = "10.231.1.0/24";

    /// <summary>Where Docker hands out the data nodes' addresses on the database network.</summary>
    public const string DatabaseDynamicRange = "10.231.1.128/25";

    /// <summary>The failover network's subnet: pg_auto_failover's monitor and the data nodes (replication and health checks).</summary>
    public const string FailoverSubnet = "10.231.2.0/24";

    /// <summary>The fixed address of the replica at <paramref name="index"/> (0-based) in the topology, on the backend network.</summary>
    public static string Replica(int index) => $"10.231.0.{ReplicaHost(index)}";

    /// <summary>The same replica's fixed address on the database network, which the data nodes' pg_hba admits.</summary>
    public static string ReplicaOnDatabase(int index) => $"10.231.1.{ReplicaHost(index)}";

    /// <summary>
    /// The fixed address of the pg_auto_failover node at <paramref name="index"/> (the monitor first) on the failover
    /// network: pg_auto_failover writes the nodes' replication and monitor rules by address.
    /// </summary>
    public static string FailoverNode(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 14);
        return $"10.231.2.{index + 113}";
    }

    /// <summary>The PostgreSQL exporter's fixed address on the failover network: the monitor admits its role from here alone.</summary>
    public const string FailoverExporter = "10.231.2.100";

    /// <summary>
    /// The fixed backend address of the default edge's sidecar at <paramref name="index"/> (mtail): nginx sends its request
    /// log stream to an IP literal, resolved never, so the sidecar keeps receiving across restarts of either.
    /// </summary>
    public static string EdgeSidecar(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 7);
        return $"10.231.0.{index + 120}";
    }

    private static int ReplicaHost(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 100);
        return index + 11;
    }
}
