using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HealthAI.Edge.Policy;

/// <summary>One API replica the edge balances over.</summary>
/// <param name="Name">Server name shown in logs and stats (letters, digits, '.', '_', '-').</param>
/// <param name="Host">Host name or IP literal (IPv6 without brackets, e.g. <c>::1</c>).</param>
/// <param name="Port">TCP port of the replica.</param>
/// <param name="Role">Primary or backup.</param>
public sealed record Upstream(string Name, string Host, int Port, UpstreamRole Role = UpstreamRole.Primary)
{
    /// <summary>
    /// Taken out of rotation on purpose (before a planned restart): the edge sends it no new requests
    /// while those in flight finish. nginx renders it <c>down</c>, HAProxy <c>disabled</c>.
    /// </summary>
    public bool Drained { get; init; }

    /// <summary>
    /// <c>host:port</c>, with an IPv6 literal in brackets: both nginx and HAProxy would otherwise read the
    /// last group of <c>::1</c> as part of the port.
    /// </summary>
    public string Endpoint =>
        IPAddress.TryParse(Host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6
            ? string.Create(CultureInfo.InvariantCulture, $"[{Host}]:{Port}")
            : string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");
}
