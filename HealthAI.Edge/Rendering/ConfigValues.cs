using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HealthAI.Edge.Rendering;

/// <summary>Value formats both nginx and HAProxy accept, so the two renderings say the same numbers.</summary>
internal static class ConfigValues
{
    /// <summary><c>30s</c>, or <c>500ms</c> below a whole second.</summary>
    public static string Duration(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerSecond == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{(long)value.TotalSeconds}s")
            : string.Create(CultureInfo.InvariantCulture, $"{(long)value.TotalMilliseconds}ms");

    /// <summary>Whole seconds as a bare number (e.g. <c>Retry-After</c>).</summary>
    public static string Seconds(TimeSpan value) => ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    /// <summary><c>512m</c>, <c>64k</c> or plain bytes (nginx size syntax).</summary>
    public static string Size(long bytes) =>
        bytes % (1024 * 1024) == 0 ? Number(bytes / (1024 * 1024)) + "m"
        : bytes % 1024 == 0 ? Number(bytes / 1024) + "k"
        : Number(bytes);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>address:port</c> with IPv6 in brackets.</summary>
    public static string Bind(string address, int port) =>
        IPAddress.Parse(address).AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{address}]:{Number(port)}"
            : $"{address}:{Number(port)}";

    /// <summary>The CIDR as .NET normalizes it, so <c>::0001/128</c> and <c>::1/128</c> render alike.</summary>
    public static string Network(string cidr) => IPNetwork.Parse(cidr).ToString();

    /// <summary>A request header as an nginx variable: <c>Idempotency-Key</c> → <c>$http_idempotency_key</c>.</summary>
    public static string NginxHeaderVariable(string header) =>
        "$http_" + header.ToLowerInvariant().Replace('-', '_');

    /// <summary>A regex alternation of methods: <c>GET|HEAD</c>.</summary>
    public static string Alternation(IEnumerable<string> values) => string.Join('|', values);
}
