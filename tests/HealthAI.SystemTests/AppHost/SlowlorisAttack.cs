using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HealthAI.AppHost.Tests;

/// <summary>
/// Slowloris from one loopback address: many connections that each send a request line and then one header
/// line every couple of seconds, never finishing. Records, per connection, whether and when the edge closed it.
/// </summary>
internal static class SlowlorisAttack
{
    private static readonly TimeSpan TrickleInterval = TimeSpan.FromSeconds(2);

    /// <summary>When the edge closed each connection after it was opened; null if it was still open at the end.</summary>
    public static async Task<IReadOnlyList<TimeSpan?>> RunAsync(string sourceAddress, Uri edge, int connections, TimeSpan holdFor, CancellationToken cancellationToken)
    {
        var source = IPAddress.Parse(sourceAddress);
        var target = new IPEndPoint(edge.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(edge.Host), edge.Port);
        return await Task.WhenAll(Enumerable.Range(0, connections).Select(i => HoldAsync(source, target, holdFor, cancellationToken)));
    }

    private static async Task<TimeSpan?> HoldAsync(IPAddress source, IPEndPoint target, TimeSpan holdFor, CancellationToken cancellationToken)
    {
        using var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(source, 0));
        var clock = Stopwatch.StartNew();
        try
        {
            await socket.ConnectAsync(target, cancellationToken);
            await socket.SendAsync(Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nHost: {target}\r\n"), cancellationToken);
            var closed = socket.ReceiveAsync(new byte[4096], cancellationToken).AsTask();
            while (clock.Elapsed < holdFor)
            {
                if (await Task.WhenAny(closed, Task.Delay(TrickleInterval, cancellationToken)) == closed)
                {
                    return clock.Elapsed;
                }

                await socket.SendAsync(Encoding.ASCII.GetBytes("X-Slow: 1\r\n"), cancellationToken);
            }

            return null;
        }
        catch (SocketException)
        {
            // Refused, reset or broken pipe: the edge closed it.
            return clock.Elapsed;
        }
    }
}
