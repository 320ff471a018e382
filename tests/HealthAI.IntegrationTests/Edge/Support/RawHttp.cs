using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HealthAI.Edge.Tests.Support;

/// <summary>
/// Requests written byte for byte on a socket from a chosen loopback address: paths no HTTP client would send
/// unchanged, and bodies sent at a set pace while the answer is awaited.
/// </summary>
internal static class RawHttp
{
    /// <summary>The status code and how long after the headers were sent it arrived.</summary>
    public sealed record Answer(int Status, TimeSpan After, string Head);

    public static Task<Answer> GetAsync(Uri edge, string path, string source, CancellationToken cancellationToken, params string[] headers) =>
        SendAsync(edge, $"GET {path} HTTP/1.1", source, headers, 0, 0, cancellationToken);

    /// <summary>
    /// Sends headers announcing <paramref name="bodyBytes"/>, then the body at <paramref name="bytesPerSecond"/>
    /// while reading; returns at the first status line, whether or not the body was all sent.
    /// </summary>
    public static async Task<Answer> SendAsync(Uri edge, string requestLine, string source, IEnumerable<string> headers, long bodyBytes, int bytesPerSecond, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, edge.Port), cancellationToken);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var head = new StringBuilder($"{requestLine}\r\nHost: {edge.Authority}\r\nConnection: close\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        if (bodyBytes > 0)
        {
            head.Append("Content-Type: application/json\r\nContent-Length: ").Append(bodyBytes).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), cancellationToken);
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sending = bodyBytes > 0 ? TrickleAsync(stream, bodyBytes, bytesPerSecond, stop.Token) : Task.CompletedTask;
        var buffer = new byte[8192];
        var received = new StringBuilder();
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var after = clock.Elapsed;
        await stop.CancelAsync();
        try
        {
            await sending;
        }
        catch (Exception stopped) when (stopped is OperationCanceledException or IOException or SocketException)
        {
            // The edge may close the connection on a body it refused.
        }

        var text = received.ToString();
        var status = text.StartsWith("HTTP/1.", StringComparison.Ordinal) ? int.Parse(text.AsSpan(9, 3), provider: null) : 0;
        return new Answer(status, after, text);
    }

    private static async Task TrickleAsync(Stream stream, long bodyBytes, int bytesPerSecond, CancellationToken cancellationToken)
    {
        // Tenths of a second: a slow client, not one write per byte.
        var slice = new byte[Math.Max(1, bytesPerSecond / 10)];
        Array.Fill(slice, (byte)' ');
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (sent < bodyBytes)
        {
            var count = (int)Math.Min(slice.Length, bodyBytes - sent);
            await stream.WriteAsync(slice.AsMemory(0, count), cancellationToken);
            sent += count;
            var due = TimeSpan.FromSeconds((double)sent / bytesPerSecond) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }
        }
    }
}
