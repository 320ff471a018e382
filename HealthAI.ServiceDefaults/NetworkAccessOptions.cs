namespace HealthAI.ServiceDefaults;

/// <summary>
/// Who may use a replica's restricted endpoints (detailed health, metrics, backups, faults) — the same allow-list
/// the edges enforce, so a misconfigured or bypassed edge is not the only guard — and which peers are proxies
/// whose <c>X-Forwarded-For</c> names the real client. Bound from the <c>NetworkAccess</c> section; the AppHost
/// passes both lists to every replica.
/// </summary>
public sealed class NetworkAccessOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "NetworkAccess";

    /// <summary>Loopback and the private ranges: the edges' default allow-list too.</summary>
    public static IReadOnlyList<string> PrivateNetworks { get; } =
        ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"];

    /// <summary>Where the edges run when they are host processes beside the replicas.</summary>
    public static IReadOnlyList<string> LoopbackHosts { get; } = ["127.0.0.1/32", "::1/128"];

    /// <summary>CIDR networks allowed on restricted endpoints; null means <see cref="PrivateNetworks"/>, empty denies everyone.</summary>
    /// <remarks>Nullable rather than pre-filled: the configuration binder appends to a list it finds filled.</remarks>
    public List<string>? AllowedNetworks { get; set; }

    /// <summary>CIDR networks of the proxies (the edges) whose <c>X-Forwarded-For</c> is honoured; null means <see cref="LoopbackHosts"/>.</summary>
    public List<string>? TrustedProxies { get; set; }

    /// <summary>The allow-list in force.</summary>
    public IReadOnlyList<string> EffectiveAllowedNetworks => AllowedNetworks ?? PrivateNetworks;

    /// <summary>The trusted proxies in force.</summary>
    public IReadOnlyList<string> EffectiveTrustedProxies => TrustedProxies ?? LoopbackHosts;
}
