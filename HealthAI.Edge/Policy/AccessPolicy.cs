namespace HealthAI.Edge.Policy;

/// <summary>Who may use restricted routes and the status endpoint.</summary>
public sealed record AccessPolicy
{
    /// <summary>Loopback and the private ranges (RFC 1918, unique-local IPv6).</summary>
    public static IReadOnlyList<string> PrivateNetworks { get; } =
        ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"];

    /// <summary>CIDR networks allowed; empty denies everyone.</summary>
    public IReadOnlyList<string> AllowedNetworks { get; init; } = PrivateNetworks;

    /// <summary>Private networks only.</summary>
    public static AccessPolicy Default { get; } = new();
}
