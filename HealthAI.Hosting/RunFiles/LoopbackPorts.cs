using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HealthAI.Hosting;

/// <summary>Ports on loopback: the configured one, or a free one where configuration says 0.</summary>
public static class LoopbackPorts
{
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";

    // Linux's default ephemeral range, for a system that does not say its own.
    private static readonly (int Low, int High) DefaultEphemeral = (32768, 60999);

    // The kernel's setting, read once: it does not change while a test run or an AppHost runs.
    private static readonly Lazy<(int Low, int High)> Ephemeral = new(ReadEphemeralRange);

    // Handed out by this process and not yet bound by whoever asked: never handed out twice.
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// <paramref name="configured"/>, or a port free right now when it is 0. Tests ask for 0 so that
    /// several apps can run at once; a resource whose config file names its own port needs the number
    /// before it starts, which DCP's own allocation would give too late. The port lies outside the kernel's
    /// ephemeral range: a port the kernel handed out for a bind to port 0 and took back is the next one it
    /// may hand to someone else (DCP's proxies bind that way), and nginx then failed to start with
    /// "Address already in use". Outside the range only a process naming the port can take it.
    /// </summary>
    public static int Resolve(int configured)
    {
        if (configured != 0)
        {
            return configured;
        }

        var (low, high) = Ephemeral.Value;
        // Above the range when there is room (61000-65535 by default), else below it, from a random start.
        var (first, last) = high < 65000 ? (high + 1, 65535) : (Math.Max(1024, low - 10000), low - 1);
        var start = Random.Shared.Next(first, last + 1);
        for (var i = 0; i <= last - first; i++)
        {
            var port = first + ((start - first + i) % (last - first + 1));
            lock (HandedOut)
            {
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free loopback port outside the ephemeral range ({first}-{last} are all taken).");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static (int Low, int High) ReadEphemeralRange()
    {
        try
        {
            var parts = File.ReadAllText(EphemeralRangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return DefaultEphemeral;
        }
    }
}
