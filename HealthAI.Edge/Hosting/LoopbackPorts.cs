using System.Net;
using System.Net.Sockets;

namespace HealthAI.Edge.Hosting;

/// <summary>Ports on loopback: the configured one, or a free one where configuration says 0.</summary>
public static class LoopbackPorts
{
    /// <summary>
    /// <paramref name="configured"/>, or a port free right now when it is 0. Tests ask for 0 so that
    /// several apps can run at once; a resource whose config file names its own port needs the number
    /// before it starts, which DCP's own allocation would give too late.
    /// </summary>
    public static int Resolve(int configured)
    {
        if (configured != 0)
        {
            return configured;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
